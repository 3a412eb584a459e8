namespace SceneMonitor.Tests.Support;

/// <summary>Switches for Debian's headless Chromium as the browser tests and the bench start it
/// (through Playwright). One home, as the bench compiles this file too.</summary>
public static class HeadlessChromium
{
    /// <summary>The switches both start Chromium with; `addressBarPages` keeps the two browser-UI
    /// pages (the bench's BENCH_MAP_BROWSER_UI=1, to measure what they cost).</summary>
    public static string[] Switches(bool addressBarPages = false) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        .. (addressBarPages ? Array.Empty<string>() : [DisableFeatures]),
    ];

    /// <summary>Headless Chromium 156 opens each new context's window with two browser-UI pages of
    /// its own (chrome://omnibox-popup.top-chrome/ and its "AI mode" variant), about 0.6 s of CPU on
    /// two cores while a test's or the bench's page loads; a user's browser has its address bar long
    /// before. Chromium keeps only the last --disable-features switch, and Playwright passes its own
    /// list first: so this switch repeats Playwright's list (1.64, `chromiumSwitches`) and adds the
    /// two. `BrowserCommandLineTests` fails if Playwright's list grows beyond it.</summary>
    public const string DisableFeatures = "--disable-features="
        + "AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,DialMediaRouteProvider,GlobalMediaControls,"
        + "HttpsUpgrades,LensOverlay,MediaRouter,PaintHolding,ThirdPartyStoragePartitioning,"
        + "BlockOriginHeaderModificationOnRedirect,AvoidCorsURLLoaderRestartOnRedirect,Translate,AutoDeElevate,"
        + "OptimizationHints,NetworkTimeServiceQuerying,AimEnabled,msForceBrowserSignIn,msEdgeUpdateLaunchServicesPreferredVersion,"
        + "WebUIOmniboxPopup,WebUIOmniboxAimPopup";
}
