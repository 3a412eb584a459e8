using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Imports.ImportApi;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Imports;

/// <summary>Re-import with mode=update (issue 15, finding 3): rows matched on organisation + source +
/// reference correct the stored observation, each change audited; the dry run counts what would be
/// updated, inserted and left unchanged; any problem leaves everything as it was; another
/// organisation's observation with the same reference is never touched.</summary>
public class ImportUpdateTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _http = app.ClientFor("recorder");

    private static long Count(JsonObject body, string name) => body[name]!.GetValue<long>();

    private Task<long> UpdateAuditsAsync(string importId) =>
        app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'import_update' AND target = @t", ("t", $"POST /api/imports/{importId}"));

    [Fact]
    public async Task The_kobo_sync_time_mistake_is_corrected_by_re_importing_with_update()
    {
        var source = UniqueSource();
        var kobo = ImportClientExportTests.KoboLabelsCsv;
        // The mistake: the export imported at the phone's sync time (_submission_time, UTC), two days late.
        var (status, body) = await _http.ImportAsync(Csv(kobo), $"source={source}&time=_submission_time");
        Assert.True(200 == status, body.ToJsonString());
        Assert.Equal("syringe|4.336000|50.835700|2025-06-03T08:12:45Z|2|", await app.RowAsync(source, "a1b2-0001"));
        var before = await app.CountAllAsync();

        // A plain re-import finds both rows stored already and changes nothing (the old behaviour).
        (status, body) = await _http.ImportAsync(Csv(kobo), $"source={source}");
        Assert.Equal((0L, 2L), (Count(body, "inserted"), Count(body, "duplicates")));
        Assert.Equal("syringe|4.336000|50.835700|2025-06-03T08:12:45Z|2|", await app.RowAsync(source, "a1b2-0001"));

        // The dry run with update says what would happen, and changes nothing.
        (status, var dry) = await _http.ImportAsync(Csv(kobo), $"source={source}&mode=update&dryRun=true");
        Assert.True(200 == status, dry.ToJsonString());
        Assert.Equal(("dryRun", "update"), (dry["state"]!.GetValue<string>(), dry["mode"]!.GetValue<string>()));
        Assert.Equal((2L, 0L, 0L), (Count(dry, "updated"), Count(dry, "inserted"), Count(dry, "unchanged")));
        Assert.Equal("syringe|4.336000|50.835700|2025-06-03T08:12:45Z|2|", await app.RowAsync(source, "a1b2-0001"));
        Assert.Equal(0, await UpdateAuditsAsync(dry["id"]!.GetValue<string>()));

        // The update takes the form's start time (21:30:12.345+02:00 = 19:30:12Z, as in ImportClientExportTests).
        (status, body) = await _http.ImportAsync(Csv(kobo), $"source={source}&mode=update");
        Assert.True(200 == status, body.ToJsonString());
        Assert.Equal((2L, 0L, 0L), (Count(body, "updated"), Count(body, "inserted"), Count(body, "unchanged")));
        Assert.Equal("syringe|4.336000|50.835700|2025-06-01T19:30:12Z|2|", await app.RowAsync(source, "a1b2-0001"));
        Assert.Equal("discarded_pipe|4.361800|50.860400|2025-06-01T19:40:00Z|1|", await app.RowAsync(source, "a1b2-0002"));
        Assert.Equal(before, await app.CountAllAsync());

        // One audit line per observation: who, and the old and new time (only the time changed).
        var id = body["id"]!.GetValue<string>();
        Assert.Equal(2, await UpdateAuditsAsync(id));
        var line = JsonNode.Parse((await app.ScalarAsync<string>(
            "SELECT parameters::text FROM audit_log WHERE action = 'import_update' AND target = @t AND parameters->>'externalRef' = 'a1b2-0001'", ("t", $"POST /api/imports/{id}")))!)!;
        Assert.Equal(["observedAt"], line["changed"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(DateTimeOffset.Parse("2025-06-03T08:12:45Z"), DateTimeOffset.Parse(line["old"]!["observedAt"]!.GetValue<string>()));
        Assert.Equal(DateTimeOffset.Parse("2025-06-01T19:30:12.345Z"), DateTimeOffset.Parse(line["new"]!["observedAt"]!.GetValue<string>()));
        Assert.Equal("test-recorder", await app.ScalarAsync<string>(
            "SELECT actor FROM audit_log WHERE action = 'import_update' AND target = @t LIMIT 1", ("t", $"POST /api/imports/{id}")));

        // The same file again: nothing left to change.
        (status, body) = await _http.ImportAsync(Csv(kobo), $"source={source}&mode=update");
        Assert.Equal((0L, 0L, 2L), (Count(body, "updated"), Count(body, "inserted"), Count(body, "unchanged")));
        Assert.Equal(0, await UpdateAuditsAsync(body["id"]!.GetValue<string>()));
    }

    private static string Rows(string source, params (string Ref, string Time, string Quantity)[] rows) =>
        "category,lat,lon,time,quantity,source,ref\n" + string.Concat(rows.Select(r => $"syringe,50.8357,4.3360,{r.Time},{r.Quantity},{source},{r.Ref}\n"));

    [Fact]
    public async Task A_rejected_update_leaves_everything_unchanged()
    {
        var source = UniqueSource();
        var (status, body) = await _http.ImportAsync(Csv(Rows(source, ("u1", "2025-06-01T10:00:00Z", "1"), ("u2", "2025-06-01T11:00:00Z", "1"), ("u3", "2025-06-01T12:00:00Z", "1"))), "");
        Assert.True(200 == status, body.ToJsonString());
        var stored = new[] { await app.RowAsync(source, "u1"), await app.RowAsync(source, "u2"), await app.RowAsync(source, "u3") };
        async Task AssertUnchangedAsync(JsonObject rejected)
        {
            Assert.Equal(new[] { await app.RowAsync(source, "u1"), await app.RowAsync(source, "u2"), await app.RowAsync(source, "u3") }, stored);
            Assert.Equal(3, await app.CountAsync(source));
            Assert.Equal(0, await UpdateAuditsAsync(rejected["id"]!.GetValue<string>()));
        }

        // u1 corrected, u2 with a quantity of 0, u4 new: the invalid row rejects all three.
        (status, body) = await _http.ImportAsync(Csv(Rows(source, ("u1", "2025-06-01T09:00:00Z", "1"), ("u2", "2025-06-01T11:00:00Z", "0"), ("u4", "2025-06-01T13:00:00Z", "1"))), "mode=update");
        Assert.True(422 == status, body.ToJsonString());
        Assert.Equal([(3L, "quantity")], Errors(body).Select(e => (e.Row, e.Column)));
        await AssertUnchangedAsync(body);

        // A reference twice in one file is ambiguous: which row is the correction?
        (status, body) = await _http.ImportAsync(Csv(Rows(source, ("u1", "2025-06-01T09:00:00Z", "1"), ("u1", "2025-06-01T09:30:00Z", "1"))), "mode=update");
        Assert.True(422 == status, body.ToJsonString());
        var repeated = Assert.Single(Errors(body));
        Assert.Equal((3L, "ref"), (repeated.Row, repeated.Column));
        Assert.Contains("also on row 2", repeated.Reason);
        await AssertUnchangedAsync(body);

        // A retracted observation is not brought back by an update; the row naming it rejects the file.
        var u3 = await app.ScalarAsync<long>("SELECT id FROM observations WHERE source = @s AND external_ref = 'u3'", ("s", source));
        var retract = await _http.PostAsJsonAsync($"/api/observations/{u3}/retract", new { reason = "entered twice" });
        Assert.True(retract.IsSuccessStatusCode);
        (status, body) = await _http.ImportAsync(Csv(Rows(source, ("u1", "2025-06-01T09:00:00Z", "1"), ("u3", "2025-06-01T12:30:00Z", "1"))), "mode=update&dryRun=true");
        Assert.True(422 == status, body.ToJsonString());
        Assert.Contains("retracted", Assert.Single(Errors(body)).Reason);
        (status, body) = await _http.ImportAsync(Csv(Rows(source, ("u1", "2025-06-01T09:00:00Z", "1"), ("u3", "2025-06-01T12:30:00Z", "1"))), "mode=update");
        Assert.Equal(422, status);
        await AssertUnchangedAsync(body);

        // Update needs a reference column: rows recognised by content cannot be matched after a correction.
        (status, body) = await _http.ImportAsync(Csv("category,lat,lon,time\nsyringe,50.8357,4.3360,2025-06-01T09:00:00Z\n"), $"source={source}&mode=update");
        Assert.Equal(400, status);
        Assert.Equal("ref-required", body["errors"]![0]!["code"]!.GetValue<string>());
        await AssertUnchangedAsync(body);
    }

    [Fact]
    public async Task Another_organisations_observation_with_the_same_reference_is_never_touched()
    {
        var source = UniqueSource();
        var other = app.ClientFor("recorder", "update-other-org");
        var (status, body) = await other.ImportAsync(Csv(Rows(source, ("shared-1", "2025-06-01T10:00:00Z", "4"))), "");
        Assert.True(200 == status, body.ToJsonString());
        const string theirs = "SELECT concat_ws('|', organisation, to_char(observed_at AT TIME ZONE 'UTC', 'HH24:MI'), quantity) FROM observations WHERE source = @s AND external_ref = 'shared-1' AND organisation = 'update-other-org'";
        var before = await app.ScalarAsync<string>(theirs, ("s", source));
        Assert.Equal("update-other-org|10:00|4", before);

        // Our update with their reference: the dry run and the import see no match (so they reveal nothing)
        // and store our row as ours; theirs keeps its time and quantity.
        (status, var dry) = await _http.ImportAsync(Csv(Rows(source, ("shared-1", "2025-06-01T08:00:00Z", "1"))), "mode=update&dryRun=true");
        Assert.True(200 == status, dry.ToJsonString());
        Assert.Equal((1L, 0L, 0L), (Count(dry, "inserted"), Count(dry, "updated"), Count(dry, "unchanged")));
        (status, body) = await _http.ImportAsync(Csv(Rows(source, ("shared-1", "2025-06-01T08:00:00Z", "1"))), "mode=update");
        Assert.True(200 == status, body.ToJsonString());
        Assert.Equal((1L, 0L), (Count(body, "inserted"), Count(body, "updated")));
        Assert.Equal(before, await app.ScalarAsync<string>(theirs, ("s", source)));
        Assert.Equal(2, await app.CountAsync(source));
        Assert.Equal(0, await UpdateAuditsAsync(body["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_background_import_stores_its_warnings_for_the_progress_answer()
    {
        var source = UniqueSource();
        var response = await _http.PostAsync($"/api/imports?source={source}",
            Csv("category,lat,lon,time,colour\nsyringe,50.8357,4.3360,2025-06-01T10:00:00Z,red\n"));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        JsonObject report;
        var i = 0;
        do
        {
            await Task.Delay(50);
            report = await _http.GetJsonAsync(response.Headers.Location!.ToString());
        } while (report["state"]!.GetValue<string>() is not ("committed" or "rejected" or "failed") && ++i < 600);
        Assert.Equal("committed", report["state"]!.GetValue<string>());
        var warnings = report["warnings"]!.AsArray().Select(w => (w!["code"]!.GetValue<string>(), w["column"]?.GetValue<string>())).ToList();
        // What the dry run would have said: the unused column, the defaulted quantity, source and note, the derived reference.
        Assert.Equal([("quantity-default", null), ("source-default", null), ("ref-derived", null), ("note-none", null), ("column-unused", "colour")], warnings);
        Assert.Equal(1, report["warnings"]![0]!["count"]!.GetValue<long>());
    }
}
