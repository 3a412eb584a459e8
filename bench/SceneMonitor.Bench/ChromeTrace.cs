using System.Text.Json;
using Microsoft.Playwright;

namespace SceneMonitor.Bench;

/// <summary>A Chrome performance trace of one page through the DevTools protocol (the Playwright
/// version here has no tracing API for Chromium): the events the browser's Performance panel
/// records, written as a JSON array that bench/trace-summary.py (or chrome://tracing) reads.</summary>
public sealed class ChromeTrace
{
    private const string Categories = "disabled-by-default-v8.cpu_profiler,devtools.timeline,disabled-by-default-devtools.timeline,v8,v8.execute,blink.user_timing,loading,toplevel,__metadata";
    private readonly ICDPSession _cdp;
    private readonly List<JsonElement> _events = [];
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChromeTrace(ICDPSession cdp)
    {
        _cdp = cdp;
        cdp.Event("Tracing.dataCollected").OnEvent += (_, e) =>
        {
            if (e is { } data)
                lock (_events) _events.AddRange(data.GetProperty("value").EnumerateArray().Select(v => v.Clone()));
        };
        cdp.Event("Tracing.tracingComplete").OnEvent += (_, _) => _complete.TrySetResult();
    }

    public static async Task<ChromeTrace> StartAsync(IBrowserContext context, IPage page)
    {
        var trace = new ChromeTrace(await context.NewCDPSessionAsync(page));
        await trace._cdp.SendAsync("Tracing.start", new Dictionary<string, object>
        {
            ["categories"] = Categories,
            ["transferMode"] = "ReportEvents",
        });
        return trace;
    }

    public async Task SaveAsync(string path)
    {
        await _cdp.SendAsync("Tracing.end");
        await _complete.Task.WaitAsync(TimeSpan.FromSeconds(30));
        lock (_events) File.WriteAllText(path, JsonSerializer.Serialize(_events));
        await _cdp.DetachAsync();
    }
}
