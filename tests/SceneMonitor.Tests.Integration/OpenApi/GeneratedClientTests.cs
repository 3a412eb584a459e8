using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Integration.Ogc;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.OpenApi;

/// <summary>A real generator on the real document: openapi-typescript (tests/clients/package.json)
/// turns /openapi/v1.json into types, tsc --strict compiles tests/clients/observation-client.ts
/// against them (the query parameters of listObservations, the 201 of createObservation and the 422
/// problem are named there, so a document without them fails to compile), and node runs it with
/// openapi-fetch against the app on a real port: create, list, a refused create, retract.</summary>
public class GeneratedClientTests(KestrelSceneMonitorApp app) : IClassFixture<KestrelSceneMonitorApp>
{
    private static readonly string Clients = FindClients();

    [Fact]
    public async Task Typescript_client_creates_lists_and_retracts_an_observation()
    {
        await NpmInstallAsync();
        var admin = app.ClientFor("admin");
        var doc = await admin.GetStringAsync("/openapi/v1.json");
        Directory.CreateDirectory(Path.Combine(Clients, "out"));
        var spec = Path.Combine(Clients, "out", "v1.json");
        await File.WriteAllTextAsync(spec, doc);

        await RunAsync("node", "node_modules/openapi-typescript/bin/cli.js", spec, "-o", "out/scenemonitor.d.ts");
        var types = await File.ReadAllTextAsync(Path.Combine(Clients, "out", "scenemonitor.d.ts"));
        var list = types[types.IndexOf("listObservations: {", StringComparison.Ordinal)..];
        Assert.DoesNotContain("query?: never", list[..list.IndexOf("requestBody", StringComparison.Ordinal)]);
        await RunAsync("node", "node_modules/typescript/bin/tsc", "-p", "tsconfig.json");

        var key = await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "generated-client", role = "recorder", organisation = "clients" });
        Assert.True(key.IsSuccessStatusCode, await key.Content.ReadAsStringAsync());
        var secret = (await key.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
        var output = await RunAsync("node", ["out/observation-client.js"],
            new() { ["BASE_URL"] = app.BaseUrl, ["API_KEY"] = secret, ["SOURCE"] = UniqueSource() });

        var result = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        Assert.Equal(201, result["createStatus"]!.GetValue<int>());
        Assert.True(result["createIsData"]!.GetValue<bool>());   // a success for the client, not an error
        Assert.Equal(200, result["listStatus"]!.GetValue<int>());
        Assert.Equal(1, result["before"]!.GetValue<int>());      // the one created under this test's own source
        Assert.Equal(422, result["invalidStatus"]!.GetValue<int>());
        Assert.Contains("longitude", result["invalidFields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(204, result["retractStatus"]!.GetValue<int>());
        Assert.Equal(0, result["after"]!.GetValue<int>());       // retracted observations leave the list
    }

    private static readonly SemaphoreSlim Install = new(1, 1);

    private static async Task NpmInstallAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (!Directory.Exists(Path.Combine(Clients, "node_modules", "openapi-typescript")))
                await RunAsync("npm", "ci", "--no-audit", "--no-fund");
        }
        finally { Install.Release(); }
    }

    private static Task<string> RunAsync(string tool, params string[] args) => RunAsync(tool, args, []);

    private static async Task<string> RunAsync(string tool, string[] args, Dictionary<string, string> env)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = Clients, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in env) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)}: exit {process.ExitCode}\n{await stdout}\n{await stderr}");
        return await stdout;
    }

    private static string FindClients() => Path.Combine(RepositoryRoot.Find(), "tests", "clients");
}
