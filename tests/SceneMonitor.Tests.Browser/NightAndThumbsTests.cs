using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SceneMonitor.Tests.Browser;

/// <summary>Night and thumbs: the dark theme follows the system and can be switched (and stays
/// switched), every control is at least 44 × 44 px on a phone, the legend starts folded there, and
/// a tap on a map shape (a hexagon, an arrow, a planner's count cell) shows its popup. Screenshots
/// light and dark, desktop and phone, in Dutch and French go to artifacts/screenshots.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NightAndThumbsTests(BrowserFixture fx, ITestOutputHelper output)
{
    private static Task WaitForObservationsAsync(IPage page) => BrowserFixture.WaitForObservationsAsync(page);

    /// <summary>Every visible control smaller than 44 × 44 px, as "selector w×h". Checkboxes count by
    /// their label (the label is what a thumb hits); links inside running text (the map's
    /// attribution) and the skip link (off screen until focused) are not controls of their own.</summary>
    private static async Task<List<string>> SmallControlsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>("""
            () => {
              const controls = document.querySelectorAll(
                'button, a[href], select, input:not([type=checkbox]):not([type=radio]):not([type=hidden]), label.category-item, .leaflet-control-zoom a');
              const small = [];
              for (const el of controls) {
                if (el.closest('.leaflet-control-attribution, dialog:not([open])') || el.classList.contains('skip-link')) continue;
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
                if (r.width < 43.5 || r.height < 43.5) {
                  const name = el.id ? '#' + el.id : el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + (el.textContent.trim() ? ` "${el.textContent.trim().slice(0, 20)}"` : '');
                  small.push(`${name} ${Math.round(r.width)}x${Math.round(r.height)}`);
                }
              }
              return JSON.stringify(small);
            }
            """);
        return JsonSerializer.Deserialize<List<string>>(json)!;
    }

    [Theory]
    [InlineData("nl-BE")]
    [InlineData("fr-BE")]
    public async Task On_a_phone_in_the_dark_every_control_is_thumb_sized_the_legend_folded_and_axe_passes(string locale)
    {
        var lang = locale[..2];
        var page = await fx.NewPageAsync(390, 844, locale, ColorScheme.Dark, hasTouch: true);
        await fx.OpenAsync(page);
        await WaitForObservationsAsync(page);
        Assert.Equal(lang, await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("dark", await page.GetAttributeAsync("html", "data-theme")); // follows the system
        var firstDraw = await page.EvaluateAsync<double?>("() => performance.getEntriesByName('sm:first-draw')[0]?.startTime ?? null");
        output.WriteLine($"first data drawn {firstDraw:0} ms after navigation (reported only: the bench measures speed)");

        var small = await SmallControlsAsync(page);
        Assert.True(small.Count == 0, "controls under 44 × 44 px: " + string.Join(", ", small));
        Assert.True(await page.Locator(".map-legend.collapsed").IsVisibleAsync(), "the legend starts folded on a phone");
        var legend = (await page.Locator(".map-legend").BoundingBoxAsync())!;
        var map = (await page.Locator("#map").BoundingBoxAsync())!;
        Assert.True(legend.Height * legend.Width < map.Height * map.Width / 8, "the folded legend covers a small corner of the map");
        await fx.ScreenshotAsync(page, $"phone-dark-{lang}");
        var axe = await AxeCheck.SeriousAsync(page, $"phone, dark, {lang}", output);

        // The menu's views, open popups and the record form are thumb-sized too.
        await page.ClickAsync("[data-view-link=record]");
        await page.WaitForSelectorAsync("#record-form");
        var smallRecord = await SmallControlsAsync(page);
        Assert.True(smallRecord.Count == 0, "record view, controls under 44 × 44 px: " + string.Join(", ", smallRecord));
        axe += await AxeCheck.SeriousAsync(page, $"phone, dark, {lang}, record", output);
        await fx.ScreenshotAsync(page, $"phone-dark-{lang}-record");
        Assert.True(axe.Length == 0, "serious or critical accessibility violations:\n" + axe);

        // Switched to light by hand: kept after a reload although the system stays dark.
        await page.ClickAsync("#theme-toggle");
        Assert.Equal("light", await page.GetAttributeAsync("html", "data-theme"));
        Assert.Equal("false", await page.GetAttributeAsync("#theme-toggle", "aria-pressed"));
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body.ready");
        Assert.Equal("light", await page.GetAttributeAsync("html", "data-theme"));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("nl-BE", "light")]
    [InlineData("nl-BE", "dark")]
    [InlineData("fr-BE", "light")]
    [InlineData("fr-BE", "dark")]
    public async Task Screenshots_on_desktop_and_phone_pass_axe(string locale, string theme)
    {
        var lang = locale[..2];
        var scheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light;
        var reports = "";
        foreach (var (width, height, name) in new[] { (1440, 900, "desktop"), (390, 844, "phone") })
        {
            var page = await fx.NewPageAsync(width, height, locale, scheme, hasTouch: name == "phone");
            // Zoomed in at the station, where points (not the region's cells) are drawn.
            await fx.OpenAsync(page, "#/observations/18/50.8357/4.3360");
            await WaitForObservationsAsync(page);
            Assert.Equal(theme, await page.GetAttributeAsync("html", "data-theme"));
            await page.Locator(".obs-marker").First.WaitForAsync();
            await (await BrowserFixture.MarkerNearestCentreAsync(page)).ClickAsync(); // a popup open, as when reading one
            await page.Locator(".leaflet-popup .popup").WaitForAsync();
            await fx.ScreenshotAsync(page, $"theme-{theme}-{name}-{lang}");
            reports += await AxeCheck.SeriousAsync(page, $"{name}, {theme}, {lang}", output);
            await page.Context.CloseAsync();
        }
        Assert.True(reports.Length == 0, "serious or critical accessibility violations:\n" + reports);
    }

    /// <summary>Taps the middle of the first shape matching <paramref name="selector"/> that is itself
    /// under that point (not covered by another shape), and returns the popup's text.</summary>
    private static async Task<string> TapShapeAsync(IPage page, string selector)
    {
        var point = await page.EvaluateAsync<JsonElement>("""
            (selector) => {
              const mapBox = document.getElementById('map').getBoundingClientRect();
              for (const el of document.querySelectorAll(selector)) {
                const len = el.getTotalLength?.() ?? 0;
                const m = el.getScreenCTM();
                if (!len || !m) continue;
                // A point on the shape: the middle of a line, the middle of a polygon's box.
                const p = el.getPointAtLength(len / 2);
                const onLine = { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
                const r = el.getBoundingClientRect();
                for (const c of [{ x: r.left + r.width / 2, y: r.top + r.height / 2 }, onLine]) {
                  if (c.x < mapBox.left + 50 || c.x > mapBox.right - 60 || c.y < mapBox.top + 60 || c.y > mapBox.bottom - 40) continue;
                  if (document.elementFromPoint(c.x, c.y) === el) return c;
                }
              }
              return null;
            }
            """, selector);
        Assert.True(point.ValueKind == JsonValueKind.Object, $"a {selector} in open view on the map");
        await page.Touchscreen.TapAsync((float)point.GetProperty("x").GetDouble(), (float)point.GetProperty("y").GetDouble());
        await page.WaitForSelectorAsync(".leaflet-popup-content");
        var text = await page.InnerTextAsync(".leaflet-popup-content");
        // Closed by its button's click event: on a phone the sticky header may cover the button.
        await page.Locator(".leaflet-popup-close-button").DispatchEventAsync("click");
        await page.Locator(".leaflet-popup").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        return text;
    }

    [Fact]
    public async Task A_tap_on_a_hexagon_an_arrow_or_a_count_cell_shows_its_popup()
    {
        var page = await fx.NewPageAsync(390, 844, "en-GB", ColorScheme.Dark, hasTouch: true);
        await fx.OpenAsync(page, "#/displacement");
        await page.WaitForSelectorAsync("body[data-analysis]", new() { Timeout = 120_000 });
        await page.WaitForTimeoutAsync(500);
        var cell = await TapShapeAsync(page, "path.cell");
        output.WriteLine($"hexagon: {cell}");
        Assert.Matches("(?i)before", cell);
        var arrow = await TapShapeAsync(page, "path.vector");
        output.WriteLine($"arrow: {arrow}");
        Assert.Matches(@"\d", arrow);
        await fx.ScreenshotAsync(page, "phone-dark-displacement");
        await page.Context.CloseAsync();

        // A planner's count cell has a tooltip only: the tap opens the same text as a popup.
        var planner = await fx.NewPageAsync(390, 844, "en-GB", ColorScheme.Dark, hasTouch: true);
        if (!await fx.OpenAsync(planner, "#/observations", "planner", "demo-planner")) return;
        await WaitForObservationsAsync(planner);
        await planner.WaitForSelectorAsync("path.count-cell");
        var count = await TapShapeAsync(planner, "path.count-cell");
        output.WriteLine($"count cell: {count}");
        Assert.Matches(@"\d|fewer than", count);
        await planner.Context.CloseAsync();
    }
}
