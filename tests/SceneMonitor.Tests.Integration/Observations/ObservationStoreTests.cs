using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using SceneMonitor.Core.Observations;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Observations;

public class ObservationStoreTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _http = app.ClientFor("recorder");

    [Fact]
    public async Task Observation_round_trips_as_geojson_feature()
    {
        var source = UniqueSource();
        var response = await _http.PostAsJsonAsync("/api/observations",
            Observation(source, 4.3296, 50.8415, "discarded_pipe", BaseTime, 4, note: "achter de trap"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        Assert.Equal($"/api/observations/{id}", response.Headers.Location?.ToString());

        var feature = await _http.GetJsonAsync($"/api/observations/{id}");
        Assert.Equal("Point", feature["geometry"]!["type"]!.GetValue<string>());
        Assert.Equal(4.3296, feature["geometry"]!["coordinates"]![0]!.GetValue<double>());
        Assert.Equal(50.8415, feature["geometry"]!["coordinates"]![1]!.GetValue<double>());
        var p = feature["properties"]!;
        Assert.Equal("discarded_pipe", p["category"]!.GetValue<string>());
        Assert.Equal("2025-06-01T12:00:00Z", p["observedAt"]!.GetValue<string>());
        Assert.Equal(4, p["quantity"]!.GetValue<int>());
        Assert.Equal(source, p["source"]!.GetValue<string>());
        Assert.Equal("achter de trap", p["note"]!.GetValue<string>());
        // Stored as a real PostGIS point in SRID 4326.
        Assert.Equal(4326, await app.ScalarAsync<int>("SELECT ST_SRID(location) FROM observations WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task Unknown_id_is_404_problem()
    {
        var problem = await ProblemAsync(await _http.GetAsync("/api/observations/999999999"), 404);
        Assert.Contains("999999999", problem["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Filters_return_exactly_the_expected_set()
    {
        var s = UniqueSource();
        var flagey = await _http.CreateAsync(Observation(s, 4.3723, 50.8275, "syringe", BaseTime));                    // Ixelles
        var schaerbeek = await _http.CreateAsync(Observation(s, 4.3780, 50.8676, "complaint", BaseTime.AddDays(1)));   // Schaerbeek
        var peterbos = await _http.CreateAsync(Observation(s, 4.2866, 50.8352, "syringe", BaseTime.AddDays(2)));       // Anderlecht
        var zuid = await _http.CreateAsync(Observation(s, 4.3360, 50.8357, "dealing_point", BaseTime.AddDays(3)));     // Saint-Gilles
        var all = $"/api/observations?source={s}";

        Assert.Equal([flagey, schaerbeek, peterbos, zuid], Ids(await _http.GetJsonAsync(all)));
        // bbox around Ixelles + Saint-Gilles only
        Assert.Equal([flagey, zuid], Ids(await _http.GetJsonAsync($"{all}&bbox=4.33,50.82,4.38,50.84")));
        // half-open time window: 'to' equal to an observation's time excludes it
        Assert.Equal([schaerbeek, peterbos], Ids(await _http.GetJsonAsync($"{all}&from={BaseTime.AddDays(1):O}&to={BaseTime.AddDays(3):O}".Replace("+", "%2B"))));
        // repeatable and comma-separated category
        Assert.Equal([flagey, schaerbeek, peterbos], Ids(await _http.GetJsonAsync($"{all}&category=syringe&category=complaint")));
        Assert.Equal([schaerbeek, zuid], Ids(await _http.GetJsonAsync($"{all}&category=complaint,dealing_point")));
        // area: the municipality of Ixelles (NIS 21009) holds only Flagey
        var ixelles = await app.ScalarAsync<int>("SELECT id FROM areas WHERE kind = 'Municipality' AND code = '21009'");
        Assert.Equal([flagey], Ids(await _http.GetJsonAsync($"{all}&area={ixelles}")));
    }

    [Fact]
    public async Task Bbox_reads_through_the_cell_index_return_what_a_row_by_row_test_returns()
    {
        // A bbox is read from the cell index (ObservationSql.AppendCells), with or without a window; a
        // bbox larger than ViewportCells.MaxCells is tested row by row: all give the same rows.
        var s = UniqueSource();
        var flagey = await _http.CreateAsync(Observation(s, 4.3723, 50.8275, "syringe", BaseTime));
        var zuid = await _http.CreateAsync(Observation(s, 4.3360, 50.8357, "dealing_point", BaseTime.AddDays(3)));
        var edge = await _http.CreateAsync(Observation(s, 4.38, 50.84, "syringe", BaseTime.AddDays(4)));           // on the bbox corner
        var cellLine = await _http.CreateAsync(Observation(s, 4.35, 50.83, "syringe", BaseTime.AddDays(6)));      // on a cell boundary
        var west = await _http.CreateAsync(Observation(s, 4.2866, 50.8352, "syringe", BaseTime.AddDays(2)));        // west of the bbox
        var nearZuid = await _http.CreateAsync(Observation(s, 4.3345, 50.8357, "dealing_point", BaseTime.AddDays(3))); // zuid's cell, outside the small bbox
        var late = await _http.CreateAsync(Observation(s, 4.3500, 50.8300, "syringe", BaseTime.AddDays(100)));    // after 93 days
        var retracted = await _http.CreateAsync(Observation(s, 4.3501, 50.8301, "syringe", BaseTime.AddDays(5)));
        Assert.Equal(HttpStatusCode.NoContent, (await _http.PostAsJsonAsync($"/api/observations/{retracted}/retract", new { reason = "entered twice" })).StatusCode);
        var box = $"/api/observations?source={s}&bbox=4.33,50.82,4.38,50.84";
        string Window(int days) => $"&from={Uri.EscapeDataString(BaseTime.ToString("O"))}&to={Uri.EscapeDataString(BaseTime.AddDays(days).ToString("O"))}";

        foreach (var days in new[] { 30, 93 })
        {
            Assert.Equal([flagey, zuid, edge, cellLine, nearZuid], Ids(await _http.GetJsonAsync(box + Window(days))));
            Assert.Equal([flagey, edge, cellLine], Ids(await _http.GetJsonAsync(box + Window(days) + "&category=syringe")));
            Assert.Equal([zuid, nearZuid], Ids(await _http.GetJsonAsync(box + Window(days) + "&category=dealing_point")));
            Assert.Equal([zuid], Ids(await _http.GetJsonAsync(box.Replace("4.33,50.82,4.38,50.84", "4.335,50.835,4.337,50.837") + Window(days))));
        }
        var all = new[] { flagey, zuid, edge, cellLine, nearZuid, late };
        Assert.Equal(all, Ids(await _http.GetJsonAsync(box + Window(365))));
        Assert.Equal(all, Ids(await _http.GetJsonAsync(box)));
        // Only from, only to, and a bbox of 10° x 10° (row by row) with the window.
        Assert.Equal([cellLine, late], Ids(await _http.GetJsonAsync($"{box}&from={Uri.EscapeDataString(BaseTime.AddDays(6).ToString("O"))}")));
        Assert.Equal([flagey], Ids(await _http.GetJsonAsync($"{box}&to={Uri.EscapeDataString(BaseTime.AddDays(1).ToString("O"))}")));
        Assert.Null(ObservationSql.ViewportCellsFor(new ObservationFilter { Bbox = [0, 45, 10, 55], From = BaseTime }));
        Assert.Equal([flagey, zuid, edge, cellLine, west, nearZuid], Ids(await _http.GetJsonAsync(box.Replace("4.33,50.82,4.38,50.84", "0,45,10,55") + Window(30))));
    }

    [Fact]
    public async Task The_cell_condition_of_a_viewport_is_the_expression_of_the_cell_index()
    {
        // ViewportCells.Sql and the migration's index expression are written in two places; if they
        // drift apart every answer stays right but no viewport can use the index. With sequential
        // scans priced out and only a bbox given (no window or category that another index could
        // serve), the plan scans the index by its cells only while the two expressions are the same.
        var filter = new ObservationFilter { Bbox = [4.33, 50.82, 4.38, 50.84] };
        await using var conn = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand { Connection = conn };
        var where = ObservationSql.Where(filter, cmd);
        cmd.CommandText = $"SET enable_seqscan = off; EXPLAIN SELECT o.id FROM {ObservationSql.From} WHERE {where}";
        var plan = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0).Trim());
        // The index is scanned with the cells as its condition (not merely read whole, which its
        // covering columns would also allow).
        var scan = plan.FindIndex(l => l.Contains("on ix_observations_cell") || l.Contains("using ix_observations_cell"));
        Assert.True(scan >= 0 && scan + 1 < plan.Count && plan[scan + 1].StartsWith("Index Cond:") && plan[scan + 1].Contains("= ANY"), string.Join('\n', plan));
    }

    [Fact]
    public async Task Paging_visits_every_row_exactly_once()
    {
        var s = UniqueSource();
        var batch = Enumerable.Range(0, 25).Select(i => Observation(s, 4.33 + i * 0.001, 50.84, at: BaseTime.AddHours(i))).ToArray();
        var created = await _http.PostAsJsonAsync("/api/observations/batch", new { observations = batch });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var first = await _http.GetJsonAsync($"/api/observations?source={s}&limit=7");
        Assert.Equal(7, first["numberReturned"]!.GetValue<int>());
        Assert.Contains("after=", first["next"]!.GetValue<string>());
        var ids = await _http.AllIdsAsync($"/api/observations?source={s}&limit=7");
        Assert.Equal(25, ids.Count);
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Equal(ids.Order(), ids);
        var last = await _http.GetJsonAsync($"/api/observations?source={s}&limit=25");
        Assert.Null(last["next"]);
    }

    [Fact]
    public async Task Batch_with_one_bad_item_stores_nothing_and_names_the_item()
    {
        var s = UniqueSource();
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM observations");
        var response = await _http.PostAsJsonAsync("/api/observations/batch", new
        {
            observations = new[] { Observation(s), Observation(s, quantity: 0), Observation(s) },
        });
        var problem = await ProblemAsync(response, 422);
        Assert.Contains("1 of 3", problem["title"]!.GetValue<string>());
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["observations[1].quantity"], errors.Select(e => e.Key).ToArray());
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT count(*) FROM observations"));
    }

    [Fact]
    public async Task Batch_over_the_limit_is_rejected()
    {
        var s = UniqueSource();
        var items = Enumerable.Range(0, 10_001).Select(_ => Observation(s)).ToArray();
        var problem = await ProblemAsync(await _http.PostAsJsonAsync("/api/observations/batch", new { observations = items }), 422);
        Assert.Contains("at most 10000", problem["errors"]!["observations"]![0]!.GetValue<string>());
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT count(*) FROM observations WHERE source = @s", ("s", s)));
    }

    [Fact]
    public async Task Reposting_the_same_source_and_external_ref_is_idempotent()
    {
        var s = UniqueSource();
        var first = await _http.PostAsJsonAsync("/api/observations", Observation(s, externalRef: "ext-1"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var again = await _http.PostAsJsonAsync("/api/observations", Observation(s, externalRef: "ext-1"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(JsonNode.Parse(await first.Content.ReadAsStringAsync())!["id"]!.GetValue<long>(),
                     JsonNode.Parse(await again.Content.ReadAsStringAsync())!["id"]!.GetValue<long>());

        var batch = await _http.PostAsJsonAsync("/api/observations/batch", new
        {
            observations = new[] { Observation(s, externalRef: "ext-1"), Observation(s, externalRef: "ext-2"), Observation(s, externalRef: "ext-2") },
        });
        var body = JsonNode.Parse(await batch.Content.ReadAsStringAsync())!;
        Assert.Equal(1, body["created"]!.GetValue<int>());
        Assert.Equal(2, body["existing"]!.GetValue<int>());
        Assert.Equal(body["ids"]![1]!.GetValue<long>(), body["ids"]![2]!.GetValue<long>());
        Assert.Equal(2, await app.ScalarAsync<long>("SELECT count(*) FROM observations WHERE source = @s", ("s", s)));
    }

    public static TheoryData<string, string, string> InvalidObservations => new()
    {
        { """{"category":"syringe","longitude":4.33,"latitude":95,"observedAt":"2025-06-01T12:00:00Z","source":"x"}""", "latitude", "between -90 and 90" },
        { """{"category":"syringe","longitude":190,"latitude":50.8,"observedAt":"2025-06-01T12:00:00Z","source":"x"}""", "longitude", "between -180 and 180" },
        { """{"category":"syringe","longitude":50.8357,"latitude":4.336,"observedAt":"2025-06-01T12:00:00Z","source":"x"}""", "latitude", "swapped" },
        { """{"category":"syringe","longitude":3.7250,"latitude":51.0543,"observedAt":"2025-06-01T12:00:00Z","source":"x"}""", "latitude", "outside the service region" },
        { """{"category":"unicorn","longitude":4.336,"latitude":50.8357,"observedAt":"2025-06-01T12:00:00Z","source":"x"}""", "category", "unknown category" },
        { """{"category":"syringe","longitude":4.336,"latitude":50.8357,"observedAt":"2099-01-01T00:00:00Z","source":"x"}""", "observedAt", "future" },
        { """{"category":"syringe","longitude":4.336,"latitude":50.8357,"observedAt":"1999-01-01T00:00:00Z","source":"x"}""", "observedAt", "before 2000" },
        { """{"category":"syringe","longitude":4.336,"latitude":50.8357,"observedAt":"2025-06-01T12:00:00Z","quantity":0,"source":"x"}""", "quantity", "between 1 and 10000" },
        { """{"category":"syringe","longitude":4.336,"latitude":50.8357,"observedAt":"2025-06-01T12:00:00Z","quantity":10001,"source":"x"}""", "quantity", "between 1 and 10000" },
        { """{"category":"syringe","longitude":4.336,"latitude":50.8357,"observedAt":"2025-06-01T12:00:00Z","source":"x","note":"call 0470 12 34 56"}""", "note", "phone" },
        { """{"category":"syringe","longitude":4.336,"latitude":50.8357,"observedAt":"2025-06-01T12:00:00Z","source":"x","note":"mail a@b.be"}""", "note", "e-mail" },
        { """{"category":"syringe","longitude":4.336,"latitude":50.8357,"observedAt":"2025-06-01T12:00:00Z","source":"x","note":"85.07.30-033.28"}""", "note", "national register" },
        { """{"category":"syringe","longitude":4.336,"latitude":50.8357,"observedAt":"2025-06-01T12:00:00Z","source":"x","note":"car 1-ABC-123"}""", "note", "licence plate" },
    };

    [Theory]
    [MemberData(nameof(InvalidObservations))]
    public async Task Each_validation_rule_gives_422_naming_the_field_and_stores_nothing(string json, string field, string fragment)
    {
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM observations");
        var problem = await ProblemAsync(await _http.PostAsync("/api/observations", new StringContent(json, Encoding.UTF8, "application/json")), 422);
        var messages = problem["errors"]![field]!.AsArray().Select(m => m!.GetValue<string>());
        Assert.Contains(messages, m => m.Contains(fragment, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT count(*) FROM observations"));
    }

    [Fact]
    public async Task Inactive_category_is_rejected()
    {
        await app.ExecuteAsync("UPDATE categories SET active = false WHERE code = 'nuisance_noise'");
        var problem = await ProblemAsync(await _http.PostAsJsonAsync("/api/observations", Observation(UniqueSource(), category: "nuisance_noise")), 422);
        Assert.Contains("no longer active", problem["errors"]!["category"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Note_over_280_characters_is_rejected()
    {
        var problem = await ProblemAsync(await _http.PostAsJsonAsync("/api/observations", Observation(UniqueSource(), note: new string('a', 281))), 422);
        Assert.Contains("at most 280", problem["errors"]!["note"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"category":"syringe",""", "body")]
    [InlineData("""{"category":"syringe","quantity":"three"}""", "quantity")]
    [InlineData("""{"category":"syringe","observedAt":"yesterday"}""", "observedAt")]
    public async Task Malformed_json_gives_400_naming_the_field(string json, string field)
    {
        var problem = await ProblemAsync(await _http.PostAsync("/api/observations", new StringContent(json, Encoding.UTF8, "application/json")), 400);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
    }

    [Theory]
    [InlineData("bbox=1,2,3", "bbox")]
    [InlineData("bbox=4.4,50.8,4.3,50.9", "bbox")]
    [InlineData("from=notadate", "from")]
    [InlineData("from=2025-02-01&to=2025-01-01", "to")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=10001", "limit")]
    [InlineData("area=abc", "area")]
    public async Task Bad_query_parameters_give_400_naming_the_parameter(string query, string field)
    {
        var problem = await ProblemAsync(await _http.GetAsync($"/api/observations?{query}"), 400);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
    }

    [Fact]
    public async Task Retracted_observation_is_kept_but_left_out_of_lists()
    {
        var s = UniqueSource();
        var id = await _http.CreateAsync(Observation(s));
        var missingReason = await _http.PostAsJsonAsync($"/api/observations/{id}/retract", new { reason = "" });
        await ProblemAsync(missingReason, 422);

        var retract = await _http.PostAsJsonAsync($"/api/observations/{id}/retract", new { reason = "entered twice" });
        Assert.Equal(HttpStatusCode.NoContent, retract.StatusCode);
        Assert.Empty(Ids(await _http.GetJsonAsync($"/api/observations?source={s}")));
        var feature = await _http.GetJsonAsync($"/api/observations/{id}");
        Assert.True(feature["properties"]!["retracted"]!.GetValue<bool>());
        Assert.Equal("entered twice", feature["properties"]!["retractedReason"]!.GetValue<string>());
        await ProblemAsync(await _http.PostAsJsonAsync($"/api/observations/{id}/retract", new { reason = "again" }), 409);
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT count(*) FROM observations WHERE id = @id", ("id", id)));
    }
}
