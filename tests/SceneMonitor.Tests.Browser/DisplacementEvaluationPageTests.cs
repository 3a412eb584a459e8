using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SceneMonitor.Tests.Browser;

/// <summary>A stored result with every evaluation part of issue 14, answered in place of
/// GET /api/analyses/{id}. Fixtures/displacement-evaluation.json is a real demo result with FAKE
/// parts added by hand (cell change, Gi* settings, catchment with a gap, sensitivity, weekly
/// timeline, ITS, placebo, verdict, vector place names): its figures are invented and test how the
/// page shows the contract's parts, not the statistics (the API's tests do that).</summary>
public static class EvaluationFixture
{
    private static readonly Lazy<string> Json = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "displacement-evaluation.json")));

    public static JsonObject Result => JsonNode.Parse(Json.Value)!.AsObject();
    public static string Id => Result["id"]!.GetValue<string>();
    public static string Hash => $"#/displacement/analysis/{Id}";

    /// <summary>Answers every GET /api/analyses/{id} of this page with the fixture (or `result`).</summary>
    public static Task RouteAsync(IPage page, JsonObject? result = null)
    {
        var body = (result ?? Result).ToJsonString();
        return page.RouteAsync("**/api/analyses/*", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200, ContentType = "application/json", Body = body,
        }));
    }
}

