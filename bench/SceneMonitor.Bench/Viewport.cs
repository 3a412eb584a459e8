using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Bench;

/// <summary>3. The viewport query (bbox of one municipality, one month, two categories) under 50
/// concurrent clients: wrk against the API, and pgbench running the same SQL straight on the
/// database with the same concurrency as the baseline. Targets vary per request.</summary>
public static class Viewport
{
    public const int Clients = 50;
    public const int Seconds = 20;
    public const int WarmUpSeconds = 30;
    public const int Limit = 5000; // the map's page size (web/src/app/api.js)

    public sealed record Target(double X0, double Y0, double X1, double Y1, DateTime From, DateTime To, string Cat1, string Cat2);

    public static async Task RunAsync(BenchContext ctx)
    {
        var targets = await TargetsAsync(ctx);
        var targetsFile = Path.Combine(ctx.OutDir, $"viewport-{ctx.Results.Scale}.txt");
        await File.WriteAllLinesAsync(targetsFile, targets.Select(t => string.Create(CultureInfo.InvariantCulture,
            $"/api/observations?bbox={t.X0:R},{t.Y0:R},{t.X1:R},{t.Y1:R}&from={t.From:yyyy-MM-dd}&to={t.To:yyyy-MM-dd}&category={t.Cat1}&category={t.Cat2}&limit={Limit}")));
        var pgbench = await PgbenchAsync(ctx, targets);
        // The API was started for this scale: under load on 2 cores its tiered JIT needs about half a
        // minute to reach steady state (the first 10 s ran at 55-60 % of the steady throughput, with
        // twice the API CPU per request), which is not what users of a running service see.
        await WrkAsync(ctx, targetsFile, WarmUpSeconds);
        var wrk = await WrkAsync(ctx, targetsFile);
        var errors = wrk.Errors;
        ctx.Results.Say($"wrk: {wrk.Requests} requests in {wrk.Seconds:0} s ({wrk.Requests / wrk.Seconds:0} req/s), p50 {wrk.P50:0.0} ms, p95 {wrk.P95:0.0} ms, p99 {wrk.P99:0.0} ms, errors {errors}; " +
                        $"pgbench: {pgbench.Count} queries ({pgbench.Count / (double)Seconds:0}/s), p50 {pgbench.P50:0.0} ms, p95 {pgbench.P95:0.0} ms; rows per query median {pgbench.MedianRows:0}");
        ctx.Results.Add(new Figure("3 viewport", "API p50 latency, 50 clients", wrk.P50, "ms", pgbench.P50, wrk.P50 / pgbench.P50));
        ctx.Results.Add(new Figure("3 viewport", "API p95 latency, 50 clients", wrk.P95, "ms", pgbench.P95, wrk.P95 / pgbench.P95, "< 100 ms at 1 M, no errors",
            wrk.P95 < 100 && errors == 0, $"{wrk.Requests / wrk.Seconds:0} req/s, {errors} errors; baseline: the same SQL through pgbench, 50 clients ({pgbench.Count / (double)Seconds:0} queries/s); median {pgbench.MedianRows:0} features per response"));
        ctx.Results.Add(new Figure("3 viewport", "API throughput, 50 clients", wrk.Requests / wrk.Seconds, "req/s", pgbench.Count / (double)Seconds, wrk.Requests / wrk.Seconds / (pgbench.Count / (double)Seconds)));

        // The map asks for server-side clusters instead of points above a threshold: the same
        // viewports at zoom 14 (a municipality fills the screen).
        using var probe = await ctx.Http.GetAsync($"{ctx.BaseUrl}/api/map/clusters?bbox=4.3,50.8,4.4,50.9&zoom=14");
        if (!probe.IsSuccessStatusCode) { ctx.Results.Say($"/api/map/clusters: {(int)probe.StatusCode}; not measured"); return; }
        var clustersFile = Path.Combine(ctx.OutDir, $"clusters-{ctx.Results.Scale}.txt");
        await File.WriteAllLinesAsync(clustersFile, (await File.ReadAllLinesAsync(targetsFile)).Select(l => l.Replace("/api/observations?", "/api/map/clusters?zoom=14&").Replace($"&limit={Limit}", "")));
        await WrkAsync(ctx, clustersFile, WarmUpSeconds);
        var c = await WrkAsync(ctx, clustersFile);
        ctx.Results.Say($"wrk clusters: {c.Requests} requests ({c.Requests / c.Seconds:0} req/s), p50 {c.P50:0.0} ms, p95 {c.P95:0.0} ms, p99 {c.P99:0.0} ms, errors {c.Errors}");
        ctx.Results.Add(new Figure("3 viewport", "GET /api/map/clusters (zoom 14) p95 latency, 50 clients", c.P95, "ms", Target: "< 100 ms at 1 M, no errors", Met: c.P95 < 100 && c.Errors == 0,
            Note: $"p50 {c.P50:0.0} ms, {c.Requests / c.Seconds:0} req/s, {c.Errors} errors; same viewports as the list (no SQL baseline: the clusters are computed in the query)"));
    }

