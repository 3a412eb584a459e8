using System.Net.Http.Json;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.OpenApi;

/// <summary>NSwag 14.8.0 (NSwag.CodeGeneration.CSharp, the generator behind NSwagStudio and
/// NSwag.MSBuild) turns /openapi/v1.json into a C# client with its default settings (Newtonsoft.Json,
/// one client class named after the operationIds); Roslyn compiles it together with
/// <see cref="Usage"/>, code written against the generated types as a user would; the test runs it
/// against the app: create (201 is a result, not an ApiException, which would invite a retry), list
/// with the declared query parameters, a refused create (422 read as ProblemDetails with its field
/// errors), retract, list again.</summary>
public class NSwagClientTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private const string Usage = """
        namespace Generated;

        public static class Usage
        {
            public static async System.Threading.Tasks.Task<string> RunAsync(System.Net.Http.HttpClient http, string source)
            {
                var client = new SceneMonitorClient(http) { BaseUrl = http.BaseAddress!.ToString() };
                var created = await client.CreateObservationAsync(new ObservationInput
                {
                    Category = "syringe", Longitude = 4.336, Latitude = 50.8357,
                    ObservedAt = new System.DateTimeOffset(2025, 6, 1, 12, 0, 0, System.TimeSpan.Zero), Quantity = 2, Source = source,
                });
                var feature = Newtonsoft.Json.Linq.JObject.FromObject(created);
                long id = (long)feature["id"]!;

                var listed = Newtonsoft.Json.Linq.JObject.FromObject(await client.ListObservationsAsync(source: new[] { source }, category: new[] { "syringe" }, limit: 10));
                int before = ((Newtonsoft.Json.Linq.JArray)listed["features"]!).Count;

                int invalidStatus = 0;
                string invalidFields = "";
                try { await client.CreateObservationAsync(new ObservationInput { Category = "syringe", Longitude = 400, Latitude = 50.8, Source = source }); }
                catch (ApiException<ProblemDetails> e)
                {
                    invalidStatus = e.StatusCode;
                    invalidFields = string.Join(",", e.Result.Errors.Keys);
                }

                await client.RetractObservationAsync(id, new ObservationEndpointsRetractRequest { Reason = "NSwag client test" });
                var after = Newtonsoft.Json.Linq.JObject.FromObject(await client.ListObservationsAsync(source: new[] { source }, category: new[] { "syringe" }, limit: 10));

                return Newtonsoft.Json.JsonConvert.SerializeObject(new
                {
                    id, before, after = ((Newtonsoft.Json.Linq.JArray)after["features"]!).Count, invalidStatus, invalidFields,
                });
            }
        }
        """;

    [Fact]
    public async Task Nswag_csharp_client_creates_lists_and_retracts_an_observation()
    {
        var json = await app.ClientFor("admin").GetStringAsync("/openapi/v1.json");
        var document = await NSwag.OpenApiDocument.FromJsonAsync(json);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "SceneMonitorClient",
            GenerateOptionalParameters = true,
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
        };
        settings.CSharpGeneratorSettings.Namespace = "Generated";
        var code = new CSharpClientGenerator(document, settings).GenerateFile();

        var run = Compile(code, Usage).GetType("Generated.Usage")!.GetMethod("RunAsync")!;
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", await KeyAsync());
        var source = UniqueSource();
        var output = await (Task<string>)run.Invoke(null, [http, source])!;

        var result = JsonNode.Parse(output)!;
        Assert.True(result["id"]!.GetValue<long>() > 0);
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT count(*) FROM observations WHERE source = @s AND quantity = 2", ("s", source)));
        Assert.Equal(1, result["before"]!.GetValue<int>());
        Assert.Equal(422, result["invalidStatus"]!.GetValue<int>());
        Assert.Contains("longitude", result["invalidFields"]!.GetValue<string>().Split(','));
        Assert.Equal(0, result["after"]!.GetValue<int>());
        Assert.True(await app.ScalarAsync<bool>("SELECT retracted FROM observations WHERE source = @s", ("s", source)));
    }

    private async Task<string> KeyAsync()
    {
        var response = await app.ClientFor("admin").PostAsJsonAsync("/api/admin/api-keys", new { name = "nswag-client", role = "recorder", organisation = "clients" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
    }

    /// <summary>Compiles the sources against the running framework and Newtonsoft.Json (what NSwag's
    /// client uses by default) and loads the result; a compile error fails the test with the
    /// diagnostics and the generated lines they point at.</summary>
    private static Assembly Compile(params string[] sources)
    {
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest))).ToArray();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(Newtonsoft.Json.JsonConvert).Assembly.Location).Distinct()
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("NSwagGenerated" + Guid.NewGuid().ToString("N"), trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(emitted.Success, string.Join("\n", errors.Take(20).Select(d =>
            $"{d}\n    > {d.Location.SourceTree?.GetText().Lines[d.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim()}")));
        stream.Position = 0;
        return new AssemblyLoadContext("nswag", isCollectible: true).LoadFromStream(stream);
    }
}
