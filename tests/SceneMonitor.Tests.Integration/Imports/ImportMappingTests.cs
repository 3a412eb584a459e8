using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Imports.ImportApi;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Imports;

/// <summary>The mapping step (issue 15, finding 4): a dry run lists the file's columns with a few
/// values and the field each is read as; missing columns come as codes the page can word; a mapping
/// saved by one organisation is applied to its next file with the same columns, and to nobody else's.</summary>
public class ImportMappingTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _http = app.ClientFor("recorder", "mapping-org");

    // A Dutch spreadsheet saved as CSV: semicolons, decimal commas, Dutch headers. "Soort" and "Aantal"
    // are known words; Breedtegraad, Lengtegraad and Datum are not.
    private static string DutchCsv(string run) => $"""
        Soort;Breedtegraad;Lengtegraad;Datum;Aantal;Nummer
        spuit;50,8466;4,3521;01/06/2025 21:30;3;{run}-1
        Achtergelaten crackpijp;50,8470;4,3530;01/06/2025 22:05;;{run}-2
        spuit;50,8472;4,3525;02/06/2025 08:10;2;{run}-3
        spuit;50,8472;4,3525;02/06/2025 08:10;2;{run}-4
        """;

    private static JsonObject Column(JsonObject body, string name) =>
        body["columns"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == name)!.AsObject();

    private static string[] Samples(JsonObject column) => column["samples"]!.AsArray().Select(v => v!.GetValue<string>()).ToArray();

    [Fact]
    public async Task A_dutch_spreadsheet_is_refused_with_codes_and_a_preview_then_imports_with_a_mapping()
    {
        var source = UniqueSource();
        var run = Guid.NewGuid().ToString("N")[..8];
        var (status, dry) = await _http.ImportAsync(Csv(DutchCsv(run)), $"dryRun=true&source={source}");
        Assert.True(400 == status, dry.ToJsonString());
        Assert.Equal([("column-missing", "lat"), ("column-missing", "lon"), ("column-missing", "time")], Codes(dry));
        // Every column of the file in file order, with the field it is read as and up to three distinct
        // values from the first rows (the two 50,8472 rows give one sample).
        Assert.Equal(["Soort", "Breedtegraad", "Lengtegraad", "Datum", "Aantal", "Nummer"], dry["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("category", Column(dry, "Soort")["field"]!.GetValue<string>());
        Assert.Equal("quantity", Column(dry, "Aantal")["field"]!.GetValue<string>());
        Assert.Null(Column(dry, "Breedtegraad")["field"]);
        Assert.Equal(["50,8466", "50,8470", "50,8472"], Samples(Column(dry, "Breedtegraad")));
        Assert.Equal(["3", "2"], Samples(Column(dry, "Aantal"))); // an empty cell is no sample
        Assert.Matches("^[0-9a-f]{64}$", dry["signature"]!.GetValue<string>());

        const string mapping = "lat=Breedtegraad&lon=Lengtegraad&time=Datum&externalRef=Nummer";
        (status, dry) = await _http.ImportAsync(Csv(DutchCsv(run)), $"dryRun=true&source={source}&{mapping}");
        Assert.True(200 == status, dry.ToJsonString());
        Assert.Equal(4, dry["rowsRead"]!.GetValue<long>());
        Assert.Equal("lat", Column(dry, "Breedtegraad")["field"]!.GetValue<string>());
        Assert.Equal("time", Column(dry, "Datum")["field"]!.GetValue<string>());

        (status, var body) = await _http.ImportAsync(Csv(DutchCsv(run)), $"source={source}&{mapping}");
        Assert.True(200 == status, body.ToJsonString());
        Assert.Equal(4, body["inserted"]!.GetValue<long>());
        Assert.False(body.ContainsKey("columns")); // the preview belongs to the dry run only
        // 21:30 Brussels summer time = 19:30Z; "Achtergelaten crackpijp" is discarded_pipe's Dutch label; empty Aantal = 1.
        Assert.Equal("syringe|4.352100|50.846600|2025-06-01T19:30:00Z|3|", await app.RowAsync(source, $"{run}-1"));
        Assert.Equal("discarded_pipe|4.353000|50.847000|2025-06-01T20:05:00Z|1|", await app.RowAsync(source, $"{run}-2"));
    }

    [Fact]
    public async Task A_saved_mapping_is_applied_to_the_next_file_with_the_same_columns_of_the_same_organisation_only()
    {
        var source = UniqueSource();
        var run = Guid.NewGuid().ToString("N")[..8];
        // Headers in another order and case than the file: the signature is of the sorted, normalised names.
        var put = await _http.PutAsJsonAsync("/api/imports/mappings", new
        {
            headers = new[] { "nummer", "Aantal", "Datum", "Lengtegraad", "Breedtegraad", "Soort" },
            columns = new Dictionary<string, string> { ["lat"] = "Breedtegraad", ["lon"] = "Lengtegraad", ["time"] = "Datum", ["externalRef"] = "Nummer" },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var saved = (await put.Content.ReadFromJsonAsync<JsonObject>())!;

        var (status, dry) = await _http.ImportAsync(Csv(DutchCsv(run)), $"dryRun=true&source={source}&mapping=saved");
        Assert.True(200 == status, dry.ToJsonString());
        Assert.Equal(saved["signature"]!.GetValue<string>(), dry["signature"]!.GetValue<string>());
        Assert.Equal("Breedtegraad", dry["savedMapping"]!["lat"]!.GetValue<string>());
        Assert.Equal("externalRef", Column(dry, "Nummer")["field"]!.GetValue<string>());

        // A column parameter given with the request wins over the saved mapping.
        (status, var body) = await _http.ImportAsync(Csv(DutchCsv(run)), $"source={source}&mapping=saved&lat=Lengtegraad&lon=Breedtegraad");
        Assert.Equal(422, status); // swapped on purpose: 4.35 is no latitude in Brussels
        (status, body) = await _http.ImportAsync(Csv(DutchCsv(run)), $"source={source}&mapping=saved");
        Assert.True(200 == status, body.ToJsonString());
        Assert.Equal(4, body["inserted"]!.GetValue<long>());

        // Another organisation with the very same file: the mapping is not theirs, so the columns are missing.
        var other = app.ClientFor("recorder", "other-mapping-org");
        (status, var theirs) = await other.ImportAsync(Csv(DutchCsv(run)), $"dryRun=true&source={source}&mapping=saved");
        Assert.Equal(400, status);
        Assert.Null(theirs["savedMapping"]);
        Assert.DoesNotContain(JsonNode.Parse(await other.GetStringAsync("/api/imports/mappings"))!.AsArray(), m => m!["signature"]!.GetValue<string>() == saved["signature"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/imports/mappings/{saved["signature"]}")).StatusCode);

        // Saving is audited with the mapping; deleting too.
        var audit = await app.ScalarAsync<string>("SELECT parameters::text FROM audit_log WHERE action = 'import_mapping' AND organisation = 'mapping-org' ORDER BY id DESC LIMIT 1");
        Assert.Contains("\"Breedtegraad\"", audit);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/api/imports/mappings/{saved["signature"]}")).StatusCode);
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'import_mapping' AND organisation = 'mapping-org' AND parameters->>'op' = 'delete'"));
        (status, _) = await _http.ImportAsync(Csv(DutchCsv(run)), $"dryRun=true&source={source}&mapping=saved");
        Assert.Equal(400, status);
    }

    [Fact]
    public async Task A_mapping_must_name_fields_and_columns_of_the_file_and_only_recorders_and_admins_may_save_one()
    {
        async Task<JsonObject> Invalid(object body)
        {
            var response = await _http.PutAsJsonAsync("/api/imports/mappings", body);
            return await ProblemAsync(response, 422);
        }
        var headers = new[] { "Soort", "Breedtegraad", "Lengtegraad" };
        var e1 = await Invalid(new { headers, columns = new Dictionary<string, string> { ["lat"] = "Breedtegraad" } });
        Assert.Contains("lat and lon together", e1["errors"]!["columns"]![0]!.GetValue<string>());
        var e2 = await Invalid(new { headers, columns = new Dictionary<string, string> { ["time"] = "Datum" } });
        Assert.Contains("not one of the file's columns", e2["errors"]!["columns.time"]![0]!.GetValue<string>());
        var e3 = await Invalid(new { headers, columns = new Dictionary<string, string> { ["colour"] = "Soort" } });
        Assert.Contains("is not a field", e3["errors"]!["columns.colour"]![0]!.GetValue<string>());
        var e4 = await Invalid(new { headers, columns = new Dictionary<string, string> { ["lat"] = "Breedtegraad", ["lon"] = "Breedtegraad" } });
        Assert.Contains("one field only", e4["errors"]!["columns"]![0]!.GetValue<string>());

        foreach (var role in new[] { "analyst", "planner" })
        {
            var client = app.ClientFor(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/imports/mappings")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync("/api/imports/mappings", new { headers, columns = new { category = "Soort" } })).StatusCode);
        }
        var admin = await app.ClientFor("admin").PutAsJsonAsync("/api/imports/mappings", new { headers, columns = new { category = "Soort" } });
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }
}
