using SceneMonitor.Tests.Support;

namespace SceneMonitor.Tests.Integration.Reliability;

/// <summary>The installable web app's files as the server sends them (the front end is built into
/// wwwroot by ./scenemonitor before the tests run).</summary>
public class InstallableAppTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    [Fact]
    public async Task The_service_worker_and_manifest_are_revalidated_on_every_load_and_the_worker_lists_the_shell()
    {
        var http = app.CreateClient();
        var worker = await http.GetAsync("/sw.js");
        Assert.True(worker.IsSuccessStatusCode, $"/sw.js: {(int)worker.StatusCode}");
        Assert.True(worker.Headers.CacheControl?.NoCache, "a stale worker would keep phones on an old build");
        Assert.Equal("text/javascript", worker.Content.Headers.ContentType?.MediaType);
        var text = await worker.Content.ReadAsStringAsync();
        // The build filled in the shell list and the version (web/service-worker.mjs).
        Assert.DoesNotContain("__SHELL_FILES__", text);
        Assert.DoesNotContain("__BUILD_VERSION__", text);
        Assert.Contains("\"index.html\"", text);
        // The bundle (web/build.mjs), the first script, and the chunks of the views loaded on first
        // use: a view first opened offline must come from the cache too. Source maps are left out.
        Assert.Contains("\"app/main.js\"", text);
        Assert.Contains("\"app/early.js\"", text);
        Assert.Matches("\"app/displacement-[A-Z0-9]+\\.js\"", text);
        Assert.DoesNotContain(".js.map\"", text);

        var manifest = await http.GetAsync("/manifest.webmanifest");
        Assert.True(manifest.IsSuccessStatusCode);
        Assert.Equal("application/manifest+json", manifest.Content.Headers.ContentType?.MediaType);
        Assert.True(manifest.Headers.CacheControl?.NoCache);
        // An ordinary file keeps the server's default caching.
        Assert.Null((await http.GetAsync("/app/main.js")).Headers.CacheControl);
    }
}
