using SceneMonitor.Tests.Support;

namespace SceneMonitor.Tests.Browser;

/// <summary>The browser the tests and the bench start (HeadlessChromium.DisableFeatures): Chromium
/// keeps only the last --disable-features switch, so ours must hold all of Playwright's own list
/// (a first version of this switch silently turned Playwright's list off), and the address-bar
/// pages it exists for must really stay closed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserCommandLineTests(BrowserFixture fx)
{
    [Fact]
    public async Task The_browser_keeps_Playwrights_disabled_features_and_opens_no_address_bar_pages()
    {
        var switches = BrowserArguments().Where(a => a.StartsWith("--disable-features=", StringComparison.Ordinal)).ToList();
        Assert.True(switches.Count >= 1, "a --disable-features switch is passed");
        static HashSet<string> Features(string s) => s["--disable-features=".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var effective = Features(switches[^1]);
        foreach (var earlier in switches.SkipLast(1))
            Assert.Empty(Features(earlier).Except(effective)); // Playwright's list, still in force
        Assert.Contains("PaintHolding", effective);
        Assert.Contains("WebUIOmniboxPopup", effective);

        var cdp = await fx.Browser.NewBrowserCDPSessionAsync();
        var page = await fx.NewPageAsync();
        await page.GotoAsync($"{fx.BaseUrl}/favicon.svg");
        await page.WaitForTimeoutAsync(1000); // the address-bar pages opened with the window, if any
        var targets = (await cdp.SendAsync("Target.getTargets"))!.Value.GetProperty("targetInfos").EnumerateArray()
            .Select(t => t.GetProperty("url").GetString()!).ToList();
        Assert.DoesNotContain(targets, url => url.Contains("omnibox-popup", StringComparison.Ordinal));
        Assert.Contains(targets, url => url.EndsWith("/favicon.svg", StringComparison.Ordinal));
        await page.Context.CloseAsync();
        await cdp.DetachAsync();
    }

    /// <summary>The command line of the browser this test process started (Playwright's driver is
    /// its child, the browser the driver's): read from /proc, as the DevTools protocol gives it
    /// only to browsers started with --enable-automation.</summary>
    private static string[] BrowserArguments()
    {
        int Parent(int pid) => int.Parse(File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var me = Environment.ProcessId;
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var args = File.ReadAllText($"{dir}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
                if (args.Length == 0 || !args[0].Contains("chromium", StringComparison.Ordinal) || args.Any(a => a.StartsWith("--type=", StringComparison.Ordinal))) continue;
                var parent = Parent(pid);
                if (parent == me || Parent(parent) == me) return args;
            }
            catch (IOException) { } // the process ended meanwhile
            catch (UnauthorizedAccessException) { }
        }
        throw new InvalidOperationException("the browser process started by this test run was not found in /proc");
    }
}
