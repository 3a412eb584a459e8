using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.SceneSize;

/// <summary>The multiplier method over HTTP against PostGIS. Expected figures are printed by
/// docs/checks/multiplier.py (scipy's Wilson interval; the DerSimonian–Laird formulas, also checked
/// with R metafor): examples A (B 600, n 200, m 50), B (400, 150, 30), C (120, 80, 6). Each test uses its
/// own population so the tests sharing this database do not mix.</summary>
public class SceneSizeEndpointTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    // Letters only: one test writes the population in capitals, and a hex suffix such as "E1234567"
    // would then look like a passport number to the personal-data scanner (a CI run found this).
    private static string UniquePopulation() =>
        "high-risk crack and opioid users " + string.Concat(Guid.NewGuid().ToByteArray()[..8].Select(b => (char)('a' + b % 26)));

    private async Task<int> AreaIdAsync(string kind = "region") =>
        (int)(await app.ClientFor("analyst").GetJsonAsync($"/api/areas?kind={kind}"))["features"]!.AsArray()[0]!["id"]!.GetValue<long>();

    private static object Benchmark(int areaId, string population, int count, int year = 2024, string source = "consumption room clients") =>
        new { areaId, year, count, source, population };

    private static object Survey(int benchmarkId, int interviewed, int inRegister) =>
        new { benchmarkId, interviewed, inRegister, recruitmentSites = "two outreach sites near the station; one day centre" };

    private static async Task<int> PostAsync(HttpClient http, string path, object body)
    {
        var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["id"]!.GetValue<int>();
    }

    private async Task<(int Area, string Population)> PairAsync(int b, int n, int m, string? population = null, HttpClient? http = null, int year = 2024)
    {
        http ??= app.ClientFor("analyst");
        var area = await AreaIdAsync();
        population ??= UniquePopulation();
        var benchmark = await PostAsync(http, "/api/scene-size/benchmarks", Benchmark(area, population, b, year));
        await PostAsync(http, "/api/scene-size/surveys", Survey(benchmark, n, m));
        return (area, population);
    }

    private static JsonNode Single(JsonObject response, string population) =>
        Assert.Single(response["estimates"]!.AsArray(), e => e!["population"]!.GetValue<string>() == population)!;

    [Fact]
    public async Task One_pair_gives_N_with_the_inverted_Wilson_interval()
    {
        var (_, population) = await PairAsync(600, 200, 50);
        var e = Single(await app.ClientFor("analyst").GetJsonAsync("/api/scene-size/estimates?year=2024"), population);
        // multiplier.py, example A: N = 600 × 200 / 50 = 2400, 95 % 1908.755244 .. 3075.634779.
        Assert.Equal(2400, e["estimate"]!.GetValue<double>(), 1e-9);
        Assert.Equal(1908.755244, e["low"]!.GetValue<double>(), 1e-5);
        Assert.Equal(3075.634779, e["high"]!.GetValue<double>(), 1e-5);
        Assert.False(e["unreliable"]!.GetValue<bool>());
        Assert.Equal(["register_completeness", "recruitment_sites", "comparability_over_time"], e["caveats"]!.AsArray().Select(c => c!.GetValue<string>()));
        var input = Assert.Single(e["inputs"]!.AsArray())!;
        Assert.Equal((600, 200, 50), (input["benchmark"]!.GetValue<int>(), input["interviewed"]!.GetValue<int>(), input["inRegister"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Two_registers_for_one_population_are_combined_and_an_unreliable_third_is_left_out()
    {
        var (area, population) = await PairAsync(600, 200, 50);
        // The same population written differently is the same population.
        await PairAsync(400, 150, 30, "  " + population.ToUpperInvariant().Replace(" ", "  ") + " ");
        await PairAsync(120, 80, 6, population);
        var e = Single(await app.ClientFor("analyst").GetJsonAsync($"/api/scene-size/estimates?year=2024&area={area}"), population);
        // multiplier.py, "combine A+B": 2246.893620, 95 % 1856.990722 .. 2718.662447, I² = 0; C (m = 6) is not used.
        Assert.Equal(2246.893620, e["estimate"]!.GetValue<double>(), 1e-5);
        Assert.Equal(1856.990722, e["low"]!.GetValue<double>(), 1e-5);
        Assert.Equal(2718.662447, e["high"]!.GetValue<double>(), 1e-5);
        Assert.Equal((3, 2), (e["estimates"]!.GetValue<int>(), e["used"]!.GetValue<int>()));
        Assert.False(e["unreliable"]!.GetValue<bool>());
        Assert.Contains(e["inputs"]!.AsArray(), i => i!["unreliable"]!.GetValue<bool>() && i["inRegister"]!.GetValue<int>() == 6);
    }

    [Fact]
    public async Task An_estimate_from_fewer_than_ten_in_the_register_is_flagged_unreliable()
    {
        var (_, population) = await PairAsync(120, 80, 6);
        var e = Single(await app.ClientFor("planner").GetJsonAsync("/api/scene-size/estimates"), population);
        // multiplier.py, example C: 1600, 95 % 778.613255 .. 3445.775764.
        Assert.Equal(1600, e["estimate"]!.GetValue<double>(), 1e-9);
        Assert.Equal(778.613255, e["low"]!.GetValue<double>(), 1e-5);
        Assert.True(e["unreliable"]!.GetValue<bool>());
        Assert.Contains("unreliable_small_m", e["caveats"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    public static TheoryData<string, object, string> BadBenchmarks => new()
    {
        { "negative count", new { areaId = 0, year = 2024, count = -5, source = "register", population = "users" }, "count" },
        { "count below k", new { areaId = 0, year = 2024, count = 2, source = "register", population = "users" }, "count" },
        { "unknown area", new { areaId = 999999, year = 2024, count = 100, source = "register", population = "users" }, "areaId" },
        { "year too early", new { areaId = 0, year = 1989, count = 100, source = "register", population = "users" }, "year" },
        { "future year", new { areaId = 0, year = 2999, count = 100, source = "register", population = "users" }, "year" },
        { "half a period", new { areaId = 0, year = 2024, periodFrom = "2024-01-01", count = 100, source = "register", population = "users" }, "periodTo" },
        { "a person named", new { areaId = 0, year = 2024, count = 100, source = "register kept by Jan Peeters, tel 0475 12 34 56", population = "users" }, "source" },
        { "no population", new { areaId = 0, year = 2024, count = 100, source = "register" }, "population" },
    };

    [Theory]
    [MemberData(nameof(BadBenchmarks))]
    public async Task A_bad_benchmark_is_422_naming_the_field_and_nothing_is_stored(string why, object body, string field)
    {
        var json = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(body))!.AsObject();
        if (json["areaId"]!.GetValue<int>() == 0) json["areaId"] = await AreaIdAsync();
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM scene_size_benchmarks");
        var problem = await ProblemAsync(await app.ClientFor("analyst").PostAsJsonAsync("/api/scene-size/benchmarks", json), 422);
        Assert.True(problem["errors"]![field] is not null, $"{why}: {problem}");
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT count(*) FROM scene_size_benchmarks"));
    }

    [Theory]
    [InlineData(50, 51, "inRegister")]   // m > n
    [InlineData(50, 0, "inRegister")]    // m = 0: N = B × n / 0 is undefined
    [InlineData(-3, 1, "interviewed")]   // negative n
    [InlineData(50, -1, "inRegister")]
    public async Task A_bad_survey_is_422_naming_the_field(int interviewed, int inRegister, string field)
    {
        var http = app.ClientFor("analyst");
        var benchmark = await PostAsync(http, "/api/scene-size/benchmarks", Benchmark(await AreaIdAsync(), UniquePopulation(), 300));
        var problem = await ProblemAsync(await http.PostAsJsonAsync("/api/scene-size/surveys", Survey(benchmark, interviewed, inRegister)), 422);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT count(*) FROM multiplier_surveys WHERE benchmark_id = @id", ("id", benchmark)));
    }

    [Fact]
    public async Task A_survey_of_an_unknown_benchmark_is_422()
    {
        var problem = await ProblemAsync(await app.ClientFor("analyst").PostAsJsonAsync("/api/scene-size/surveys", Survey(999999, 50, 10)), 422);
        Assert.NotNull(problem["errors"]!["benchmarkId"]);
    }

    [Theory]
    [InlineData("year=1800", 422, "year")]
    [InlineData("year=twenty", 400, "year")]
    [InlineData("area=999999", 422, "area")]
    [InlineData("area=-1", 400, "area")]
    public async Task Bad_estimate_filters_name_the_parameter(string query, int status, string field)
    {
        var problem = await ProblemAsync(await app.ClientFor("planner").GetAsync($"/api/scene-size/estimates?{query}"), status);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Recorders_and_planners_cannot_write_inputs_and_planners_cannot_list_them()
    {
        var body = Benchmark(await AreaIdAsync(), UniquePopulation(), 300);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor("recorder").PostAsJsonAsync("/api/scene-size/benchmarks", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor("planner").PostAsJsonAsync("/api/scene-size/benchmarks", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor("planner").GetAsync("/api/scene-size/benchmarks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor("planner").GetAsync("/api/scene-size/surveys")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.ClientFor("admin").PostAsJsonAsync("/api/scene-size/benchmarks", body)).StatusCode);
    }

    /// <summary>The attack: a planner reads the estimate (JSON, CSV, GeoJSON) to learn the register's
    /// count or how many of the interviewed are in it. None of the three carries the inputs.</summary>
    [Fact]
    public async Task Planners_see_the_figure_but_not_the_inputs_in_any_answer()
    {
        var (_, population) = await PairAsync(600, 200, 50);
        var planner = app.ClientFor("planner");
        var e = Single(await planner.GetJsonAsync("/api/scene-size/estimates?year=2024"), population).AsObject();
        Assert.Null(e["inputs"]);
        var csv = await planner.GetStringAsync("/api/scene-size/estimates/download?format=csv&year=2024");
        var geojson = await planner.GetStringAsync("/api/scene-size/estimates/download?year=2024");
        foreach (var text in new[] { e.ToJsonString(), csv, geojson })
        {
            // As members or columns (the method text may name n and m, the values must not be there).
            Assert.DoesNotContain("\"interviewed\"", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\"inRegister\"", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\"benchmark\"", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("outreach sites", text, StringComparison.Ordinal); // the survey's sites text
        }
        Assert.DoesNotContain(",600,", csv);
        Assert.DoesNotContain("interviewed", csv.Split("\r\n")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Downloads_are_choropleth_ready_csv_and_geojson()
    {
        var (area, population) = await PairAsync(600, 200, 50, year: 2023);
        var analyst = app.ClientFor("analyst");
        var csv = (await analyst.GetStringAsync($"/api/scene-size/estimates/download?format=csv&year=2023&area={area}")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("area_id,area_code,area_name,area_kind,year,population,estimate,low_95,high_95,unreliable,estimates,used,heterogeneity_i2,minimum,maximum,caveats", csv[0]);
        var row = Assert.Single(csv, l => l.Contains(population, StringComparison.Ordinal));
        Assert.StartsWith($"{area},", row);
        Assert.Contains(",2023,", row);
        Assert.Contains(",2400,1908.75524", row);

        var response = await analyst.GetAsync($"/api/scene-size/estimates/download?year=2023&area={area}");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("scene-size_2023", response.Content.Headers.ContentDisposition?.FileName ?? "");
        var feature = Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["features"]!.AsArray(),
            f => f!["properties"]!["population"]!.GetValue<string>() == population)!;
        Assert.Contains(feature["geometry"]!["type"]!.GetValue<string>(), new[] { "Polygon", "MultiPolygon" });
        Assert.Equal(2400, feature["properties"]!["estimate"]!.GetValue<double>());
        Assert.Equal(3075.634779, feature["properties"]!["high"]!.GetValue<double>(), 1e-5);
    }

    [Fact]
    public async Task Deletes_keep_to_the_organisation_refuse_a_used_benchmark_and_are_audited()
    {
        var mine = app.ClientFor("analyst");
        var benchmark = await PostAsync(mine, "/api/scene-size/benchmarks", Benchmark(await AreaIdAsync(), UniquePopulation(), 300));
        var survey = await PostAsync(mine, "/api/scene-size/surveys", Survey(benchmark, 40, 12));

        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor("analyst", "other-org").DeleteAsync($"/api/scene-size/surveys/{survey}")).StatusCode);
        await ProblemAsync(await mine.DeleteAsync($"/api/scene-size/benchmarks/{benchmark}"), 409);
        Assert.Equal(HttpStatusCode.NoContent, (await mine.DeleteAsync($"/api/scene-size/surveys/{survey}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await mine.DeleteAsync($"/api/scene-size/benchmarks/{benchmark}")).StatusCode);
        await ProblemAsync(await mine.DeleteAsync($"/api/scene-size/benchmarks/{benchmark}"), 404);

        var audited = await app.ScalarAsync<long>(
            """
            SELECT count(*) FROM audit_log WHERE action = 'scene_size_input' AND actor = 'test-analyst'
              AND ((parameters->>'entity' = 'benchmark' AND (parameters->>'id')::int = @b) OR (parameters->>'entity' = 'survey' AND (parameters->>'id')::int = @s))
            """,
            ("b", benchmark), ("s", survey));
        Assert.Equal(4, audited); // two creates, two deletes
    }

    [Fact]
    public async Task A_custom_area_with_a_benchmark_cannot_be_deleted()
    {
        var admin = app.ClientFor("admin");
        var area = await PostAsync(admin, "/api/areas", new
        {
            name = "Scene size test zone " + Guid.NewGuid().ToString("N")[..6],
            geometry = new { type = "Polygon", coordinates = new[] { new[] { new[] { 4.33, 50.83 }, new[] { 4.34, 50.83 }, new[] { 4.34, 50.84 }, new[] { 4.33, 50.83 } } } },
        });
        await PostAsync(admin, "/api/scene-size/benchmarks", Benchmark(area, UniquePopulation(), 50));
        await ProblemAsync(await admin.DeleteAsync($"/api/areas/{area}"), 409);
    }
}
