using System.Text.Json;
using Microsoft.Playwright;

namespace SceneMonitor.Bench;

/// <summary>5. Time to the first drawn markers/cells of the Observations view in headless Chromium
/// (Debian's /usr/bin/chromium through Playwright, as the browser tests), read from the front end's
/// performance mark 'sm:first-draw'; also how much the page downloaded from the API.</summary>
public static class MapPage
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const int Runs = 5;

    // Before any page script: the bench's token (so no sign-in dialog), and a fallback clock for
    // builds without the mark: the first marker or cluster element appearing in the document.
    private const string InitScript = """
        sessionStorage.setItem('scenemonitor.token', '__TOKEN__');
        new MutationObserver((_, obs) => {
          if (document.querySelector('.obs-marker, .obs-cluster, .leaflet-marker-icon, path.leaflet-interactive.obs-cell')) {
            window.__benchFirstMarker = performance.now(); obs.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
        """;

    public static async Task RunAsync(BenchContext ctx)
    {
        if (!File.Exists(ChromiumPath)) { ctx.Results.Say("map page: /usr/bin/chromium missing; not measured"); return; }
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath, Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var times = new List<double>();
        string source = "";
        long apiBytes = 0, maxFeatures = 0;
        for (var i = 0; i <= Runs; i++)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, Locale = "en-GB", TimezoneId = "Europe/Brussels" });
            // No internet here: base-map tiles and anything else outside the app are refused, as in the browser tests.
            await context.RouteAsync("**/*", async route =>
            {
                if (route.Request.Url.StartsWith(ctx.BaseUrl, StringComparison.Ordinal)) await route.ContinueAsync();
                else await route.AbortAsync();
            });
            await context.AddInitScriptAsync(InitScript.Replace("__TOKEN__", ctx.Token));
            var page = await context.NewPageAsync();
            long bytes = 0, features = 0;
            var pending = new List<Task>();
            page.Response += (_, response) =>
            {
                if (!response.Url.Contains("/api/", StringComparison.Ordinal)) return;
                pending.Add(Task.Run(async () =>
                {
                    try
                    {
                        var body = await response.BodyAsync();
                        Interlocked.Add(ref bytes, body.Length);
                        if (response.Url.Contains("/api/observations", StringComparison.Ordinal))
                            Interlocked.Add(ref features, JsonDocument.Parse(body).RootElement.TryGetProperty("features", out var f) ? f.GetArrayLength() : 0);
                    }
                    catch (PlaywrightException) { }
                    catch (JsonException) { }
                }));
            };
            await page.GotoAsync($"{ctx.BaseUrl}/#/observations");
            var result = await page.WaitForFunctionAsync("""
                () => {
                  const mark = performance.getEntriesByName('sm:first-draw')[0];
                  if (mark) return { ms: mark.startTime, source: 'mark' };
                  return null;
                }
                """, null, new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 50 }).ContinueWith(async t =>
                {
                    if (t.IsCompletedSuccessfully) return (await t.Result.JsonValueAsync<JsonElement>());
                    return default;
                }).Unwrap();
            double ms;
            if (result.ValueKind == JsonValueKind.Object) { ms = result.GetProperty("ms").GetDouble(); source = "performance mark 'sm:first-draw'"; }
            else
            {
                var fallback = await page.EvaluateAsync<double?>("() => window.__benchFirstMarker ?? null");
                ms = fallback ?? double.NaN;
                source = "FALLBACK (no 'sm:first-draw' mark in this build): first marker/cluster element in the DOM";
            }
            await page.WaitForTimeoutAsync(1500);
            await Task.WhenAll(pending.ToArray());
            if (i > 0) { times.Add(ms); apiBytes = Math.Max(apiBytes, bytes); maxFeatures = Math.Max(maxFeatures, features); }
            await context.CloseAsync();
        }
        var median = BenchContext.Median(times);
        ctx.Results.Say($"map page: first draw {string.Join(", ", times.Select(t => t.ToString("0")))} ms ({source}); API bytes {apiBytes / 1e6:0.00} MB, point features {maxFeatures:N0}");
        ctx.Results.Add(new Figure("5 map page", "time to first drawn markers/cells, headless Chromium", median, "ms", Target: "< 1.5 s at 1 M", Met: median < 1500,
            Note: $"median of {Runs} fresh browser contexts (no cache), from navigation start; {source}; the page downloaded {apiBytes / 1e6:0.00} MB from the API incl. {maxFeatures:N0} point features (within 1.5 s after the first draw)"));
    }
}
