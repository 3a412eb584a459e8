using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Imports.ImportApi;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Imports;

/// <summary>All or nothing: dry runs, rejected files, duplicates, interruptions, encodings, privacy, access.</summary>
public class ImportIntegrityTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _http = app.ClientFor("recorder");

    private static string Rows(int n, string prefix = "x", int start = 0) =>
        "category,lat,lon,time,external_ref\n" + string.Concat(Enumerable.Range(start, n).Select(i =>
            $"syringe,{50.83 + i % 1000 * 0.00002:0.00000},{4.33 + i / 1000 % 1000 * 0.00002:0.00000},2025-06-01T10:00:00Z,{prefix}{i}\n"));

    [Fact]
    public async Task Dry_run_reports_every_row_error_with_row_column_and_reason_and_stores_nothing()
    {
        var source = UniqueSource();
        var before = await app.CountAllAsync();
        var (status, body) = await _http.ImportAsync(Csv("""
            category,lat,lon,time,quantity,note
            syringe,50.8357,4.3360,2025-06-01T10:00:00Z,1,
            unicorn,50.8357,4.3360,2025-06-01T10:00:00Z,0,
            syringe,50.8357,abc,2025-06-01T10:00:00Z,1,
            syringe,50.8357,4.3360,yesterday,1,
            syringe,50.8357,4.3360,2025-06-01T10:00:00Z,0,
            syringe,51.5,3.0,2025-06-01T10:00:00Z,1,
            syringe,50.8357,4.3360,2099-06-01T10:00:00Z,1,
            """), $"source={source}&dryRun=true");
        Assert.True(200 == status, body.ToJsonString());
        Assert.Equal("dryRun", body["state"]!.GetValue<string>());
        Assert.Equal(7, body["rowsRead"]!.GetValue<long>());
        var errors = Errors(body);
        // Every problem of a row is listed, also next to an unknown category.
        Assert.Equal([3L, 3L, 4L, 5L, 6L, 7L, 7L, 8L], errors.Select(e => e.Row));
        Assert.Equal(["category", "quantity", "lon", "time", "quantity", "lat", "lon", "time"], errors.Select(e => e.Column));
        Assert.Contains("unknown category", errors[0].Reason);
        Assert.DoesNotContain("unicorn", errors[0].Reason); // cells are located, never quoted
        Assert.Contains("between 1 and", errors[1].Reason);
        Assert.Contains("not a number", errors[2].Reason);
        Assert.Contains("not a time", errors[3].Reason);
        Assert.Contains("between 1 and", errors[4].Reason);
        Assert.Contains("outside the service region", errors[5].Reason);
        Assert.Contains("future", errors[7].Reason);
        Assert.Equal(before, await app.CountAllAsync());
    }

    [Fact]
    public async Task One_bad_row_rejects_the_whole_import_and_nothing_is_stored()
    {
        var source = UniqueSource();
        var before = await app.CountAllAsync();
        var csv = Rows(5000) + "syringe,50.8357,4.3360,not a time,bad\n";
        var response = await _http.PostAsync($"/api/imports?wait=true&source={source}", Csv(csv));
        var problem = await ProblemAsync(response, 422);
        Assert.Equal("rejected", problem["state"]!.GetValue<string>());
        Assert.Equal("row 5002, column time: is not a time: " + SceneMonitor.Core.Imports.ImportTime.Expected, problem["detail"]!.GetValue<string>());
        Assert.Equal(before, await app.CountAllAsync());
    }

    [Fact]
    public async Task Personal_data_in_a_note_rejects_the_import_like_a_single_observation()
    {
        var source = UniqueSource();
        var (status, body) = await _http.ImportAsync(Csv("""
            category,lat,lon,time,opmerking
            syringe,50.8357,4.3360,2025-06-01T10:00:00Z,spuit bij de ingang
            syringe,50.8357,4.3360,2025-06-01T10:00:00Z,"gezien met jan.peeters@example.com"
            syringe,50.8357,4.3360,2025-06-01T10:00:00Z,"man genaamd Jan"
            piet.janssens@example.com,50.8357,4.3360,2025-06-01T10:00:00Z,
            """), $"source={source}");
        Assert.True(422 == status, body.ToJsonString());
        var errors = Errors(body);
        Assert.Equal([(3L, "opmerking"), (4L, "opmerking"), (5L, "category")], errors.Select(e => (e.Row, e.Column)));
        Assert.Contains("e-mail", errors[0].Reason);
        // Errors are stored with the import: personal data from the file is located, never repeated.
        Assert.DoesNotContain("jan.peeters", body.ToJsonString());
        Assert.DoesNotContain("piet.janssens", body.ToJsonString());
        Assert.DoesNotContain("piet.janssens", await app.ScalarAsync<string>("SELECT errors::text FROM imports WHERE id = @id", ("id", Guid.Parse(body["id"]!.GetValue<string>()))));
        Assert.Equal(0, await app.CountAsync(source));
    }

    [Fact]
    public async Task Reimporting_the_same_file_creates_no_duplicates_with_or_without_external_refs()
    {
        var source = UniqueSource();
        var withRefs = Rows(300, "d");
        var (s1, b1) = await _http.ImportAsync(Csv(withRefs), $"source={source}");
        var (s2, b2) = await _http.ImportAsync(Csv(withRefs), $"source={source}");
        Assert.Equal((200, 300L, 0L), (s1, b1["inserted"]!.GetValue<long>(), b1["duplicates"]!.GetValue<long>()));
        Assert.Equal((200, 0L, 300L), (s2, b2["inserted"]!.GetValue<long>(), b2["duplicates"]!.GetValue<long>()));

        // Without references: two identical rows stay two observations, and a re-import (even with a
        // row added) recognises the rows it stored before.
        var noRefs = "category,lat,lon,time\nsyringe,50.8357,4.3360,2025-06-01T10:00:00Z\nsyringe,50.8357,4.3360,2025-06-01T10:00:00Z\ncomplaint,50.8604,4.3618,2025-06-01T11:00:00Z\n";
        var (s3, b3) = await _http.ImportAsync(Csv(noRefs), $"source={source}");
        var (s4, b4) = await _http.ImportAsync(Csv(noRefs + "gathering,50.8604,4.3618,2025-06-01T12:00:00Z\n"), $"source={source}");
        Assert.Equal((200, 3L), (s3, b3["inserted"]!.GetValue<long>()));
        Assert.Equal((200, 1L, 3L), (s4, b4["inserted"]!.GetValue<long>(), b4["duplicates"]!.GetValue<long>()));
        Assert.Equal(304, await app.CountAsync(source));
    }

    [Fact]
    public async Task Partly_known_rows_and_refs_repeated_in_the_file_store_only_the_new_rows()
    {
        // New rows go in with a plain INSERT; a known or repeated ref makes the import fall back to
        // ON CONFLICT (ImportRunner.InsertAsync): either way each ref is stored once.
        var source = UniqueSource();
        var (s1, b1) = await _http.ImportAsync(Csv(Rows(3, "r", start: 0)), $"source={source}");
        Assert.Equal((200, 3L, 0L), (s1, b1["inserted"]!.GetValue<long>(), b1["duplicates"]!.GetValue<long>()));
        var (s2, b2) = await _http.ImportAsync(Csv(Rows(4, "r", start: 2)), $"source={source}");    // r2 known; r3, r4, r5 new
        Assert.Equal((200, 3L, 1L), (s2, b2["inserted"]!.GetValue<long>(), b2["duplicates"]!.GetValue<long>()));
        var repeated = Rows(2, "q") + Rows(2, "q").Split('\n', 2)[1];                              // q0, q1, q0, q1
        var (s3, b3) = await _http.ImportAsync(Csv(repeated), $"source={source}");
        Assert.Equal((200, 2L, 2L), (s3, b3["inserted"]!.GetValue<long>(), b3["duplicates"]!.GetValue<long>()));
        Assert.Equal(8, await app.CountAsync(source));
        Assert.Equal(8, await app.ScalarAsync<long>("SELECT count(DISTINCT external_ref) FROM observations WHERE source = @s", ("s", source)));
    }

    [Fact]
    public async Task Progress_is_visible_while_a_large_file_is_imported_in_the_background()
    {
        var source = UniqueSource();
        const int n = 200_000;
        var response = await _http.PostAsync($"/api/imports?source={source}", Csv(Rows(n, "p")));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/api/imports/", location);

        var seen = new List<(string State, long Read, long? Total)>();
        JsonObject status;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        do
        {
            status = await _http.GetJsonAsync(location);
            seen.Add((status["state"]!.GetValue<string>(), status["rowsRead"]!.GetValue<long>(), status["rowsTotal"]?.GetValue<long?>()));
            await Task.Delay(20);
        } while (seen[^1].State is "receiving" or "validating" or "writing" && DateTime.UtcNow < deadline);

        Assert.True(status["state"]!.GetValue<string>() == "committed", status.ToJsonString());
        Assert.Equal(n, status["inserted"]!.GetValue<long>());
        Assert.Contains(seen, s => s.State == "validating" && s.Read > 0 && s.Read < n && s.Total == n);
        Assert.Equal(n, await app.CountAsync(source));
    }

    [Fact]
    public async Task An_import_cancelled_while_it_writes_leaves_nothing()
    {
        var source = UniqueSource();
        using var cts = new CancellationTokenSource();
        var post = _http.PostAsync($"/api/imports?wait=true&source={source}", Csv(Rows(400_000, "c")), cts.Token);
        var id = await WaitForImportAsync(source: null, rowsRead: 20_000);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => post);
        Assert.Equal("failed", await WaitForFinalStateAsync(id));
        Assert.Equal(0, await app.CountAsync(source));
    }

    [Fact]
    public async Task Broken_quoting_is_a_400_naming_the_row_and_stores_nothing()
    {
        var source = UniqueSource();
        var response = await _http.PostAsync($"/api/imports?wait=true&source={source}",
            Csv("category,lat,lon,time,note\nsyringe,50.8357,4.3360,2025-06-01T10:00:00Z,ok\nsyringe,50.8357,4.3360,2025-06-01T10:00:00Z,\"open\nsyringe,50.8357,4.3360,2025-06-01T10:00:00Z,x\n"));
        var problem = await ProblemAsync(response, 400);
        Assert.StartsWith("row 3: a quoted field is not closed", problem["detail"]!.GetValue<string>());
        Assert.Equal(0, await app.CountAsync(source));
    }

    [Fact]
    public async Task Utf8_with_a_byte_order_mark_is_read()
    {
        var source = UniqueSource();
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("category,lat,lon,time,external_ref,note\nsyringe,50.8357,4.3360,2025-06-01T10:00:00Z,b1,près du café\n")];
        var (status, body) = await _http.ImportAsync(Body(bytes, "text/csv"), $"source={source}");
        Assert.True(200 == status, body.ToJsonString());
        Assert.Equal("syringe|4.336000|50.835700|2025-06-01T10:00:00Z|1|près du café", await app.RowAsync(source, "b1"));
    }

    [Fact]
    public async Task Latin1_is_read_when_named_and_refused_naming_the_row_otherwise()
    {
        var source = UniqueSource();
        var bytes = Encoding.Latin1.GetBytes("category;lat;lon;time;external_ref;note\nsyringe;50,8357;4,3360;01/06/2025 12:00;l1;ok\nsyringe;50,8357;4,3360;01/06/2025 12:00;l2;près du café\n");
        var refused = await _http.PostAsync($"/api/imports?wait=true&source={source}", Body(bytes, "text/csv"));
        var problem = await ProblemAsync(refused, 400);
        Assert.StartsWith("row 3: the file is not valid UTF-8", problem["detail"]!.GetValue<string>());
        Assert.Equal(0, await app.CountAsync(source));

        var (status, body) = await _http.ImportAsync(Body(bytes, "text/csv"), $"source={source}&encoding=latin1");
        Assert.True(200 == status, body.ToJsonString());
        Assert.Equal("syringe|4.336000|50.835700|2025-06-01T10:00:00Z|1|près du café", await app.RowAsync(source, "l2"));
    }

    [Fact]
    public async Task Missing_columns_and_a_missing_source_are_400s_before_any_row()
    {
        // Each problem with the columns carries a stable code and the field's parameter, so that the page
        // can say it in its own words and offer to map a column; the text no longer sends people to the URL.
        var (s1, b1) = await _http.ImportAsync(Csv("category,lat,lon\nsyringe,50.8357,4.3360\n"), $"source={UniqueSource()}");
        Assert.Equal(400, s1);
        Assert.Equal([("column-missing", "time")], Codes(b1));
        Assert.Contains("no observation time column (looked for observedat, observed_at,", b1["detail"]!.GetValue<string>());
        Assert.DoesNotContain("?", b1["detail"]!.GetValue<string>());
        var (s2, b2) = await _http.ImportAsync(Csv("category,lat,lon,time\nsyringe,50.8357,4.3360,2025-06-01T10:00:00Z\n"), "");
        Assert.Equal(400, s2);
        Assert.Equal([("source-missing", "source")], Codes(b2));
        var (s3, b3) = await _http.ImportAsync(Csv("category,lat,lon,time\n"), $"source={UniqueSource()}&lat=Breedte&lon=Lengte");
        Assert.Equal(400, s3);
        Assert.Contains("no column named 'Lengte'", b3["detail"]!.GetValue<string>());
        Assert.Equal([("column-not-found", "lon")], Codes(b3));
        // Neither category nor a location: one error per field, in the order category, lat, lon.
        var (s4, b4) = await _http.ImportAsync(Csv("Soort vondst;Breedtegraad;Lengtegraad;Tijdstip\nSpuit;50,8466;4,3521;01/06/2025 21:30\n"), $"source={UniqueSource()}");
        Assert.Equal(400, s4);
        Assert.Equal([("column-missing", "lat"), ("column-missing", "lon")], Codes(b4));
    }

    [Fact]
    public async Task Only_the_importers_organisation_and_admins_read_an_import()
    {
        var response = await _http.PostAsync($"/api/imports?wait=true&dryRun=true&source={UniqueSource()}", Csv(Rows(3)));
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/api/imports/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("admin").GetAsync($"/api/imports/{id}")).StatusCode);
        var other = await app.ClientFor("recorder", "other-org").GetAsync($"/api/imports/{id}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain("rowsRead", await other.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor("analyst").GetAsync($"/api/imports/{id}")).StatusCode);
    }

    [Fact]
    public async Task Imports_are_audited_with_counts_only()
    {
        var source = UniqueSource();
        var (status, body) = await _http.ImportAsync(Csv(Rows(3, "a")), $"source={source}");
        Assert.Equal(200, status);
        var id = body["id"]!.GetValue<string>();
        var parameters = await app.ScalarAsync<string>("SELECT parameters::text FROM audit_log WHERE action = 'import' AND target = @t", ("t", $"POST /api/imports/{id}"));
        Assert.Contains("\"inserted\": 3", parameters);
        Assert.Equal(3, await app.ScalarAsync<int>("SELECT row_count FROM audit_log WHERE action = 'import' AND target = @t", ("t", $"POST /api/imports/{id}")));
    }

    /// <summary>The newest import of the test recorder that has read at least <paramref name="rowsRead"/> rows.</summary>
    private async Task<Guid> WaitForImportAsync(string? source, long rowsRead)
    {
        for (var i = 0; i < 1500; i++)
        {
            var id = await app.ScalarAsync<Guid>("SELECT id FROM imports WHERE created_by = 'test-recorder' AND state = 'validating' AND rows_read >= @n ORDER BY created_at DESC LIMIT 1", ("n", rowsRead));
            if (id != Guid.Empty) return id;
            await Task.Delay(20);
        }
        throw new TimeoutException($"no import reached {rowsRead} rows{source}");
    }

    private async Task<string> WaitForFinalStateAsync(Guid id)
    {
        for (var i = 0; i < 1500; i++)
        {
            var state = await app.ScalarAsync<string>("SELECT state FROM imports WHERE id = @id", ("id", id));
            if (state is "committed" or "rejected" or "failed" or "dryRun") return state;
            await Task.Delay(20);
        }
        throw new TimeoutException($"import {id} did not finish");
    }
}
