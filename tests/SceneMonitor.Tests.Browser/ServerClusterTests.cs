using System.Collections.Concurrent;
using System.Globalization;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SceneMonitor.Tests.Browser;

/// <summary>The demo app with the point threshold lowered to 300 (the last 30 days of demo data hold
/// about 1,100 observations), so the map starts on server clusters as it would with a million rows.</summary>
public sealed class ServerClusterFixture() : BrowserFixture(new BrowserApp(("MapClusters:PointThreshold", "300")));

[CollectionDefinition(Name)]
public sealed class ServerClusterCollection : ICollectionFixture<ServerClusterFixture>
{
    public const string Name = "server clusters";
}

[Collection(ServerClusterCollection.Name)]
public sealed class ServerClusterTests(ServerClusterFixture fx)
{
    private static async Task<double> ZoomAsync(IPage page) =>
        double.Parse((await page.EvaluateAsync<string>("() => location.hash")).Split('/')[2], CultureInfo.InvariantCulture);

    /// <summary>Index of the cluster symbol nearest the middle of the map (so it is in view and on top).</summary>
    private static Task<int> NearestClusterAsync(IPage page) => page.EvaluateAsync<int>(@"() => {
        const map = document.querySelector('#map').getBoundingClientRect();
        const cx = map.left + map.width / 2, cy = map.top + map.height / 2;
        const els = [...document.querySelectorAll('.obs-cluster')];
        const d = (m) => { const r = m.getBoundingClientRect(); return Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy); };
        return els.reduce((best, m, i) => (d(m) < d(els[best]) ? i : best), 0);
    }");

    private static async Task WaitForViewAsync(IPage page, string mode, double aboveZoom = 0)
    {
        await page.WaitForFunctionAsync(
            "([mode, zoom]) => document.body.dataset.mapMode === mode && !document.body.classList.contains('obs-loading') && Number(location.hash.split('/')[2]) > zoom",
            new object[] { mode, aboveZoom });
        await page.WaitForTimeoutAsync(500); // a moveend may still be debouncing
        await page.WaitForFunctionAsync("mode => document.body.dataset.mapMode === mode", mode);
    }

    [Fact]
    public async Task Above_the_threshold_the_map_draws_server_clusters_and_never_downloads_the_whole_filter()
    {
        var page = await fx.NewPageAsync();
        var observationRequests = new ConcurrentBag<string>();
        page.Request += (_, r) =>
        {
            var path = new Uri(r.Url).AbsolutePath.TrimEnd('/');
            if (path == "/api/observations") observationRequests.Add(r.Url);
        };
        await fx.OpenAsync(page);
        await page.WaitForSelectorAsync("html[data-first-draw=true]");
        await WaitForViewAsync(page, "clusters");

        Assert.Equal(1, await page.EvaluateAsync<int>("() => performance.getEntriesByName('sm:first-draw').length"));
        Assert.True(await page.Locator(".obs-cluster").CountAsync() > 3);
        Assert.Equal(0, await page.Locator(".obs-marker").CountAsync());
        Assert.Empty(observationRequests);
        Assert.Contains("counted per group", await page.TextContentAsync(".map-legend"));
        var counts = await page.Locator(".cluster-badge").EvaluateAllAsync<int[]>("els => els.map(e => Number(e.dataset.count))");
        Assert.True(counts.Sum() > 300, $"the clusters hold the view's observations, {counts.Sum()}");
        var arcs = await page.Locator(".cluster-badge svg circle[stroke]").CountAsync();
        Assert.True(arcs > counts.Length, "rings are split by category");
        await fx.ScreenshotAsync(page, "19-observations-server-clusters");

        var axe = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            ResultTypes = [ResultType.Violations],
        });
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("; ", serious));

        // The keyboard reaches a cluster, and Enter zooms in as a click does.
        var start = await page.EvaluateAsync<string>("() => location.hash");
        var before = await ZoomAsync(page);
        await page.Locator(".obs-cluster").Nth(await NearestClusterAsync(page)).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("z => Number(location.hash.split('/')[2]) > z", before);
        await page.WaitForFunctionAsync("() => !document.body.classList.contains('obs-loading')");

        // A click zooms to the cluster's members: deeper, with symbols in view.
        await page.GotoAsync($"{fx.BaseUrl}/{start}");
        await page.ReloadAsync();
        await WaitForViewAsync(page, "clusters");
        var zoom = await ZoomAsync(page);
        await page.Locator(".obs-cluster").Nth(await NearestClusterAsync(page)).ClickAsync();
        await page.WaitForFunctionAsync("z => Number(location.hash.split('/')[2]) > z", zoom);
        await page.WaitForTimeoutAsync(800);
        await page.WaitForFunctionAsync("() => !document.body.classList.contains('obs-loading') && document.body.dataset.mapMode");
        Assert.True(await page.EvaluateAsync<int>(@"() => {
            const map = document.querySelector('#map').getBoundingClientRect();
            return [...document.querySelectorAll('.obs-marker, .obs-cluster')].filter((m) => {
                const r = m.getBoundingClientRect();
                return r.left >= map.left && r.right <= map.right && r.top >= map.top && r.bottom <= map.bottom;
            }).length;
        }") > 0, "the members of the clicked cluster are in view");
        await fx.ScreenshotAsync(page, "20-observations-after-cluster-click");

        // Zoomed in on one place the view holds fewer than the threshold: its points, and only its.
        await page.GotoAsync($"{fx.BaseUrl}/#/observations/17/50.8357/4.3360");
        await page.ReloadAsync();
        await WaitForViewAsync(page, "points");
        await page.WaitForSelectorAsync(".obs-marker, .obs-cluster");
        Assert.NotEmpty(observationRequests);
        Assert.All(observationRequests, url => Assert.Contains("bbox=", url, StringComparison.Ordinal));
        Assert.True(await page.EvaluateAsync<int>("() => Number(document.body.dataset.observations)") <= 300);
        await page.Context.CloseAsync();
        Assert.Empty(fx.PageErrors);
    }
}
