using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using SceneMonitor.Analysis.Grid;

// Benchmarks against a running SceneMonitor with the demo data (see bench/run.sh).
// Usage: SceneMonitor.Bench <base-url> <connection-string> <output-file>
var baseUrl = args.Length > 0 ? args[0] : "http://127.0.0.1:5080";
var connectionString = args.Length > 1 ? args[1] : Environment.GetEnvironmentVariable("ConnectionStrings__SceneMonitor")!;
var output = args.Length > 2 ? args[2] : "bench/results.md";
const int Runs = 7;

using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
// Sign in as the demo recorder (exact points), unless a token is given.
var token = Environment.GetEnvironmentVariable("SCENEMONITOR_BENCH_TOKEN");
if (string.IsNullOrEmpty(token))
{
    var login = await http.PostAsync("/api/auth/login", new StringContent(
        """{"username":"recorder","password":"demo-recorder"}""", Encoding.UTF8, "application/json"));
    if (!login.IsSuccessStatusCode) throw new InvalidOperationException($"Sign-in as the demo recorder failed: {(int)login.StatusCode}; set SCENEMONITOR_BENCH_TOKEN.");
    token = System.Text.Json.JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString();
}
http.DefaultRequestHeaders.Authorization = new("Bearer", token);
await using var db = NpgsqlDataSource.Create(connectionString);

var report = new StringBuilder();
report.AppendLine($"# SceneMonitor benchmarks\n\nRun {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz} on {Environment.ProcessorCount} cores; median of {Runs} runs after one warm-up.\n");
var observations = await ScalarAsync<long>("SELECT count(*) FROM observations");
report.AppendLine($"Data: {observations:N0} observations.\n");

// 1. Full displacement analysis for the demo intervention, computed afresh each run (a new cell
//    size never asked before defeats the saved-result reuse), and the reuse path.
var interventionId = await ScalarAsync<int>("SELECT min(id) FROM interventions");
string FreshCellSize() => (149 + Random.Shared.NextDouble() * 2).ToString("0.000000", CultureInfo.InvariantCulture);
var fresh = await MedianAsync(async () => await GetAsync($"/api/interventions/{interventionId}/displacement?cellSize={FreshCellSize()}"));
var reused = await MedianAsync(async () => await GetAsync($"/api/interventions/{interventionId}/displacement?cellSize=150"));
report.AppendLine("## Displacement analysis, end to end over HTTP\n");
report.AppendLine("| path | median ms |\n|---|---|");
report.AppendLine($"| computed afresh (grid, Gi*, classes, vectors, ellipses, WDQ, WDD, SPPT, saved) | {fresh:0} |");
report.AppendLine($"| same parameters again (saved result) | {reused:0} |");
report.AppendLine($"| ratio fresh / saved | {fresh / reused:0.0}× |\n");

// 2. Side by side: counting points per hexagon with a point-in-polygon join in PostGIS versus
//    the arithmetic cell assignment the API uses (same keys as ST_HexagonGrid).
const string Study = "ST_Transform(ST_Buffer(ST_SetSRID(ST_MakePoint(4.336, 50.8357), 4326)::geography, 2250)::geometry, 3812)";
var sqlJoin = await MedianAsync(async () => await ScalarAsync<long>($"""
    WITH study AS (SELECT {Study} AS g),
    cells AS (SELECT h.i, h.j, h.geom FROM study, ST_HexagonGrid(150, study.g) h WHERE ST_Intersects(h.geom, study.g)),
    pts AS (SELECT ST_Transform(location, 3812) AS p FROM observations, study WHERE ST_Intersects(ST_Transform(location, 3812), study.g))
    SELECT count(*) FROM (SELECT cells.i, cells.j, count(pts.p) FROM cells LEFT JOIN pts ON ST_Intersects(cells.geom, pts.p) GROUP BY 1, 2) x
    """));
var arithmetic = await MedianAsync(async () =>
{
    var grid = CellGrid.Create(GridKind.Hexagon, 150);
    var counts = new Dictionary<CellKey, int>();
    await using var cmd = db.CreateCommand($"WITH study AS (SELECT {Study} AS g) SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_Transform(location, 3812) AS p FROM observations) o, study WHERE ST_Intersects(o.p, study.g)");
    await using var r = await cmd.ExecuteReaderAsync();
    while (await r.ReadAsync())
    {
        var key = grid.CellOf(r.GetDouble(0), r.GetDouble(1));
        counts[key] = counts.GetValueOrDefault(key) + 1;
    }
    return counts.Count;
});
report.AppendLine("## Points per hexagon cell (150 m, 2.25 km around Brussel-Zuid, all periods)\n");
report.AppendLine("| method | median ms |\n|---|---|");
report.AppendLine($"| PostGIS: ST_HexagonGrid cells LEFT JOIN points ON ST_Intersects | {sqlJoin:0} |");
report.AppendLine($"| PostGIS points + C# cell arithmetic (used by the API) | {arithmetic:0} |");
report.AppendLine($"| ratio join / arithmetic | {sqlJoin / arithmetic:0.0}× |\n");

// 3. Streaming the observation list: one 10,000-feature page.
var page = await MedianAsync(async () => await GetAsync("/api/observations?limit=10000"));
report.AppendLine("## Observation list\n");
report.AppendLine($"| request | median ms |\n|---|---|\n| GET /api/observations?limit=10000 (streamed GeoJSON) | {page:0} |");

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
await File.WriteAllTextAsync(output, report.ToString());
Console.WriteLine(report);

async Task<int> GetAsync(string url)
{
    using var response = await http.GetAsync(url);
    var body = await response.Content.ReadAsByteArrayAsync();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
    return body.Length;
}

async Task<T> ScalarAsync<T>(string sql)
{
    await using var cmd = db.CreateCommand(sql);
    return (T)Convert.ChangeType((await cmd.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
}

static async Task<double> MedianAsync<T>(Func<Task<T>> action)
{
    await action();
    var times = new List<double>();
    for (var i = 0; i < Runs; i++)
    {
        var sw = Stopwatch.StartNew();
        await action();
        times.Add(sw.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return times[times.Count / 2];
}
