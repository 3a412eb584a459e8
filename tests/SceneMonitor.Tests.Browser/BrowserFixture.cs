using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SceneMonitor.Tests.Support;

namespace SceneMonitor.Tests.Browser;

/// <summary>The app with the demo data on a real TCP port (Kestrel), so a browser can reach it.</summary>
public sealed class BrowserApp : DemoSceneMonitorApp
{
    private readonly (string Key, string Value)[] _settings;

    /// <param name="settings">Configuration for this app only, e.g. a lower threshold.</param>
    public BrowserApp(params (string Key, string Value)[] settings)
    {
        _settings = settings;
        UseKestrel(0);
    }

    protected override IEnumerable<(string Key, string Value)> Settings => _settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // One account per role for the demo (when the server has accounts); harmless otherwise.
        builder.UseSetting("Demo:Accounts", "true");
    }

    public string BaseUrl
    {
        get
        {
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');
        }
    }
}

/// <summary>One app and one headless Chromium for all browser tests (the demo data takes a while).
/// Chromium is Debian's /usr/bin/chromium; Playwright never downloads a browser here.</summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public BrowserFixture() : this(new BrowserApp()) { }
    /// <summary>For a fixture over an app with its own settings (xunit wants one public constructor).</summary>
    protected BrowserFixture(BrowserApp app) => App = app;
    public BrowserApp App { get; }
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public string ScreenshotDir { get; } = FindScreenshotDir();
    /// <summary>Messages from the browser about content the server's CSP refused (inline script or
    /// style, other origins), and uncaught script errors, over all pages.</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> CspViolations { get; } = [];
    public System.Collections.Concurrent.ConcurrentBag<string> PageErrors { get; } = [];

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (apt-get install chromium).");
        await ((IAsyncLifetime)App).InitializeAsync();
        BaseUrl = App.BaseUrl;
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = HeadlessChromium.Switches(),
        });
        Directory.CreateDirectory(ScreenshotDir);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        await ((IAsyncLifetime)App).DisposeAsync();
    }

    /// <summary>A fresh browser context (own storage) whose requests never leave the app: base-map
    /// tiles and anything else external are refused, as on a machine without internet.</summary>
    /// <param name="colorScheme">The system's light or dark preference (Playwright's default: light).</param>
    /// <param name="hasTouch">A touch screen (taps, pointer: coarse), as on a phone.</param>
    public async Task<IPage> NewPageAsync(int width = 1440, int height = 900, string locale = "en-GB",
        ColorScheme colorScheme = ColorScheme.Light, bool hasTouch = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            TimezoneId = "Europe/Brussels",
            AcceptDownloads = true,
            ColorScheme = colorScheme,
            HasTouch = hasTouch,
        });
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(BaseUrl, StringComparison.Ordinal)) await route.ContinueAsync();
            else await route.AbortAsync();
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) CspViolations.Add(message.Text);
        };
        page.PageError += (_, error) => PageErrors.Add(error);
        return page;
    }

    /// <summary>Opens the page at a hash route and waits until the app has started, signing in with
    /// a demo account (recorder unless said otherwise) when the server asks for a sign-in. Returns
    /// whether it signed in (false: the server has open access).</summary>
    public async Task<bool> OpenAsync(IPage page, string hash = "#/observations", string username = "recorder", string password = "demo-recorder",
        string? signInScreenshot = null)
    {
        await page.GotoAsync($"{BaseUrl}/{hash}");
        await page.WaitForSelectorAsync("body.ready, #login-dialog[open]");
        if (!await page.IsVisibleAsync("#login-dialog[open]")) return false;
        if (signInScreenshot is not null) await ScreenshotAsync(page, signInScreenshot);
        await page.FillAsync("#login-username", username);
        await page.FillAsync("#login-password", password);
        await page.ClickAsync("#login-form button[type=submit]");
        await page.WaitForSelectorAsync("body.ready");
        return true;
    }

    /// <summary>Waits until the Observations view has loaded its data (the count is shown).</summary>
    public static async Task WaitForObservationsAsync(IPage page)
    {
        await page.WaitForSelectorAsync("#obs-summary[data-count]");
        await page.WaitForFunctionAsync("() => !document.body.classList.contains('obs-loading')");
    }

    /// <summary>The number of observations the Observations view says its filter holds.</summary>
    public static async Task<int> ShownCountAsync(IPage page) =>
        int.Parse((await page.GetAttributeAsync("#obs-summary", "data-count"))!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>In the record view: places the observation at the map's centre, picks the category,
    /// fills quantity and note, and submits the form.</summary>
    public static async Task SubmitObservationAsync(IPage page, string category, string quantity, string note)
    {
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.WaitForSelectorAsync(".record-pin");
        await page.CheckAsync($"#rec-categories input[value={category}]");
        await page.FillAsync("#rec-quantity", quantity);
        await page.FillAsync("#rec-note", note);
        await page.ClickAsync("#rec-submit");
    }

    /// <summary>What the map shows, for a test's output when something expected is missing.</summary>
    public static Task<string> DescribeMapAsync(IPage page) => page.EvaluateAsync<string>("""
        () => JSON.stringify({ hash: location.hash, mode: document.body.dataset.mapMode, display: document.body.dataset.mapDisplay,
          count: document.querySelector('#obs-summary')?.dataset.count, summary: document.querySelector('#obs-summary')?.textContent,
          symbols: [...document.querySelectorAll('.obs-symbol')].slice(0, 20).map(e => e.dataset.id + ':' + e.getAttribute('style')),
          markers: document.querySelectorAll('.obs-marker').length,
          clusters: [...document.querySelectorAll('.obs-cluster,.marker-cluster')].slice(0, 20).map(e => e.className + ' ' + e.textContent),
          cls: document.body.className })
        """);

    /// <summary>The observation marker nearest the middle of the map (so that its popup opens in view).</summary>
    public static async Task<ILocator> MarkerNearestCentreAsync(IPage page)
    {
        var nearest = await page.EvaluateAsync<int>(@"() => {
            const map = document.querySelector('#map').getBoundingClientRect();
            const cx = map.left + map.width / 2, cy = map.top + map.height / 2;
            const markers = [...document.querySelectorAll('.obs-marker')];
            const d = (m) => { const r = m.getBoundingClientRect(); return Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy); };
            return markers.reduce((best, m, i) => (d(m) < d(markers[best]) ? i : best), 0);
        }");
        return page.Locator(".obs-marker").Nth(nearest);
    }

    public async Task ScreenshotAsync(IPage page, string name, bool fullPage = false)
    {
        await page.WaitForTimeoutAsync(400); // popups and map panning fade in
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = fullPage, Animations = ScreenshotAnimations.Disabled,
        });
    }

    /// <summary>artifacts/screenshots at the repository root (git-ignored), or SCENEMONITOR_SCREENSHOTS.</summary>
    private static string FindScreenshotDir()
    {
        var fromEnv = Environment.GetEnvironmentVariable("SCENEMONITOR_SCREENSHOTS");
        if (!string.IsNullOrWhiteSpace(fromEnv)) return fromEnv;
        var root = RepositoryRoot.TryFind();
        return root is not null ? Path.Combine(root, "artifacts", "screenshots") : Path.Combine(AppContext.BaseDirectory, "screenshots");
    }

    public static JsonDocument ParseJson(string text) => JsonDocument.Parse(text);
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
