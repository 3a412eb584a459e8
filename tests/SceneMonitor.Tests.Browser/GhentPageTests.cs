using Microsoft.Playwright;

namespace SceneMonitor.Tests.Browser;

/// <summary>The app serving the Ghent region pack (no demo data: the manifest says so), in a browser.</summary>
public sealed class GhentBrowserFixture() : BrowserFixture(new BrowserApp(("Region:Pack", "ghent")));

[CollectionDefinition(Name)]
public sealed class GhentBrowserCollection : ICollectionFixture<GhentBrowserFixture>
{
    public const string Name = "ghent-browser";
}

/// <summary>The map page of a Ghent deployment: Ghent's start view, its 25 districts drawn and named,
/// and the tagline naming Ghent, at desktop and phone size (screenshots 60-ghent-*).</summary>
[Collection(GhentBrowserCollection.Name)]
public sealed class GhentPageTests(GhentBrowserFixture fx)
{
    [Theory]
    [InlineData(1200, 750, "60-ghent-map")]
    [InlineData(390, 844, "61-ghent-map-phone")]
    public async Task The_map_opens_on_ghent_with_its_districts_and_names_ghent(int width, int height, string screenshot)
    {
        var page = await fx.NewPageAsync(width, height, hasTouch: width < 600);
        await fx.OpenAsync(page, username: "admin", password: SceneMonitor.Tests.Support.SceneMonitorApp.AdminPassword);
        await BrowserFixture.WaitForObservationsAsync(page);
        // Ghent has districts only: they are the labelled layer (Brussels labels its municipalities).
        await page.WaitForFunctionAsync("() => document.querySelectorAll('path.district-outline').length >= 25");
        Assert.Equal(25, await page.Locator("path.district-outline").CountAsync());
        Assert.Contains("Ghent", await page.Locator(".brand-tagline").InnerTextAsync());
        Assert.Contains("Ghent", await page.TitleAsync());
        // The start view is the manifest's (zoom 12 at 51.0543 N, 3.7250 E); the address follows the map (#/view/zoom/lat/lon).
        // The address is written when the view or display changes; pressing the current display writes it without moving the map.
        await page.ClickAsync("[data-display=points]");
        await page.WaitForFunctionAsync("() => /#\\/observations\\/\\d/.test(location.hash)");
        var view = System.Text.RegularExpressions.Regex.Match(page.Url, @"#/observations/(\d+)/([\d.]+)/([\d.]+)");
        Assert.True(view.Success, page.Url);
        Assert.Equal("12", view.Groups[1].Value);
        Assert.Equal(51.0543, double.Parse(view.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 0.01);
        Assert.Equal(3.7250, double.Parse(view.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), 0.01);
        if (width >= 600) Assert.True(await page.Locator(".area-label", new() { HasTextString = "Binnenstad" }).CountAsync() == 1);
        await fx.ScreenshotAsync(page, screenshot);
        Assert.Empty(fx.PageErrors);
    }
}
