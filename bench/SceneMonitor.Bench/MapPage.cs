using System.Text.Json;
using Microsoft.Playwright;

namespace SceneMonitor.Bench;

/// <summary>5. The Observations view in headless Chromium (Debian's /usr/bin/chromium through
/// Playwright, as the browser tests): the time to the first drawn markers/cells, read from the front
/// end's performance mark 'sm:first-draw', and the time a zoom step (a double click on the map
/// centre) takes until the map stops changing; also how much the page downloaded from the API.
/// With --baseline-url (a second API built from an earlier commit, on the same database) both
/// pages are measured turn about in the same sitting, so "before" and "after" share the machine's
/// load.</summary>
public static class MapPage
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const int Runs = 5;
    private const int ZoomSteps = 3;

    // Before any page script: the bench's token (so no sign-in dialog); a fallback clock for builds
    // without the mark (the first marker or cluster element in the document); and, for the zoom
    // steps, the time of the last change to the map's markers and shapes and of the double click.
    private const string InitScript = """
        sessionStorage.setItem('scenemonitor.token', '__TOKEN__');
        window.__benchLastChange = 0;
        new MutationObserver((_, obs) => {
          if (!window.__benchFirstMarker && document.querySelector('.obs-marker, .obs-cluster, .leaflet-marker-icon, path.leaflet-interactive.obs-cell')) {
            window.__benchFirstMarker = performance.now();
          }
        }).observe(document, { childList: true, subtree: true });
        document.addEventListener('DOMContentLoaded', () => {
          new MutationObserver(() => { window.__benchLastChange = performance.now(); })
            .observe(document.getElementById('map'), { childList: true, subtree: true, attributes: true, attributeFilter: ['src', 'd', 'class'] });
        });
        document.addEventListener('dblclick', () => { window.__benchZoomStart = performance.now(); }, true);
        // The mark is reported, not polled for: polling ran the test driver's scripts on the page's
        // main thread (about 35 ms) just before the first draw it was waiting for.
        new PerformanceObserver((list) => {
          for (const m of list.getEntries()) if (m.name === 'sm:first-draw') console.debug('__bench:first-draw ' + m.startTime);
        }).observe({ type: 'mark' });
        """;

    private sealed record Run(double FirstDraw, string Source, IReadOnlyList<double> Zooms, long ApiBytes, long Features, int Requests, double? ReturnDraw);

    public static async Task RunAsync(BenchContext ctx, string? baselineUrl = null)
    {
        if (!File.Exists(ChromiumPath)) { ctx.Results.Say("map page: /usr/bin/chromium missing; not measured"); return; }
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright, browserUi: Environment.GetEnvironmentVariable("BENCH_MAP_BROWSER_UI") == "1");
        // BENCH_MAP_BASELINE_BROWSER_UI=1: the baseline page in a browser that opens its address-bar
        // pages as before (with --baseline at the same commit: what that harness change alone does).
        await using var baselineBrowser = baselineUrl is not null && Environment.GetEnvironmentVariable("BENCH_MAP_BASELINE_BROWSER_UI") == "1"
            ? await LaunchAsync(playwright, browserUi: true) : null;
        var after = new List<Run>();
        var before = new List<Run>();
        // One warm-up page each (JIT, caches of a server that has just started), then turn about.
        for (var i = 0; i <= Runs; i++)
        {
            if (baselineUrl is not null)
            {
                var b = await MeasureAsync(baselineBrowser ?? browser, baselineUrl, ctx.Token);
                if (i > 0) before.Add(b);
            }
            var a = await MeasureAsync(browser, ctx.BaseUrl, ctx.Token);
            if (i > 0) after.Add(a);
        }
        Report(ctx, after, before.Count > 0 ? before : null);
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright, bool browserUi) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath, Headless = true,
        // No internet here: base-map tiles and any other host than the loopback fail at once in
        // the browser's resolver. (Not Playwright's request routing: it takes every request through
        // the test process, which added a quarter to half a second to a page of 70 files.)
        // Without headless Chromium's two address-bar pages (Tests.Support/HeadlessChromium.cs),
        // about 0.6 s of CPU per new context while our page loaded; BENCH_MAP_BROWSER_UI=1 keeps them.
        Args = [.. SceneMonitor.Tests.Support.HeadlessChromium.Switches(addressBarPages: browserUi),
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"],
    });

    private static void Report(BenchContext ctx, List<Run> after, List<Run>? before)
    {
        static string List(IEnumerable<double> v) => string.Join(", ", v.Select(t => t.ToString("0")));
        var first = BenchContext.Median(after.Select(r => r.FirstDraw));
        var zoom = BenchContext.Median(after.SelectMany(r => r.Zooms));
        var firstBefore = before is null ? (double?)null : BenchContext.Median(before.Select(r => r.FirstDraw));
        var zoomBefore = before is null ? (double?)null : BenchContext.Median(before.SelectMany(r => r.Zooms));
        var bytes = after.Max(r => r.ApiBytes);
        var features = after.Max(r => r.Features);
        var returns = after.Where(r => r.ReturnDraw is not null).Select(r => r.ReturnDraw!.Value).ToList();
        var returnsBefore = before?.Where(r => r.ReturnDraw is not null).Select(r => r.ReturnDraw!.Value).ToList();
        ctx.Results.Say($"map page: first draw {List(after.Select(r => r.FirstDraw))} ms ({after[0].Source}); return visit {List(returns)} ms; zoom steps {List(after.SelectMany(r => r.Zooms))} ms; API bytes {bytes / 1e6:0.00} MB in {after.Max(r => r.Requests)} requests, point features {features:N0}");
        if (before is not null)
            ctx.Results.Say($"map page, baseline build: first draw {List(before.Select(r => r.FirstDraw))} ms ({before[0].Source}); return visit {List(returnsBefore!)} ms; zoom steps {List(before.SelectMany(r => r.Zooms))} ms; API bytes {before.Max(r => r.ApiBytes) / 1e6:0.00} MB in {before.Max(r => r.Requests)} requests");
        var sideBySide = before is null ? "" : "; baseline: the earlier build measured turn about in the same sitting"
            + (Environment.GetEnvironmentVariable("BENCH_MAP_BASELINE_BROWSER_UI") == "1" ? ", in a browser that opens its address-bar pages with every context" : "");
        ctx.Results.Add(new Figure("5 map page", "time to first drawn markers/cells, headless Chromium", first, "ms", firstBefore, firstBefore / first,
            Target: "≤ 1 s", Met: first <= 1000,
            Note: $"median of {Runs} fresh browser contexts (no cache), from navigation start; {after[0].Source}; the page downloaded {bytes / 1e6:0.00} MB from the API until the first view settled; {features:N0} point features loaded in all, with the zoom steps{sideBySide}"));
        if (returns.Count > 0)
        {
            var back = BenchContext.Median(returns);
            double? backBefore = returnsBefore is { Count: > 0 } ? BenchContext.Median(returnsBefore) : null;
            ctx.Results.Add(new Figure("5 map page", "time to first drawn markers/cells, return visit", back, "ms", backBefore, backBefore / back,
                Target: "≤ 1 s", Met: back <= 1000,
                Note: $"median of {returns.Count}: the same address opened again in the same browser context once the service worker reported itself ready (app files from its cache, data from the API){sideBySide}"));
        }
        ctx.Results.Add(new Figure("5 map page", "zoom step (double click) until the map stops changing", zoom, "ms", zoomBefore, zoomBefore / zoom,
            Target: "≤ 0.5 s", Met: zoom <= 500,
            Note: $"median of {Runs} × {ZoomSteps} steps, each one zoom level in at the map centre after the first view settled; from the double click to the last change of the map's markers or shapes (800 ms quiet, no API request pending){sideBySide}"));
    }

    private static async Task<Run> MeasureAsync(IBrowser browser, string baseUrl, string token)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, Locale = "en-GB", TimezoneId = "Europe/Brussels", IgnoreHTTPSErrors = true });
        await context.AddInitScriptAsync(InitScript.Replace("__TOKEN__", token));
        var page = await context.NewPageAsync();
        long bytes = 0, features = 0;
        var requests = 0;
        var inFlight = 0;
        var pending = new List<Task>();
        page.Request += (_, request) => { if (request.Url.Contains("/api/", StringComparison.Ordinal)) Interlocked.Increment(ref inFlight); };
        page.RequestFailed += (_, request) => { if (request.Url.Contains("/api/", StringComparison.Ordinal)) Interlocked.Decrement(ref inFlight); };
        page.RequestFinished += (_, request) => { if (request.Url.Contains("/api/", StringComparison.Ordinal)) Interlocked.Decrement(ref inFlight); };
        async Task CountAsync(IResponse response)
        {
            try
            {
                var body = await response.BodyAsync();
                if (!response.Url.Contains("/api/observations", StringComparison.Ordinal)) return;
                Interlocked.Add(ref features, JsonDocument.Parse(body).RootElement.TryGetProperty("features", out var f) ? f.GetArrayLength() : 0);
            }
            catch (PlaywrightException) { }
            catch (JsonException) { }
        }
        // The answers of the zoom steps are read after the steps: fetching a 300 KB body through the
        // DevTools protocol while the page drew it took CPU from the very step being measured.
        var stepping = false;
        var stepResponses = new List<IResponse>();
        page.Response += (_, response) =>
        {
            if (!response.Url.Contains("/api/", StringComparison.Ordinal)) return;
            Interlocked.Increment(ref requests);
            if (Volatile.Read(ref stepping)) { lock (stepResponses) stepResponses.Add(response); return; }
            pending.Add(Task.Run(async () =>
            {
                try { Interlocked.Add(ref bytes, (await response.BodyAsync()).Length); }
                catch (PlaywrightException) { }
                await CountAsync(response);
            }));
        };
        // BENCH_MAP_PROFILE=DIR: a Chrome trace of each first visit up to its first draw, for
        // bench/trace-summary.py (where the main thread spent the time).
        var profileDir = Environment.GetEnvironmentVariable("BENCH_MAP_PROFILE");
        var trace = string.IsNullOrEmpty(profileDir) ? null : await ChromeTrace.StartAsync(context, page);
        var (first, source) = await OpenAsync(page, baseUrl);
        if (trace is not null) await trace.SaveAsync(Path.Combine(profileDir!, $"map-{baseUrl.Split(':')[^1]}-{DateTime.UtcNow:HHmmssfff}.json"));
        if (Environment.GetEnvironmentVariable("BENCH_MAP_TRACE") == "1") await TraceAsync(page, first);
        await SettleAsync(page, () => Volatile.Read(ref inFlight));
        var apiBytes = Interlocked.Read(ref bytes);
        var zooms = new List<double>();
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        Volatile.Write(ref stepping, true);
        for (var z = 0; z < ZoomSteps; z++)
        {
            await page.Mouse.DblClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
            await SettleAsync(page, () => Volatile.Read(ref inFlight));
            zooms.Add(await page.EvaluateAsync<double>("() => Math.max(0, window.__benchLastChange - window.__benchZoomStart)"));
        }
        if (Environment.GetEnvironmentVariable("BENCH_MAP_TRACE") == "1")
            Console.Error.WriteLine(await page.EvaluateAsync<string>("() => 'marks around the last zoom step: ' + performance.getEntriesByType('mark').filter((m) => m.startTime > window.__benchZoomStart - 5000).map((m) => `${m.name.replace('tmp:', '')} ${m.startTime.toFixed(0)}`).join(', ') + ' | last dblclick ' + window.__benchZoomStart.toFixed(0) + ', last change ' + window.__benchLastChange.toFixed(0)"));
        Volatile.Write(ref stepping, false);
        lock (stepResponses) pending.AddRange(stepResponses.Select(CountAsync));
        await Task.WhenAll(pending.ToArray());
        var returning = await ReturnVisitAsync(context, baseUrl);
        await context.CloseAsync();
        return new Run(first, source, zooms, apiBytes, features, requests, returning);
    }

    /// <summary>Opens the Observations view and returns the page's mark 'sm:first-draw' (ms from
    /// navigation start, as the init script reports it), or for a build without it the first marker
    /// or cluster element in the document.</summary>
    private static async Task<(double Ms, string Source)> OpenAsync(IPage page, string baseUrl)
    {
        const string prefix = "__bench:first-draw ";
        var marked = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Console += (_, message) =>
        {
            if (message.Text.StartsWith(prefix, StringComparison.Ordinal))
                marked.TrySetResult(double.Parse(message.Text[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture));
        };
        await page.GotoAsync($"{baseUrl}/#/observations");
        if (await Task.WhenAny(marked.Task, Task.Delay(TimeSpan.FromSeconds(60))) == marked.Task) return (marked.Task.Result, "performance mark 'sm:first-draw'");
        return (await page.EvaluateAsync<double?>("() => window.__benchFirstMarker ?? null") ?? double.NaN,
            "FALLBACK (no 'sm:first-draw' mark in this build): first marker/cluster element in the DOM");
    }

    /// <summary>The same address opened again in the same browser context, as a user opens the
    /// page the next day: the app's files come from the service worker's cache (once it reports
    /// itself ready, at most 20 s after the first visit), the data from the API. Null for a build
    /// without a service worker.</summary>
    private static async Task<double?> ReturnVisitAsync(IBrowserContext context, string baseUrl)
    {
        var first = context.Pages[0];
        if (!await first.EvaluateAsync<bool>("() => 'serviceWorker' in navigator && !!document.querySelector('link[rel=manifest]')")) return null;
        try
        {
            await first.WaitForFunctionAsync("() => document.documentElement.dataset.offlineReady === 'true'", null,
                new PageWaitForFunctionOptions { Timeout = 20_000, PollingInterval = 100 });
        }
        catch (TimeoutException) { return null; }
        await first.CloseAsync();
        var page = await context.NewPageAsync();
        var (ms, _) = await OpenAsync(page, baseUrl);
        if (Environment.GetEnvironmentVariable("BENCH_MAP_TRACE") == "1") await TraceAsync(page, ms);
        return ms;
    }

    /// <summary>BENCH_MAP_TRACE=1: what the page fetched before its first draw, when each request
    /// started and ended (ms from navigation start), to see which one the first data waited for.</summary>
    private static async Task TraceAsync(IPage page, double firstDraw)
    {
        var lines = await page.EvaluateAsync<string[]>("""
            (first) => {
              const nav = performance.getEntriesByType('navigation')[0];
              const rows = [`  navigation: response end ${nav.responseEnd.toFixed(0)}, DOM ready ${nav.domContentLoadedEventEnd.toFixed(0)}, load ${nav.loadEventEnd.toFixed(0)}`];
              const marks = performance.getEntriesByType('mark').map((m) => `${m.name} ${m.startTime.toFixed(0)}`);
              if (marks.length) rows.push(`  marks: ${marks.join(', ')}`);
              for (const r of performance.getEntriesByType('resource').filter((r) => r.startTime <= first).sort((a, b) => a.startTime - b.startTime)) {
                rows.push(`  ${r.startTime.toFixed(0).padStart(5)} to ${r.responseEnd.toFixed(0).padStart(5)} ${(r.transferSize / 1024).toFixed(0).padStart(5)} KB  ${r.name.replace(location.origin, '')}`);
              }
              rows.push(`  first draw ${first.toFixed(0)}`);
              return rows;
            }
            """, firstDraw);
        foreach (var line in lines) Console.Error.WriteLine(line);
    }

    /// <summary>Waits until no API request is pending and the map has not changed for 800 ms (at most 30 s).</summary>
    private static async Task SettleAsync(IPage page, Func<int> inFlight)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await page.WaitForTimeoutAsync(200);
            var quiet = await page.EvaluateAsync<double>("() => performance.now() - window.__benchLastChange");
            if (quiet >= 800 && inFlight() <= 0) return;
        }
    }
}
