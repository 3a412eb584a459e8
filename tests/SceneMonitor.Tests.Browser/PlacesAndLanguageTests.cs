using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SceneMonitor.Tests.Browser;

/// <summary>Issue 16: the placed point in words (named place, neighbourhood, municipality), the
/// place search, what was already recorded nearby, and a language switch that reaches what is
/// already on screen (an open popup, marker titles, cluster labels, dropdowns), on a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PlacesAndLanguageTests(BrowserFixture fx)
{
    // Brussel-Zuid / Gare du Midi in geodata/brussels-places.geojson.
    private const double ZuidLon = 4.335222, ZuidLat = 50.835161;

    /// <summary>The names PostGIS gives the point (ST_Covers on the stored boundaries, distance in
    /// EPSG:3812 as PlaceNamer measures): an implementation independent of the page's own.</summary>
    private async Task<(string Neighbourhood, string Municipality, double ZuidMetres)> ExpectedAsync(double lon, double lat, string lang)
    {
        var column = lang == "nl" ? "coalesce(name_nl, name)" : "coalesce(name_fr, name)";
        const string point = "ST_SetSRID(ST_MakePoint(@lon, @lat), 4326)";
        async Task<string> Area(string kind) => (await fx.App.ScalarAsync<string>(
            $"SELECT {column} FROM areas WHERE kind = '{kind}' AND ST_Covers(geometry, {point}) ORDER BY id LIMIT 1", ("lon", lon), ("lat", lat)))!;
        var metres = await fx.App.ScalarAsync<double>(
            $"SELECT ST_Distance(ST_Transform({point}, 3812), ST_Transform(ST_SetSRID(ST_MakePoint(@zlon, @zlat), 4326), 3812))",
            ("lon", lon), ("lat", lat), ("zlon", ZuidLon), ("zlat", ZuidLat));
        return (await Area("Neighbourhood"), await Area("Municipality"), metres);
    }

    /// <summary>The address's path (#/view/zoom/lat/lon) without the filter query that follows it
    /// (view-state.js writes "?from=…&to=…" after the longitude).</summary>
    private static async Task<string> HashPathAsync(IPage page) =>
        (await page.EvaluateAsync<string>("() => location.hash")).Split('?')[0];

    /// <summary>In the record view: taps the middle of the map and returns the point placed.</summary>
    private static async Task<(double Lat, double Lon)> PlaceAtCentreAsync(IPage page)
    {
        await page.WaitForSelectorAsync("#rec-categories input");
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.WaitForSelectorAsync("#rec-place:not([hidden])");
        double Read(string value) => double.Parse(value, CultureInfo.InvariantCulture);
        return (Read(await page.InputValueAsync("#rec-latitude")), Read(await page.InputValueAsync("#rec-longitude")));
    }

    [Fact]
    public async Task A_placed_point_reads_as_named_place_neighbourhood_and_municipality_in_Dutch_and_French()
    {
        var page = await fx.NewPageAsync(390, 844, "nl-BE");
        // About 70 m east of the station's gazetteer point: within the 350 m of a named place.
        await fx.OpenAsync(page, "#/record/17/50.83500/4.33620");
        var (lat, lon) = await PlaceAtCentreAsync(page);
        var place = page.Locator("#rec-place");
        await place.Locator("strong[data-place=brussel-zuid]").WaitForAsync();
        var nl = await ExpectedAsync(lon, lat, "nl");
        Assert.InRange(nl.ZuidMetres, 20, 200);
        var text = await place.InnerTextAsync();
        var near = NearRegex().Match(text);
        Assert.True(near.Success, text);
        Assert.Equal("Bij Brussel-Zuid", near.Groups["label"].Value);
        // Shown to 10 m: within 5 m (rounding) plus 1 m (the page's local flat-earth distance).
        Assert.InRange(int.Parse(near.Groups["m"].Value, CultureInfo.InvariantCulture), nl.ZuidMetres - 6, nl.ZuidMetres + 6);
        // The neighbourhoods load after the first data (map.js), so the line may complete a moment later.
        await Assertions.Expect(place).ToContainTextAsync($"{nl.Neighbourhood}, {nl.Municipality}");
        await fx.ScreenshotAsync(page, "places-01-record-place-nl-phone");

        // The same point in French, without placing it again.
        await page.ClickAsync("[data-lang=fr]");
        var fr = await ExpectedAsync(lon, lat, "fr");
        await Assertions.Expect(place).ToContainTextAsync("Près de Gare du Midi");
        Assert.Contains($"{fr.Neighbourhood}, {fr.Municipality}", await place.InnerTextAsync());
        await fx.ScreenshotAsync(page, "places-02-record-place-fr-phone");

        // Saved here, it is at once what was "already recorded" 0 m away (the duplicate warning).
        await BrowserFixture.SubmitObservationAsync(page, "syringe", "1", "browser test: places in words");
        await page.WaitForSelectorAsync("#rec-success:not([hidden])");
        var id = await page.GetAttributeAsync("#rec-success", "data-id");
        var item = page.Locator($"#rec-nearby li[data-id=\"{id}\"]");
        await item.WaitForAsync();
        Assert.Contains("0 m", await item.InnerTextAsync());
        Assert.Contains("Seringue", await item.InnerTextAsync());
        await fx.ScreenshotAsync(page, "places-03-record-nearby-fr-phone", fullPage: true);
        await page.Context.CloseAsync();
        Assert.Empty(fx.PageErrors);
    }

    [Fact]
    public async Task The_place_search_finds_places_and_neighbourhoods_in_any_language_without_accents()
    {
        var page = await fx.NewPageAsync(390, 844, "nl-BE");
        await fx.OpenAsync(page, "#/record");
        await page.WaitForSelectorAsync("#rec-categories input");
        await page.WaitForFunctionAsync("() => document.querySelector('#rec-search')");

        // The French name finds the station, shown under its Dutch name.
        await page.FillAsync("#rec-search", "gare du midi");
        var first = page.Locator("#rec-search-results .place-result").First;
        await Assertions.Expect(first).ToContainTextAsync("Brussel-Zuid");
        Assert.Contains("(Gare du Midi)", await first.InnerTextAsync());
        await fx.ScreenshotAsync(page, "places-04-search-nl-phone");
        await first.ClickAsync();
        // The map now shows the station at street zoom (the address follows the map).
        await page.WaitForFunctionAsync("() => /^#\\/record\\/17\\//.test(location.hash)");
        var parts = (await HashPathAsync(page)).Split('/');
        Assert.InRange(double.Parse(parts[3], CultureInfo.InvariantCulture), ZuidLat - 0.0002, ZuidLat + 0.0002);
        Assert.InRange(double.Parse(parts[4], CultureInfo.InvariantCulture), ZuidLon - 0.0002, ZuidLon + 0.0002);

        // Typed with an accent the source lacks ("HOPITAL ETTERBEEK - IXELLES"), found as a neighbourhood.
        await page.FillAsync("#rec-search", "hôpital etterb");
        var hospital = page.Locator("#rec-search-results .place-result").First;
        await Assertions.Expect(hospital).ToContainTextAsync("wijk");
        Assert.Contains("Etterbeek", await hospital.InnerTextAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_record_map_opens_at_the_last_place_at_street_zoom()
    {
        var page = await fx.NewPageAsync(390, 844, "en-GB");
        await fx.OpenAsync(page, "#/record/16/50.8400/4.3600");
        var (lat, _) = await PlaceAtCentreAsync(page);
        // Later, from the observations view at city zoom, the record view opens where the last point was.
        await page.GotoAsync($"{fx.BaseUrl}/#/observations/12/50.85/4.35");
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body.ready");
        await page.ClickAsync("[data-view-link=record]");
        await page.WaitForFunctionAsync("() => /^#\\/record\\/17\\//.test(location.hash)");
        var parts = (await HashPathAsync(page)).Split('/');
        Assert.InRange(double.Parse(parts[3], CultureInfo.InvariantCulture), lat - 0.0001, lat + 0.0001);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Switching_language_rewrites_an_open_popup_marker_titles_and_cluster_labels()
    {
        var page = await fx.NewPageAsync();
        await fx.OpenAsync(page, "#/observations/18/50.8357/4.3360");
        await page.WaitForSelectorAsync("#obs-summary[data-count]");
        await page.Locator(".obs-marker").First.WaitForAsync();
        var marker = await BrowserFixture.MarkerNearestCentreAsync(page);
        var titleEn = await marker.GetAttributeAsync("title");
        await marker.ClickAsync();
        var popup = page.Locator(".leaflet-popup .popup");
        await Assertions.Expect(popup).ToContainTextAsync("Quantity");

        await page.ClickAsync("[data-lang=nl]");
        await Assertions.Expect(popup).ToContainTextAsync("Aantal");
        Assert.DoesNotContain("Quantity", await popup.InnerTextAsync());
        Assert.True(await page.IsVisibleAsync(".leaflet-popup"), "the popup stays open");
        var titleNl = await marker.GetAttributeAsync("title");
        Assert.NotEqual(titleEn, titleNl);
        // The title's category is the Dutch label of the popup's category.
        var category = await popup.Locator(".popup-head strong").InnerTextAsync();
        Assert.StartsWith(category, titleNl);
        await fx.ScreenshotAsync(page, "places-05-popup-switched-to-nl");

        // Clusters at city zoom (drawn in the page below the server's point threshold, by the server above it).
        await page.EvaluateAsync("() => { location.hash = '#/observations/14/50.8400/4.3400'; }");
        await page.WaitForFunctionAsync("() => location.hash.startsWith('#/observations/14/') && !document.body.classList.contains('obs-loading') && document.querySelector('.cluster-badge')",
            null, new() { Timeout = 60_000 });
        var badge = page.Locator(".cluster-badge").First;
        Assert.Contains("waarnemingen", await badge.GetAttributeAsync("title"));
        await page.ClickAsync("[data-lang=fr]");
        await Assertions.Expect(page.Locator(".cluster-badge").First).ToHaveAttributeAsync("title", new Regex("observations ici"), new() { Timeout = 20_000 });
        await fx.ScreenshotAsync(page, "places-09-clusters-switched-to-fr");
        var titles = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.cluster-badge')].map((b) => b.title)");
        Assert.All(titles, t => Assert.Contains("observations ici", t));
        await page.Context.CloseAsync();
        Assert.Empty(fx.PageErrors);
    }

    /// <summary>Every visible select shows its chosen label whole, and no view link of the phone menu is cut.</summary>
    [Theory]
    [InlineData("nl", 390, 844)]
    [InlineData("fr", 390, 844)]
    [InlineData("nl", 1440, 900)]
    public async Task Dropdowns_and_the_phone_menu_are_not_cut(string lang, int width, int height)
    {
        var page = await fx.NewPageAsync(width, height, lang == "nl" ? "nl-BE" : "fr-BE");
        await fx.OpenAsync(page, "#/observations");
        await page.WaitForSelectorAsync("#obs-summary[data-count]");
        // The defaults ("Heel het gewest", the demo intervention's name) and a long neighbourhood name.
        var cut = new List<string>();
        foreach (var view in new[] { "observations", "record", "displacement", "evolution" })
        {
            await page.ClickAsync($"[data-view-link={view}]");
            await page.WaitForTimeoutAsync(500);
            cut.AddRange(await page.EvaluateAsync<string[]>(CutSelectsScript));
            if (view == "observations")
            {
                // The longest neighbourhood name of the region, chosen.
                await page.SelectOptionAsync("#filter-area", new SelectOptionValue { Label = "Kriekenput - Homborch - Verrewinkel" });
                cut.AddRange(await page.EvaluateAsync<string[]>(CutSelectsScript));
                await fx.ScreenshotAsync(page, $"places-08-filters-{lang}-{width}", fullPage: true);
            }
            if (view == "displacement") await fx.ScreenshotAsync(page, $"places-06-displacement-{lang}-{width}", fullPage: true);
        }
        Assert.Empty(cut);
        var cutLinks = await page.EvaluateAsync<string[]>(@"() => {
            const nav = document.querySelector('nav.views').getBoundingClientRect();
            return [...document.querySelectorAll('nav.views a:not([hidden])')].filter((a) => {
              const r = a.getBoundingClientRect();
              return a.scrollWidth > a.clientWidth || r.left < nav.left - 0.5 || r.right > nav.right + 0.5;
            }).map((a) => a.textContent.trim());
        }");
        Assert.Empty(cutLinks);
        await fx.ScreenshotAsync(page, $"places-07-menu-{lang}-{width}");
        await page.Context.CloseAsync();
    }

    /// <summary>Visible selects whose chosen label is cut, as "id: text". A native select shows one
    /// line: its text (measured in the select's own font) must fit the room inside it. A
    /// customisable select (appearance: base-select) lays its label out as text that may wrap:
    /// nothing may overflow it (scrollWidth/scrollHeight within clientWidth/clientHeight).</summary>
    private const string CutSelectsScript = @"() => {
        const ctx = document.createElement('canvas').getContext('2d');
        return [...document.querySelectorAll('select')].filter((s) => s.offsetParent && s.selectedIndex >= 0).flatMap((s) => {
          const cs = getComputedStyle(s);
          if (cs.appearance === 'base-select') {
            return s.scrollWidth > s.clientWidth || s.scrollHeight > s.clientHeight + 1 ? [`${s.id}: ${s.options[s.selectedIndex].text}`] : [];
          }
          ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
          const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
          const text = s.options[s.selectedIndex].text;
          return ctx.measureText(text).width > room + 0.5 ? [`${s.id}: ${text}`] : [];
        });
    }";

    [GeneratedRegex(@"(?<label>.+) \((?<m>\d+) m\)")]
    private static partial Regex NearRegex();
}
