using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;
using static SceneMonitor.Tests.Integration.Ogc.OgcApi;

namespace SceneMonitor.Tests.Integration.Ogc;

/// <summary>A test that needs Debian's QGIS Python bindings (`apt-get install python3-qgis`); skipped,
/// saying so, where `/usr/bin/python3 -c "import qgis.core"` fails.</summary>
public sealed class QgisFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import qgis.core"]) { RedirectStandardError = true })!;
            process.StandardError.ReadToEnd();
            return process.WaitForExit(60_000) && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    });

    public QgisFactAttribute()
    {
        if (!Available.Value) Skip = "QGIS's Python bindings are not installed (apt-get install python3-qgis); the QGIS client check did not run.";
    }
}

/// <summary>1,150 syringes and 60 complaints (more than QGIS's 1,000-feature page) and API keys for a
/// recorder and a planner, on a real port.</summary>
public sealed class OgcQgisFixture : IAsyncLifetime
{
    public const int Syringes = 1150, Complaints = 60;
    public KestrelSceneMonitorApp App { get; } = new();
    public string RecorderKey { get; private set; } = "";
    public string PlannerKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)App).InitializeAsync();
        var recorder = App.ClientFor("recorder");
        var source = UniqueSource();
        await recorder.SeedAsync(source, Spread(Syringes));
        // 0.01° (about 1.1 km) north of the syringes: outside the rectangle the test asks for.
        await recorder.SeedAsync(source, Spread(Complaints, "complaint").Select(s => s with { Lat = s.Lat + 0.01 }));
        RecorderKey = await KeyAsync("qgis-recorder", "recorder");
        PlannerKey = await KeyAsync("qgis-planner", "planner");
    }

    private async Task<string> KeyAsync(string name, string role)
    {
        var response = await App.ClientFor("admin").PostAsJsonAsync("/api/admin/api-keys", new { name, role, organisation = "gis" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
}

/// <summary>Debian 12's QGIS (3.22, provider OAPIF, headless) loads the layers with the API key as an
/// HTTP Basic password — from its authentication database and from the layer URI — and counts the same
/// features as the API. What QGIS sent is read from the server's audit log (one line per items page,
/// with its query): the rectangle of "only request features overlapping the view extent" is sent as
/// bbox; a subset string (the Query Builder) or a filter expression is not sent by QGIS before 3.32
/// (its CQL2-text translation came in 3.32): QGIS downloads the collection and filters it itself.
/// Script: tests/clients/qgis/check_oapif.py.</summary>
public class OgcQgisTests(OgcQgisFixture fixture) : IClassFixture<OgcQgisFixture>
{
    private const string Box = "4.34,50.84,4.345,50.843";

    private async Task<JsonObject> QgisAsync(string key, string auth, string subset, params string[] collections)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script());
        foreach (var a in (string[])["--url", fixture.App.BaseUrl + "/ogc", "--auth", auth, "--bbox", Box, "--subset", subset])
            start.ArgumentList.Add(a);
        foreach (var c in collections) { start.ArgumentList.Add("--collection"); start.ArgumentList.Add(c); }
        start.Environment["QT_QPA_PLATFORM"] = "offscreen";
        start.Environment["SM_KEY"] = key;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"QGIS check exited {process.ExitCode}: {await stderr}");
        Assert.DoesNotContain(key, await stdout + await stderr);
        return JsonNode.Parse(await stdout)!.AsObject();
    }

    private async Task<long> ApiCountAsync(string collection, string query, string role = "recorder") =>
        (await fixture.App.ClientFor(role).GetJsonAsync($"/ogc/collections/{collection}/items?limit=1{query}"))["numberMatched"]!.GetValue<long>();

    private Task<long> AuditedAsync(string actor, string like) => fixture.App.ScalarAsync<long>(
        "SELECT count(*) FROM audit_log WHERE actor = @a AND parameters::text LIKE @p", ("a", actor), ("p", like));

    [QgisFact]
    public async Task Qgis_3_22_loads_observations_with_the_key_as_basic_password_and_counts_right()
    {
        var version = "";
        foreach (var auth in new[] { "authcfg", "uri" })
        {
            var report = await QgisAsync(fixture.RecorderKey, auth, "category = 'complaint'", "observations");
            version = report["qgis"]!.GetValue<string>();
            var layer = report["layers"]!["observations"]!;
            Assert.True(layer["valid"]!.GetValue<bool>(), $"{auth}: {report}");
            var all = await ApiCountAsync("observations", "");
            Assert.Equal(OgcQgisFixture.Syringes + OgcQgisFixture.Complaints, all);
            Assert.Equal(all, layer["featureCount"]!.GetValue<long>());
            Assert.Equal(all, layer["iterated"]!.GetValue<long>());
            var inBox = await ApiCountAsync("observations", "&bbox=" + Box);
            Assert.InRange(inBox, 1, OgcQgisFixture.Syringes - 1);
            Assert.Equal(inBox, layer["rectangle"]!.GetValue<long>());
            Assert.Equal(inBox, layer["rectangleRestricted"]!.GetValue<long>());
            Assert.Equal(OgcQgisFixture.Complaints, await ApiCountAsync("observations", "&category=complaint"));
            Assert.Equal(OgcQgisFixture.Complaints, layer["expression"]!.GetValue<long>());
            Assert.True(layer["subsetAccepted"]!.GetValue<bool>());
            Assert.Equal(OgcQgisFixture.Complaints, layer["subsetIterated"]!.GetValue<long>());
        }

        const string actor = "apikey:qgis-recorder";
        // 1,210 features at QGIS's 1,000 a page: it followed the next link.
        Assert.True(await AuditedAsync(actor, "%\"after\"%") > 0, "QGIS read a second page");
        // The view-extent rectangle went to the server as bbox.
        Assert.True(await AuditedAsync(actor, "%\"bbox\"%") > 0, "QGIS sent the rectangle as bbox");
        // The subset string and the filter expression did not: 3.22 filters on its side.
        var pushed = await AuditedAsync(actor, "%\"filter\"%") + await AuditedAsync(actor, "%\"category\"%");
        if (Version.Parse(version.Split('-')[0]) < new Version(3, 32)) Assert.Equal(0, pushed);
        else Assert.True(pushed > 0, $"QGIS {version} is documented to send CQL2-text filters");
    }

    [QgisFact]
    public async Task Qgis_with_a_planner_key_loads_the_grid_and_not_the_observations()
    {
        var report = await QgisAsync(fixture.PlannerKey, "authcfg", "category = 'syringe'", "observation-grid", "observations");
        var grid = report["layers"]!["observation-grid"]!;
        Assert.True(grid["valid"]!.GetValue<bool>(), report.ToJsonString());
        var cells = await ApiCountAsync("observation-grid", "", "planner");
        Assert.True(cells > 0);
        Assert.Equal(cells, grid["featureCount"]!.GetValue<long>());
        Assert.Equal(cells, grid["iterated"]!.GetValue<long>());
        Assert.False(report["layers"]!["observations"]!["valid"]!.GetValue<bool>());
        Assert.Equal(0, await fixture.App.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE actor = 'apikey:qgis-planner' AND target = 'GET /ogc/collections/observations/items'"));
    }

    private static string Script()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "clients", "qgis", "check_oapif.py");
            if (File.Exists(path)) return path;
        }
        throw new InvalidOperationException("tests/clients/qgis/check_oapif.py not found above " + AppContext.BaseDirectory);
    }
}