    /// <summary>Every municipality's bbox × every whole month × a few category pairs, shuffled.</summary>
    private static async Task<List<Target>> TargetsAsync(BenchContext ctx)
    {
        var boxes = new List<(double, double, double, double)>();
        await using (var cmd = ctx.Db.CreateCommand("SELECT ST_XMin(geometry), ST_YMin(geometry), ST_XMax(geometry), ST_YMax(geometry) FROM areas WHERE kind = 'Municipality' ORDER BY code"))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) boxes.Add((r.GetDouble(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3)));
        var first = (await ctx.ScalarAsync<DateTime>("SELECT date_trunc('month', min(observed_at), 'UTC') + interval '1 month' FROM observations"));
        var last = (await ctx.ScalarAsync<DateTime>("SELECT date_trunc('month', max(observed_at), 'UTC') FROM observations"));
        string[][] pairs = [["discarded_pipe", "consumption_site"], ["syringe", "dealing_point"], ["ammonia_bottle", "complaint"], ["consumption_site", "dealing_point"]];
        var rng = new Random(7);
        var targets = new List<Target>();
        foreach (var b in boxes)
            for (var m = new DateTime(first.Year, first.Month, 1); m < last; m = m.AddMonths(1))
                foreach (var p in pairs)
                    targets.Add(new Target(b.Item1, b.Item2, b.Item3, b.Item4, m, m.AddMonths(1), p[0], p[1]));
        return targets.OrderBy(_ => rng.Next()).ToList();
    }

    private sealed record WrkResult(long Requests, double Seconds, double P50, double P95, double P99, long Errors);

    private static async Task<WrkResult> WrkAsync(BenchContext ctx, string targetsFile, int seconds = Seconds)
    {
        var psi = new ProcessStartInfo("wrk");
        foreach (var a in new[] { "-t", "2", "-c", Clients.ToString(CultureInfo.InvariantCulture), "-d", $"{seconds}s", "--timeout", "10s", "-s", "bench/viewport.lua", ctx.BaseUrl })
            psi.ArgumentList.Add(a);
        psi.Environment["BENCH_TARGETS"] = targetsFile;
        psi.Environment["BENCH_TOKEN"] = ctx.Token;
        var (_, _, stdout) = await BenchContext.RunAsync(psi, true, TimeSpan.FromSeconds(seconds + 60));
        var line = stdout.Split('\n').First(l => l.StartsWith("BENCH-JSON ", StringComparison.Ordinal))["BENCH-JSON ".Length..];
        var j = JsonDocument.Parse(line).RootElement;
        long E(string n) => j.GetProperty(n).GetInt64();
        return new WrkResult(E("requests"), j.GetProperty("seconds").GetDouble(), j.GetProperty("p50").GetDouble(), j.GetProperty("p95").GetDouble(),
            j.GetProperty("p99").GetDouble(), E("connect") + E("read") + E("write") + E("status") + E("timeout"));
    }

    private sealed record PgbenchResult(int Count, double P50, double P95, double MedianRows);

    /// <summary>The list endpoint's SQL (ObservationStore.QueryAsync, exact view, a bbox with a window:
    /// ObservationSql.AppendCells) for a random target.</summary>
    private static async Task<PgbenchResult> PgbenchAsync(BenchContext ctx, List<Target> targets)
    {
        await ctx.ExecAsync("DROP TABLE IF EXISTS bench_viewports; CREATE TABLE bench_viewports (k int PRIMARY KEY, x0 float8, y0 float8, x1 float8, y1 float8, t_from timestamptz, t_to timestamptz, cats text[], cells int[])");
        await using (var w = await (await ctx.Db.OpenConnectionAsync()).BeginTextImportAsync("COPY bench_viewports FROM STDIN"))
            for (var i = 0; i < targets.Count; i++)
            {
                var t = targets[i];
                await w.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{i + 1}\t{t.X0}\t{t.Y0}\t{t.X1}\t{t.Y1}\t{t.From:yyyy-MM-dd}Z\t{t.To:yyyy-MM-dd}Z\t{{{t.Cat1},{t.Cat2}}}\t{{{string.Join(',', ViewportCells.Covering(t.X0, t.Y0, t.X1, t.Y1)!)}}}"));
            }
        var script = Path.Combine(ctx.OutDir, "viewport.sql");
        // -M extended sends the values as parameters of an unnamed statement, as Npgsql does, so
        // PostgreSQL plans each query for its own values like the API's.
        await File.WriteAllTextAsync(script, $"""
            \set k random(1, {targets.Count})
            SELECT x0, y0, x1, y1, t_from, t_to, cats, cells FROM bench_viewports WHERE k = :k \gset
            SELECT o.id, c.code, o.lon, o.lat, o.observed_at, o.quantity, o.source, o.organisation, o.note, o.retracted, o.retracted_reason
            FROM observations o JOIN categories c ON c.id = o.category_id
            WHERE NOT o.retracted AND o.observed_at >= :t_from AND o.observed_at < :t_to AND c.code = ANY(:cats)
              AND {ViewportCells.Sql("o")} = ANY(:cells::int[])
              AND o.lon BETWEEN :x0::float8 AND :x1::float8 AND o.lat BETWEEN :y0::float8 AND :y1::float8
              AND o.category_id = ANY(ARRAY(SELECT k.id FROM categories k WHERE k.code = ANY(:cats)))
            ORDER BY o.id LIMIT {Limit};
            """);
        var logDir = Path.Combine(ctx.OutDir, $"pgbench-{ctx.Results.Scale}");
        if (Directory.Exists(logDir)) Directory.Delete(logDir, true);
        Directory.CreateDirectory(logDir);
        var psi = new ProcessStartInfo("/usr/lib/postgresql/15/bin/pgbench") { WorkingDirectory = logDir };
        foreach (var a in new[] { "-n", "-M", "extended", "-c", Clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", Seconds.ToString(CultureInfo.InvariantCulture), "-f", script, "-l", ctx.Database })
            psi.ArgumentList.Add(a);
        await BenchContext.RunAsync(psi, false, TimeSpan.FromSeconds(Seconds + 60));
        var latencies = Directory.GetFiles(logDir).SelectMany(File.ReadLines)
            .Select(l => l.Split(' ')).Where(f => f.Length > 2).Select(f => double.Parse(f[2], CultureInfo.InvariantCulture) / 1000).Order().ToList();
        var rows = new List<double>();
        foreach (var k in new[] { 1, targets.Count / 3, targets.Count / 2, 2 * targets.Count / 3, targets.Count })
            rows.Add(await ctx.ScalarAsync<long>($"""
                SELECT count(*) FROM (SELECT o.id FROM observations o JOIN categories c ON c.id = o.category_id, (SELECT * FROM bench_viewports WHERE k = {k}) v
                WHERE NOT o.retracted AND o.location && ST_MakeEnvelope(v.x0, v.y0, v.x1, v.y1, 4326) AND o.observed_at >= v.t_from AND o.observed_at < v.t_to
                  AND c.code = ANY(v.cats) LIMIT {Limit}) x
                """));
        return new PgbenchResult(latencies.Count, BenchContext.Percentile(latencies, 50), BenchContext.Percentile(latencies, 95), BenchContext.Median(rows));
    }
}
