using Microsoft.Playwright;
using SceneMonitor.Tests.Support;

namespace SceneMonitor.Tests.Browser;

/// <summary>The README's pictures, taken from the running app on the demo data so they show the page
/// as it is today. Always taken into the screenshot folder and checked; with
/// SCENEMONITOR_WRITE_SCREENSHOTS=1 also copied over docs/images/*.png, to be committed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadmeScreenshotTests(BrowserFixture fx)
{
    private const string WriteVariable = "SCENEMONITOR_WRITE_SCREENSHOTS";

    [Fact]
    public async Task The_README_screenshots_show_the_map_a_displacement_result_and_recording_on_a_phone()
    {
        // The map: the last 30 days around the station and the places the scene moved to.
        var map = await fx.NewPageAsync(1200, 750);
        await fx.OpenAsync(map, "#/observations/15/50.8375/4.3390", "analyst", "demo-analyst");
        await map.WaitForSelectorAsync("#obs-summary[data-count]");
        await map.WaitForFunctionAsync("() => !document.body.classList.contains('obs-loading')");
        await map.WaitForSelectorAsync(".obs-cluster, .obs-marker, .obs-symbol");
        await TakeAsync(map, "map", 1200, 750);

        // A displacement result: the demo clearance of the station, its verdict and tested change per cell.
        var result = await fx.NewPageAsync(1200, 750);
        await fx.OpenAsync(result, "#/displacement", "analyst", "demo-analyst");
        await result.WaitForSelectorAsync("body[data-analysis]", new() { Timeout = 120_000 });
        // The verdict at the top of the side panel (only the panel scrolls), the map one step closer.
        await result.EvaluateAsync(@"() => {
            const panel = document.querySelector('#panel'), verdict = document.querySelector('.verdict');
            panel.scrollTop += verdict.getBoundingClientRect().top - panel.getBoundingClientRect().top - 12;
        }");
        await result.ClickAsync(".leaflet-control-zoom-in");
        await result.WaitForTimeoutAsync(600); // the zoom animation
        Assert.True(await result.Locator("path.cell-change-increase").CountAsync() > 0, "the places the scene moved to are coloured");
        await TakeAsync(result, "displacement", 1200, 750);

        // Recording in the street: a place tapped on the map, a category, a quantity and a note.
        var phone = await fx.NewPageAsync(390, 844);
        await fx.OpenAsync(phone, "#/record/15/50.8357/4.3360", "recorder", "demo-recorder");
        await phone.WaitForSelectorAsync("#rec-categories input");
        var box = (await phone.Locator("#map").BoundingBoxAsync())!;
        await phone.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await phone.WaitForSelectorAsync(".record-pin");
        await phone.CheckAsync("#rec-categories input[value=discarded_pipe]");
        await phone.FillAsync("#rec-quantity", "3");
        await phone.FillAsync("#rec-note", "behind the stairs of the metro entrance");
        // Back to the top: the map with the chosen place above the chosen category.
        await phone.EvaluateAsync("() => { document.activeElement.blur(); document.querySelector('#panel').scrollTop = 0; window.scrollTo(0, 0); }");
        await TakeAsync(phone, "record-phone", 390, 844);

        Assert.Empty(fx.CspViolations);
        Assert.Empty(fx.PageErrors);
    }

    /// <summary>Takes the picture, checks it is a PNG of the viewport's size and not a blank page,
    /// and copies it into docs/images when asked to.</summary>
    private async Task TakeAsync(IPage page, string name, int width, int height)
    {
        await fx.ScreenshotAsync(page, "readme-" + name);
        await page.Context.CloseAsync();
        var path = Path.Combine(fx.ScreenshotDir, $"readme-{name}.png");
        var png = await File.ReadAllBytesAsync(path);
        Assert.True(png.Length > 10_000, $"{path}: {png.Length} bytes is too small for a drawn page");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]); // \x89PNG
        // Width and height from the IHDR chunk (big-endian, bytes 16–23).
        Assert.Equal(width, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
        Assert.Equal(height, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);

        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            var images = Path.Combine(RepositoryRoot.Find(), "docs", "images");
            Directory.CreateDirectory(images);
            File.Copy(path, Path.Combine(images, name + ".png"), overwrite: true);
        }
    }
}
