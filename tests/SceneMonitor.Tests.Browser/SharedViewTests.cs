using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SceneMonitor.Tests.Browser;

/// <summary>Links keep the view: the filter (period, categories, source, area), the map display and
/// the map position are in the address, so a colleague who opens a link in another browser sees the
/// same filter and the same count; a role that may not see the sender's display gets its own view
/// of the same filter instead of an error.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SharedViewTests(BrowserFixture fx, ITestOutputHelper output)
{
    private static Task WaitForObservationsAsync(IPage page) => BrowserFixture.WaitForObservationsAsync(page);

    private static Task<int> ShownCountAsync(IPage page) => BrowserFixture.ShownCountAsync(page);

    /// <summary>The filter as the page shows it: period inputs, the pressed quick range, the ticked
    /// categories, the source and the area.</summary>
    private static Task<string> ShownFilterAsync(IPage page) => page.EvaluateAsync<string>("""
        () => JSON.stringify({
          from: document.getElementById('filter-from').value, to: document.getElementById('filter-to').value,
          range: document.querySelector('[data-range][aria-pressed=true]')?.dataset.range ?? null,
          categories: [...document.querySelectorAll('#category-list input:checked')].map((i) => i.value),
          source: document.getElementById('filter-source').value, area: document.getElementById('filter-area').value,
        })
        """);

    [Fact]
    public async Task A_shared_link_to_90_days_of_syringe_patrol_syringes_opens_with_the_same_filter_and_count()
    {
        var sender = await fx.NewPageAsync();
        await fx.OpenAsync(sender, "#/observations", "recorder", "demo-recorder");
        await WaitForObservationsAsync(sender);
        var all = await ShownCountAsync(sender);
        await sender.ClickAsync("[data-range='90']");
        await sender.SelectOptionAsync("#filter-source", "syringe_patrol");
        await sender.ClickAsync("#cat-none");
        await sender.CheckAsync("#category-list input[value=syringe]");
        await sender.WaitForFunctionAsync("() => location.hash.includes('cat=syringe') && location.hash.includes('source=syringe_patrol')");
        await sender.WaitForTimeoutAsync(500); // the last change's load starts after a short pause
        await WaitForObservationsAsync(sender);
        var count = await ShownCountAsync(sender);
        var filter = await ShownFilterAsync(sender);
        var link = sender.Url;
        output.WriteLine($"sender: {count} of {all} (last 30 days, everything); {filter}; {link}");
        Assert.InRange(count, 1, all - 1);
        Assert.Matches(@"#/observations/[\d.]+/[\d.]+/[\d.]+\?", link);
        Assert.Matches(@"from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}", link);
        await fx.ScreenshotAsync(sender, "shared-link-sender");

        // An analyst in a fresh browser (no storage, signs in first): same filter, same count, same place.
        var colleague = await fx.NewPageAsync();
        await fx.OpenAsync(colleague, link[link.IndexOf('#')..], "analyst", "demo-analyst");
        await WaitForObservationsAsync(colleague);
        Assert.Equal(filter, await ShownFilterAsync(colleague));
        Assert.Equal(count, await ShownCountAsync(colleague));
        Assert.Equal(Position(link), Position(colleague.Url));
        await fx.ScreenshotAsync(colleague, "shared-link-colleague");

        // A planner may not see points or the heat map: the same filter as counts per cell, no error.
        var heat = link + "&display=heat";
        var planner = await fx.NewPageAsync();
        await fx.OpenAsync(planner, heat[heat.IndexOf('#')..], "planner", "demo-planner");
        await WaitForObservationsAsync(planner);
        Assert.Equal(filter, await ShownFilterAsync(planner));
        Assert.DoesNotContain("failed", await planner.InnerTextAsync("#obs-summary"), StringComparison.OrdinalIgnoreCase);
        Assert.True(await planner.Locator(".display-switch").IsHiddenAsync(), "planners have no points or heat map to switch to");
        Assert.Equal(0, await planner.Locator(".obs-marker, .obs-cluster").CountAsync());
        output.WriteLine($"planner: {await planner.InnerTextAsync("#obs-summary")}");
        await fx.ScreenshotAsync(planner, "shared-link-planner");

        // A link pasted into a tab already open switches that tab's filter too.
        await colleague.EvaluateAsync("h => { location.hash = h; }", "#/observations?from=2000-01-01&to=2000-01-31");
        await colleague.WaitForFunctionAsync("() => document.getElementById('filter-from').value === '2000-01-01'");
        await WaitForObservationsAsync(colleague);
        await colleague.WaitForFunctionAsync("() => document.querySelector('#obs-summary').dataset.count === '0'");

        foreach (var p in new[] { sender, colleague, planner }) await p.Context.CloseAsync();
    }

    /// <summary>zoom/lat/lon of an address.</summary>
    private static string Position(string url) => PositionPattern().Match(url).Value;

    [GeneratedRegex(@"/[\d.]+/[\d.]+/[\d.]+")]
    private static partial Regex PositionPattern();
}
