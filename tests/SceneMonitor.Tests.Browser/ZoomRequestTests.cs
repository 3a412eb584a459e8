using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace SceneMonitor.Tests.Browser;

/// <summary>The zoom step where points replace the server's cells (13.5 → 14 on the demo set, the
/// zoom buttons' half step, default MapClusters settings) asks one request, not two: the clusters answer at zoom 13 counted at most
/// pointThreshold in a larger area, so the page asks for the points at once (docs/map-page.md).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ZoomRequestTests(BrowserFixture fx)
{
    [Fact]
    public async Task Zooming_in_to_points_from_an_area_counted_below_the_threshold_asks_only_for_the_points()
    {
        var page = await fx.NewPageAsync();
        var requests = new ConcurrentQueue<string>();
        page.Request += (_, r) =>
        {
            var path = new Uri(r.Url).AbsolutePath;
            if (path is "/api/map/clusters" or "/api/observations") requests.Enqueue(path);
        };
        await fx.OpenAsync(page, "#/observations/13.5/50.8450/4.3450");
        await page.WaitForFunctionAsync("() => document.body.dataset.mapMode === 'clusters' && !document.body.classList.contains('obs-loading')");
        await page.WaitForTimeoutAsync(600); // a moveend may still be debouncing
        Assert.Contains("/api/map/clusters", requests);
        Assert.DoesNotContain("/api/observations", requests); // zoom 13.5, over 300 in view: cells
        requests.Clear();

        await page.ClickAsync(".leaflet-control-zoom-in");
        await page.WaitForFunctionAsync("() => document.body.dataset.mapMode === 'points' && !document.body.classList.contains('obs-loading')");
        await page.WaitForTimeoutAsync(600);
        Assert.Contains("/api/observations", requests);
        Assert.DoesNotContain("/api/map/clusters", requests);
        Assert.True(await page.Locator(".obs-marker, .obs-cluster").CountAsync() > 0);

        // Zooming out: half a step stays within the points loaded (their area is padded by a
        // quarter); a whole step leaves it, and the clusters endpoint is asked again.
        requests.Clear();
        await page.ClickAsync(".leaflet-control-zoom-out");
        await page.WaitForFunctionAsync("() => location.hash.startsWith('#/observations/13.5/')");
        await page.WaitForTimeoutAsync(600);
        Assert.Empty(requests);
        await page.ClickAsync(".leaflet-control-zoom-out");
        await page.WaitForFunctionAsync("() => document.body.dataset.mapMode === 'clusters' && !document.body.classList.contains('obs-loading')");
        Assert.Contains("/api/map/clusters", requests);
        await page.Context.CloseAsync();
        Assert.Empty(fx.PageErrors);
    }
}
