using Microsoft.Playwright;

namespace SceneMonitor.Tests.Browser;

/// <summary>The Evolution view on the demo data: the Emerging Hot Spot map around the demo
/// clearance and the time slider, which plays (the frame and the cells' colours change), in each
/// language and on a phone; a planner gets the counts per period and no category cells.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EvolutionPageTests(BrowserFixture fx)
{
    [Theory]
    [InlineData("en", 1440, 900, "Hot-spot pattern over", "Intervention: Clearance")]
    [InlineData("nl", 1440, 900, "Hotspotpatroon over", "Interventie: Ontruiming")]
    [InlineData("fr", 1440, 900, "Motif de points chauds sur", "Intervention : Évacuation")]
    [InlineData("nl", 390, 844, "Hotspotpatroon over", "Interventie: Ontruiming")]
    public async Task The_evolution_view_shows_the_emerging_map_and_the_slider_plays(string language, int width, int height, string title, string intervention)
    {
        var page = await fx.NewPageAsync(width, height);
        await fx.OpenAsync(page, "#/evolution", "analyst", "demo-analyst");
        await page.ClickAsync($".topbar [data-lang={language}]");
        await ShowAsync(page, "week");
        var name = $"evolution-{language}{(width < 500 ? "-phone" : "")}";

        Assert.Contains(title, await page.InnerTextAsync("#evo-summary"));
        Assert.True(await page.Locator("path.evo-cell").CountAsync() > 5, "cells with an emerging category are drawn");
        Assert.True(await page.Locator("path.evo-cell[data-category$=_hot]").CountAsync() > 0, "some cells are hot spots");
        Assert.True(await page.Locator(".map-legend .legend-item").CountAsync() > 0, "the legend lists the categories present");
        await fx.ScreenshotAsync(page, name + "-categories");

        // Tapping a legend entry opens its explanation.
        if (width < 500) await page.ClickAsync(".legend-toggle");
        await page.ClickAsync(".map-legend .legend-item >> nth=0");
        Assert.True(await page.Locator(".map-legend .legend-help").CountAsync() == 1);
        await fx.ScreenshotAsync(page, name + "-legend-help");

        // The intervention is marked on the slider; the slider plays: the frame moves and colours change.
        Assert.Equal(1, await page.Locator("#evo-marks .slider-mark").CountAsync());
        var before = await FillsAsync(page);
        await page.ClickAsync("#evo-play");
        await page.WaitForFunctionAsync("() => Number(document.body.dataset.evolutionFrame) >= 3", null, new() { Timeout = 20_000 });
        await page.ClickAsync("#evo-play"); // pause
        Assert.NotEqual(before, await FillsAsync(page));
        Assert.Equal("false", await page.GetAttributeAsync("#evo-play", "aria-pressed"));

        // Moving to the intervention's week names it under the slider.
        var index = await page.GetAttributeAsync(".slider-mark", "data-index");
        await page.EvalOnSelectorAsync("#evo-slider", $"(s) => {{ s.value = '{index}'; s.dispatchEvent(new Event('input')); }}");
        Assert.Equal(index, await page.GetAttributeAsync("body", "data-evolution-frame"));
        Assert.Contains(intervention, await page.InnerTextAsync("#evo-frame-label"));
        await page.EvalOnSelectorAsync("#panel", "p => p.scrollTop = 0");
        if (width < 500) await page.EvalOnSelectorAsync(".slider-card", "c => c.scrollIntoView({ block: 'end' })");
        await fx.ScreenshotAsync(page, name + "-frames");
        await page.Context.CloseAsync();
        Assert.Empty(fx.PageErrors);
        Assert.Empty(fx.CspViolations);
    }

    [Fact]
    public async Task A_planner_gets_counts_per_period_of_at_least_k_and_no_category_cells()
    {
        var page = await fx.NewPageAsync();
        await fx.OpenAsync(page, "#/evolution", "planner", "demo-planner");
        await ShowAsync(page, "month");
        Assert.Equal(0, await page.Locator("path.evo-cell").CountAsync());
        Assert.True(await page.IsDisabledAsync("[data-evo-show=categories]"));
        Assert.Contains("not the cells themselves", await page.InnerTextAsync("#evo-summary"));
        Assert.True(await page.Locator("path.evo-frame").CountAsync() > 0);
        var before = await FillsAsync(page);
        await page.ClickAsync("#evo-play");
        await page.WaitForFunctionAsync("() => Number(document.body.dataset.evolutionFrame) >= 2", null, new() { Timeout = 20_000 });
        await page.ClickAsync("#evo-play");
        Assert.NotEqual(before, await FillsAsync(page));
        await fx.ScreenshotAsync(page, "evolution-planner");
        await page.Context.CloseAsync();
    }

    private static async Task ShowAsync(IPage page, string interval)
    {
        await page.WaitForSelectorAsync("#evo-area option[value^='intervention:']", new() { State = WaitForSelectorState.Attached });
        await page.ClickAsync($"[data-evo-interval={interval}]");
        await page.ClickAsync("#evo-run");
        await page.WaitForSelectorAsync("body[data-evolution=ready]", new() { Timeout = 120_000 });
    }

    /// <summary>The fill of every frame cell, in order: changes when the frame does.</summary>
    private static async Task<string> FillsAsync(IPage page) =>
        string.Join(",", await page.Locator("path.evo-frame").EvaluateAllAsync<string[]>("ps => ps.map(p => p.getAttribute('fill') + ':' + p.getAttribute('fill-opacity'))"));
}
