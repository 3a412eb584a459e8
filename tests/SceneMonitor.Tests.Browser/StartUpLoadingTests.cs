using Microsoft.Playwright;

namespace SceneMonitor.Tests.Browser;

/// <summary>What the first visit loads before it draws (docs/map-page.md, "Speed: what changed"): the
/// map's bundle, not the analysis views' chunks nor Chart.js; those come when first used, and the
/// views work when they do.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StartUpLoadingTests(BrowserFixture fx)
{
    private const string LoadedBeforeFirstDraw = """
        () => {
          const first = performance.getEntriesByName('sm:first-draw')[0].startTime;
          return performance.getEntriesByType('resource').filter((r) => r.startTime <= first).map((r) => new URL(r.name).pathname);
        }
        """;

    [Fact]
    public async Task The_first_view_draws_without_the_analysis_views_or_the_chart_library_which_load_when_used()
    {
        var page = await fx.NewPageAsync();
        await fx.OpenAsync(page, username: "analyst", password: "demo-analyst");
        await page.WaitForSelectorAsync("html[data-first-draw=true]", new() { State = WaitForSelectorState.Attached });

        var before = await page.EvaluateAsync<string[]>(LoadedBeforeFirstDraw);
        Assert.Contains("/app/main.js", before);
        Assert.DoesNotContain(before, p => p.Contains("/app/displacement-") || p.Contains("/app/evolution-") || p.Contains("/app/scene-size-"));
        Assert.DoesNotContain(before, p => p.Contains("chart.umd"));
        // The page's modules come bundled: a handful of files, not the forty source modules.
        Assert.InRange(before.Count(p => p.StartsWith("/app/", StringComparison.Ordinal)), 2, 8);

        // The chart of the Observations view loads Chart.js once the first data is drawn.
        await page.WaitForFunctionAsync("() => !!window.Chart && !!Chart.getChart(document.getElementById('obs-chart'))");

        // An analysis view loaded on first use works: its area list was filled from the areas the
        // map had loaded before the view's code arrived.
        await page.ClickAsync("[data-view-link=displacement]");
        await page.WaitForSelectorAsync("[data-view=displacement]:not([hidden])");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#dis-area option').length > 10");
        Assert.Equal("displacement", await page.EvaluateAsync<string>("() => document.body.dataset.currentView"));
        await page.ClickAsync("[data-view-link=evolution]");
        await page.WaitForSelectorAsync("[data-view=evolution]:not([hidden])");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#evo-area option').length > 10");
        await page.Context.CloseAsync();
        Assert.Empty(fx.PageErrors);
        Assert.Empty(fx.CspViolations);
    }
}
