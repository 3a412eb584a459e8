using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SceneMonitor.Tests.Browser;

/// <summary>Automated accessibility checks (axe-core, the WCAG 2.0 and 2.1 A and AA rules) of every
/// view in the states a user sees it: the sign-in form, the observations map, the record form (also
/// with validation errors and on a phone), the displacement analysis with its results, the downloads,
/// and French. A serious or critical violation fails the test; every violation is printed with its
/// elements. Nothing is excluded: Leaflet's map markup passes these rules as the app sets it up.
/// Beside axe, the keyboard order on the map and Leaflet's labels in French are checked, which axe
/// cannot see.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fx, ITestOutputHelper output)
{
    /// <summary>Runs axe on the page as it is now (<see cref="AxeCheck"/>) and returns its serious and
    /// critical violations as readable text (empty when there are none).</summary>
    private Task<string> AxeAsync(IPage page, string state) => AxeCheck.SeriousAsync(page, state, output);

    private static void AssertClean(params string[] reports)
    {
        var failures = string.Concat(reports);
        if (failures.Length > 0) Assert.Fail("Serious or critical accessibility violations:\n" + failures);
    }

    private static async Task WaitForObservationsAsync(IPage page)
    {
        await page.WaitForSelectorAsync("#obs-summary[data-count]");
        await page.WaitForFunctionAsync("() => !document.body.classList.contains('obs-loading')");
        await page.WaitForSelectorAsync(".obs-cluster, .obs-marker");
    }

    /// <summary>Focuses the element and returns the class of what Tab moves to next.</summary>
    private static async Task<string> NextTabStopAsync(IPage page, string selector)
    {
        await page.FocusAsync(selector);
        await page.Keyboard.PressAsync("Tab");
        return await page.EvaluateAsync<string>("() => document.activeElement?.getAttribute('class') ?? ''");
    }

    [Fact]
    public async Task The_check_itself_reports_a_planted_violation()
    {
        var page = await fx.NewPageAsync();
        await fx.OpenAsync(page);
        await page.EvaluateAsync(@"() => {
            const img = document.createElement('img');
            img.src = 'favicon.svg';
            img.id = 'planted';
            document.querySelector('#panel').prepend(img);
        }");
        var report = await AxeAsync(page, "planted image without alt");
        await page.Context.CloseAsync();
        Assert.Contains("image-alt (critical)", report);
        Assert.Contains("#planted", report);
    }

    [Fact]
    public async Task The_sign_in_form_has_no_serious_violations()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync($"{fx.BaseUrl}/#/observations");
        await page.WaitForSelectorAsync("body.ready, #login-dialog[open]");
        if (!await page.IsVisibleAsync("#login-dialog[open]"))
        {
            output.WriteLine("The server has open access (no sign-in form).");
            await page.Context.CloseAsync();
            return;
        }
        var empty = await AxeAsync(page, "sign-in");
        await page.FillAsync("#login-username", "recorder");
        await page.FillAsync("#login-password", "wrong-password");
        await page.ClickAsync("#login-form button[type=submit]");
        await page.WaitForSelectorAsync("#login-error:not([hidden])");
        var wrong = await AxeAsync(page, "sign-in, wrong password");
        await page.Context.CloseAsync();
        AssertClean(empty, wrong);
    }

    [Fact]
    public async Task The_observations_view_has_no_serious_violations()
    {
        var page = await fx.NewPageAsync();
        await fx.OpenAsync(page);
        await WaitForObservationsAsync(page);
        var points = await AxeAsync(page, "observations, points");
        // A cluster says what its number counts.
        Assert.Contains("observations", await page.Locator(".obs-cluster").First.InnerTextAsync());
        // Tab from the map reaches the zoom buttons before the hundreds of markers.
        Assert.Contains("leaflet-control-zoom-in", await NextTabStopAsync(page, "#map"));

        await page.ClickAsync("[data-display=heat]");
        await page.WaitForSelectorAsync("canvas.leaflet-heatmap-layer");
        var heat = await AxeAsync(page, "observations, heat map");

        // A point's popup, zoomed in where single markers show.
        await page.GotoAsync($"{fx.BaseUrl}/#/observations/18/50.8357/4.3360");
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body.ready");
        await page.ClickAsync("[data-display=points]");
        try { await page.Locator(".obs-marker").First.WaitForAsync(); }
        catch (TimeoutException)
        {
            // Once in a full run (2026-12-07) no marker came here; not reproduced alone.
            output.WriteLine("map when no marker showed: " + await BrowserFixture.DescribeMapAsync(page));
            await fx.ScreenshotAsync(page, "a11y-no-marker");
            throw;
        }
        // The one nearest the centre: the first in the document may sit under the legend or the panel.
        await (await BrowserFixture.MarkerNearestCentreAsync(page)).ClickAsync();
        await page.Locator(".popup").WaitForAsync();
        var popup = await AxeAsync(page, "observations, popup");
        await page.Context.CloseAsync();
        AssertClean(points, heat, popup);
    }

    [Fact]
    public async Task The_record_view_has_no_serious_violations_also_with_validation_errors()
    {
        var page = await fx.NewPageAsync();
        await fx.OpenAsync(page, "#/record/16/50.8400/4.3600");
        await page.WaitForSelectorAsync("#rec-categories input");
        var empty = await AxeAsync(page, "record");

        await BrowserFixture.SubmitObservationAsync(page, "syringe", "0", "needles by the door, call 0475 12 34 56");
        await page.Locator("#err-note").WaitForAsync();
        var invalid = await AxeAsync(page, "record, validation errors");

        await page.ClickAsync("#batch summary");
        await page.WaitForSelectorAsync("#batch-file:visible");
        var batch = await AxeAsync(page, "record, batch upload");
        await page.Context.CloseAsync();

        // Outreach workers record on a phone.
        var phone = await fx.NewPageAsync(390, 844);
        await fx.OpenAsync(phone, "#/record");
        await phone.WaitForSelectorAsync("#rec-categories input");
        var onPhone = await AxeAsync(phone, "record, phone");
        await phone.Context.CloseAsync();
        AssertClean(empty, invalid, batch, onPhone);
    }

    [Fact]
    public async Task The_displacement_view_with_results_has_no_serious_violations()
    {
        var page = await fx.NewPageAsync();
        await fx.OpenAsync(page, "#/displacement");
        await page.WaitForSelectorAsync("body[data-analysis]", new() { Timeout = 120_000 });
        await page.WaitForSelectorAsync("path.vector");
        var change = await AxeAsync(page, "displacement, results");
        // The grid's cells are out of the Tab sequence (hundreds of them); the arrows are not.
        Assert.Equal(0, await page.Locator("path.cell:not([tabindex='-1'])").CountAsync());
        Assert.Contains("leaflet-control-zoom-in", await NextTabStopAsync(page, "#map"));

        await page.ClickAsync("[data-dis-show=before]");
        var before = await AxeAsync(page, "displacement, before");
        await page.ClickAsync("[data-dis-mode=custom]");
        var custom = await AxeAsync(page, "displacement, own area and periods");
        await page.Context.CloseAsync();
        AssertClean(change, before, custom);
    }

    [Fact]
    public async Task The_evaluation_result_with_explanations_open_and_its_report_have_no_serious_violations()
    {
        var page = await fx.NewPageAsync();
        await EvaluationFixture.RouteAsync(page);
        await fx.OpenAsync(page, EvaluationFixture.Hash);
        await page.WaitForSelectorAsync("body[data-analysis]", new() { Timeout = 120_000 });
        await page.Locator("#dis-summary .wdq-block h3 button.info").ClickAsync();
        var result = await AxeAsync(page, "evaluation result, explanation open");
        await page.ClickAsync("#dis-report");
        await page.WaitForSelectorAsync("body[data-report]");
        var report = await AxeAsync(page, "evaluation report");
        await page.Context.CloseAsync();
        AssertClean(result, report);
    }

    [Fact]
    public async Task The_download_view_has_no_serious_violations()
    {
        var page = await fx.NewPageAsync();
        await fx.OpenAsync(page, "#/download");
        await page.WaitForSelectorAsync("#dl-obs-geojson:visible");
        await page.WaitForFunctionAsync("() => document.querySelector('#dl-filter-text').textContent.trim().length > 0");
        var download = await AxeAsync(page, "download");
        await page.Context.CloseAsync();
        AssertClean(download);
    }

    [Fact]
    public async Task The_French_pages_have_no_serious_violations()
    {
        var page = await fx.NewPageAsync();
        await fx.OpenAsync(page);
        await WaitForObservationsAsync(page);
        await page.ClickAsync("[data-lang=fr]");
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
        var observations = await AxeAsync(page, "fr, observations");
        // Leaflet's own labels follow the language too (lang="fr" must not read English).
        Assert.Equal("Zoom avant", await page.GetAttributeAsync(".leaflet-control-zoom-in", "aria-label"));
        Assert.Equal("Zoom arrière", await page.GetAttributeAsync(".leaflet-control-zoom-out", "aria-label"));

        await page.ClickAsync("[data-view-link=displacement]");
        await page.WaitForSelectorAsync("body[data-analysis]", new() { Timeout = 120_000 });
        await page.WaitForSelectorAsync("path.vector");
        var displacement = await AxeAsync(page, "fr, displacement");

        await page.ClickAsync("[data-view-link=record]");
        await page.WaitForSelectorAsync("#rec-categories input");
        var record = await AxeAsync(page, "fr, record");

        await page.GotoAsync($"{fx.BaseUrl}/#/observations/18/50.8357/4.3360");
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body.ready");
        await page.Locator(".obs-marker").First.WaitForAsync();
        // The one nearest the centre: the first in the document may sit under the legend or the panel.
        await (await BrowserFixture.MarkerNearestCentreAsync(page)).ClickAsync();
        await page.Locator(".popup").WaitForAsync();
        Assert.Equal("Fermer", await page.GetAttributeAsync(".leaflet-popup-close-button", "aria-label"));
        var popup = await AxeAsync(page, "fr, popup");
        await page.Context.CloseAsync();
        AssertClean(observations, displacement, record, popup);
    }
}