/// <summary>The displacement result as a coordinator reads it (issue 14): the verdict first, the
/// timeline, figures that explain themselves on tap, the tested change per cell, and the printable
/// report with its map picture, in Dutch, French and English, on a desktop and on a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DisplacementEvaluationPageTests(BrowserFixture fx)
{
    private static readonly (string Lang, string Verdict, string Fewer, string Report, string Arrows)[] Languages =
    [
        ("en", "Part of the scene moved to Clemenceau", "641 fewer", "Evaluation report", "Arrows go from cells"),
        ("fr", "Une partie s'est déplacée vers Clemenceau", "641 de moins", "Rapport d'évaluation", "Les flèches vont des cellules"),
        ("nl", "Een deel verschoof naar Clemenceau", "641 minder", "Evaluatierapport", "Pijlen gaan van cellen"),
    ];

    private async Task<IPage> OpenResultAsync(string lang, int width = 1440, int height = 900, JsonObject? result = null)
    {
        var page = await fx.NewPageAsync(width, height);
        await EvaluationFixture.RouteAsync(page, result);
        await fx.OpenAsync(page, EvaluationFixture.Hash);
        if (lang != "en") await page.ClickAsync($"[data-lang={lang}]");
        await page.WaitForSelectorAsync("body[data-analysis]", new() { Timeout = 120_000 });
        return page;
    }

    [Fact]
    public async Task The_verdict_the_timeline_and_the_explained_figures_show_in_each_language_and_on_a_phone()
    {
        foreach (var (lang, verdict, fewer, report, arrows) in Languages)
        {
            foreach (var (width, height, suffix) in new[] { (1440, 900, ""), (390, 844, "-phone") })
            {
                var page = await OpenResultAsync(lang, width, height);
                var summary = page.Locator("#dis-summary");
                // The verdict comes first in the summary, in the chosen language, with its places.
                Assert.Contains(verdict, await page.InnerTextAsync(".verdict-text"));
                Assert.Equal(4, await page.Locator(".verdict-places li").CountAsync());
                Assert.True(await page.EvaluateAsync<bool>(
                    "() => { const s = document.querySelector('#dis-summary'); const v = s.querySelector('.verdict'); return [...s.querySelectorAll('.summary-block')].every(b => v.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING); }"));
                // Signs in words: the WDD of −641 reads "641 fewer", as does a positive net effect.
                Assert.Contains(fewer, await page.InnerTextAsync(".wdd-value"));
                Assert.Contains(fewer.Replace("641", "831"), await page.InnerTextAsync(".wdq-table .all-rings .tne-value"));
                // The timeline is a drawn chart with three series.
                // Chart.js is loaded by the first chart (app/chart-lib.js): drawn once it has arrived.
                await page.WaitForFunctionAsync("() => !!window.Chart?.getChart(document.querySelector('#dis-summary .timeline-canvas'))");
                Assert.Equal(3, await page.EvaluateAsync<int>("() => Chart.getChart(document.querySelector('#dis-summary .timeline-canvas')).data.datasets.length"));
                // A tap opens an explanation (no hover on a phone).
                var info = summary.Locator(".wdd-block h3 button.info");
                await info.ScrollIntoViewIfNeededAsync();
                await info.ClickAsync();
                Assert.Equal("true", await info.GetAttributeAsync("aria-expanded"));
                Assert.True(await summary.Locator(".wdd-block h3 .info-text").IsVisibleAsync());
                Assert.Equal(report, (await page.InnerTextAsync("#dis-report")).Trim());
                // The map: tested change per cell, the band counted nowhere, the arrows' sentence.
                Assert.True(await page.Locator("path.cell-change-decrease").CountAsync() > 0);
                Assert.True(await page.Locator("path.cell-change-increase").CountAsync() > 0);
                Assert.Equal(1, await page.Locator("path.area-gap").CountAsync());
                Assert.StartsWith(arrows, await page.InnerTextAsync("#dis-vector-sentence"));
                await page.Locator(".verdict").ScrollIntoViewIfNeededAsync();
                await fx.ScreenshotAsync(page, $"30-evaluation-{lang}{suffix}");
                if (suffix == "") await fx.ScreenshotAsync(page, $"31-evaluation-{lang}-full", fullPage: true);
                await page.Context.CloseAsync();
            }
        }
        Assert.Empty(fx.CspViolations);
        Assert.Empty(fx.PageErrors);
    }

    [Fact]
    public async Task A_tap_on_an_arrow_names_where_it_starts_and_ends_and_the_Gi_classes_stay_as_context()
    {
        var page = await OpenResultAsync("en", 390, 844);
        await page.Locator("path.vector").First.DispatchEventAsync("click");
        var popup = await page.Locator(".leaflet-popup-content").InnerTextAsync();
        Assert.Contains("From Brussels-South station to", popup);
        Assert.Contains("Where it starts: 1,850 → 540 observations", popup);
        Assert.Contains("from cells where observations fell significantly", await page.InnerTextAsync("#dis-vector-sentence"));
        await fx.ScreenshotAsync(page, "32-evaluation-arrow-popup-phone");

        await page.ClickAsync("[data-dis-show=change]");
        Assert.Equal(0, await page.Locator("path.cell-change-decrease").CountAsync());
        Assert.True(await page.Locator("path.cell-new, path.cell-persistent").CountAsync() > 0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Parts_the_server_did_not_compute_are_left_out()
    {
        var bare = EvaluationFixture.Result;
        var summary = bare["summary"]!.AsObject();
        foreach (var part in new[] { "verdict", "timeline", "its", "placebo", "sensitivity", "catchment", "cellChange", "gi" }) summary.Remove(part);
        foreach (var cell in bare["cells"]!["features"]!.AsArray()) cell!["properties"]!.AsObject().Remove("change");
        var page = await OpenResultAsync("en", result: bare);
        Assert.Equal(0, await page.Locator(".verdict, .timeline-canvas, .sens-table, .its-table, .placebo-sentence, path.area-gap").CountAsync());
        Assert.False(await page.IsVisibleAsync("#dis-show-tested"));
        Assert.Equal("true", await page.GetAttributeAsync("[data-dis-show=change]", "aria-pressed"));
        Assert.Contains("Weighted displacement difference", await page.InnerTextAsync("#dis-summary"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_report_opens_in_one_click_prints_on_A4_and_downloads_the_map_as_a_PNG()
    {
        foreach (var (lang, verdict, _, report, _) in Languages)
        {
            foreach (var (width, height, suffix) in new[] { (1100, 900, ""), (390, 844, "-phone") })
            {
                var page = await OpenResultAsync(lang, width, height);
                await page.ClickAsync("#dis-report");
                await page.WaitForSelectorAsync("body[data-report]");
                Assert.EndsWith($"report.html#{EvaluationFixture.Id}", page.Url);
                Assert.Contains(verdict, await page.InnerTextAsync(".verdict-text"));
                Assert.Contains(report, await page.TextContentAsync(".report-kicker")); // text, not the upper-cased rendering
                Assert.True(await page.EvaluateAsync<bool>("() => { const i = document.querySelector('#report-map-img'); return i.complete && i.naturalWidth === 1800; }"));
                Assert.Equal(4, await page.Locator(".sens-table tbody tr:not(.interp-row)").CountAsync());
                Assert.Equal(2, await page.Locator(".its-table tbody tr").CountAsync());
                Assert.Equal(2, await page.Locator(".placebo-sentence").CountAsync());
                Assert.True(await page.Locator(".report-methods li").CountAsync() >= 6);
                Assert.Contains($"#/displacement/analysis/{EvaluationFixture.Id}", await page.GetAttributeAsync(".permalink a", "href"));
                Assert.True(await page.IsVisibleAsync(".report-synthetic"), "the demo data are announced as synthetic");
                Assert.Equal(0, await page.Locator("nav, .topbar").CountAsync());
                await fx.ScreenshotAsync(page, $"33-report-{lang}{suffix}");
                if (suffix == "")
                {
                    await fx.ScreenshotAsync(page, $"34-report-{lang}-full", fullPage: true);
                    // Print: A4 pages (595 × 842 pt), the toolbar gone, a handful of pages.
                    var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true, Path = Path.Combine(fx.ScreenshotDir, $"35-report-{lang}.pdf") });
                    var text = System.Text.Encoding.Latin1.GetString(pdf);
                    var pages = Regex.Matches(text, @"/Type\s*/Page[^s]").Count;
                    Assert.InRange(pages, 2, 7);
                    Assert.All(Regex.Matches(text, @"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]").Select(m => (double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))),
                        size => { Assert.InRange(size.Item1, 594, 596); Assert.InRange(size.Item2, 841, 843); });

                    var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#report-png"));
                    Assert.Equal($"displacement-{EvaluationFixture.Id}.png", download.SuggestedFilename);
                    var png = await File.ReadAllBytesAsync((await download.PathAsync())!);
                    Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]); // \x89PNG
                    // Width and height from the IHDR chunk: the picture is drawn at twice 900 × 660.
                    Assert.Equal(1800, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
                    Assert.Equal(1320, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
                }
                await page.Context.CloseAsync();
            }
        }
        Assert.Empty(fx.CspViolations);
        Assert.Empty(fx.PageErrors);
    }
}
