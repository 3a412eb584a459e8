using System.Diagnostics;
using System.Net.Http.Json;
using Npgsql;

namespace SceneMonitor.Bench;

/// <summary>4. Displacement analysis for the whole region (150 m hexagons, two 6-month periods either
/// side of the scenario's clearance) over HTTP, computed afresh every run (a new SPPT seed defeats
/// the saved-result reuse), against the bare grid-count query it needs, timed the same way.</summary>
public static class DisplacementBench
{
    /// <summary>The cells of the region (with their GeoJSON, as the analysis returns them) and the points
    /// per cell and period, in SQL alone: the hexagon key of each point by the same arithmetic as
    /// ST_HexagonGrid's layout (cube rounding). Materialised CTEs keep the planner from re-running the
    /// grouping per cell.</summary>
    public const string BareGridCount = """
        WITH study AS MATERIALIZED (SELECT ST_Transform(@study, 3812) AS g),
        cells AS MATERIALIZED (SELECT h.i, h.j, ST_AsGeoJSON(ST_Transform(h.geom, 4326), 6) AS geojson FROM study, ST_HexagonGrid(150, study.g) h WHERE ST_Intersects(h.geom, study.g)),
        pts AS MATERIALIZED (SELECT ST_X(p) AS x, ST_Y(p) AS y, in_a FROM (
                SELECT ST_Transform(o.location, 3812) AS p, o.observed_at < @a_to AS in_a FROM observations o
                WHERE NOT o.retracted AND ST_Intersects(o.location, @study)
                  AND ((o.observed_at >= @a_from AND o.observed_at < @a_to) OR (o.observed_at >= @b_from AND o.observed_at < @b_to))) t),
        ax AS (SELECT x / 225.0 AS q, y / (sqrt(3) * 150) - x / 450.0 AS r, in_a FROM pts),
        cube AS (SELECT q, r, -q - r AS s, round(q) AS rq, round(r) AS rr, round(-q - r) AS rs, in_a FROM ax),
        rounded AS (SELECT CASE WHEN abs(rq - q) > abs(rr - r) AND abs(rq - q) > abs(rs - s) THEN -rr - rs ELSE rq END AS rq,
                           CASE WHEN NOT (abs(rq - q) > abs(rr - r) AND abs(rq - q) > abs(rs - s)) AND abs(rr - r) > abs(rs - s) THEN -rq - rs ELSE rr END AS rr,
                           in_a FROM cube),
        counts AS MATERIALIZED (SELECT rq::int AS i, (rr + (rq - (rq::int & 1)) / 2)::int AS j, count(*) FILTER (WHERE in_a) AS a, count(*) FILTER (WHERE NOT in_a) AS b
                   FROM rounded GROUP BY 1, 2)
        SELECT cells.i, cells.j, cells.geojson, coalesce(counts.a, 0), coalesce(counts.b, 0) FROM cells LEFT JOIN counts USING (i, j)
        """;


    public static async Task RunAsync(BenchContext ctx, long n)
    {
        var region = await ctx.ScalarAsync<int>("SELECT id FROM areas WHERE kind = 'Region' ORDER BY id LIMIT 1");
        // The region as a value, as the API passes its study area (a constant the planner can weigh).
        byte[] regionWkb;
        await using (var wkb = ctx.Db.CreateCommand($"SELECT ST_AsBinary(geometry) FROM areas WHERE id = {region}"))
            regionWkb = (byte[])(await wkb.ExecuteScalarAsync())!;
        // The scenario's clearance is 30 months before the end of the data.
        var mid = await ctx.ScalarAsync<DateTime>("SELECT date_trunc('day', now(), 'UTC') - interval '30 months'");
        var (aFrom, aTo, bFrom, bTo) = (mid.AddMonths(-6), mid, mid, mid.AddMonths(6));
        var runs = n >= 5_000_000 ? 3 : 5;

        var bare = new List<double>();
        (long Cells, long A, long B) counted = default;
        for (var i = 0; i <= runs; i++)
        {
            // JIT off as in the API (DisplacementData.NoJitAsync): the baseline gets the same tuning.
            await using var conn = await ctx.Db.OpenConnectionAsync();
            await using var tx = await conn.BeginTransactionAsync();
            await using (var nojit = new NpgsqlCommand("SET LOCAL jit = off", conn, tx)) await nojit.ExecuteNonQueryAsync();
            await using var cmd = new NpgsqlCommand(BareGridCount, conn, tx);
            cmd.CommandTimeout = 0;
            cmd.Parameters.AddWithValue("study", NpgsqlTypes.NpgsqlDbType.Bytea, regionWkb);
            cmd.CommandText = cmd.CommandText.Replace("@study", "ST_GeomFromWKB(@study, 4326)");
            cmd.Parameters.AddWithValue("a_from", DateTime.SpecifyKind(aFrom, DateTimeKind.Utc));
            cmd.Parameters.AddWithValue("a_to", DateTime.SpecifyKind(aTo, DateTimeKind.Utc));
            cmd.Parameters.AddWithValue("b_from", DateTime.SpecifyKind(bFrom, DateTimeKind.Utc));
            cmd.Parameters.AddWithValue("b_to", DateTime.SpecifyKind(bTo, DateTimeKind.Utc));
            var sw = Stopwatch.StartNew();
            long cells = 0, a = 0, b = 0;
            await using (var r = await cmd.ExecuteReaderAsync())
                while (await r.ReadAsync()) { cells++; a += r.GetInt64(3); b += r.GetInt64(4); }
            counted = (cells, a, b);
            if (i > 0) bare.Add(sw.Elapsed.TotalMilliseconds);
        }

        var api = new List<double>();
        var summary = "";
        for (var i = 0; i <= runs; i++)
        {
            var body = new
            {
                area = region, cellSize = 150, seed = Random.Shared.Next(1, int.MaxValue),
                before = new { from = DateTime.SpecifyKind(aFrom, DateTimeKind.Utc), to = DateTime.SpecifyKind(aTo, DateTimeKind.Utc) },
                after = new { from = DateTime.SpecifyKind(bFrom, DateTimeKind.Utc), to = DateTime.SpecifyKind(bTo, DateTimeKind.Utc) },
            };
            var sw = Stopwatch.StartNew();
            using var response = await ctx.Http.PostAsJsonAsync($"{ctx.BaseUrl}/api/displacement", body);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"displacement: {(int)response.StatusCode} {text[..Math.Min(500, text.Length)]}");
            if (i > 0) api.Add(sw.Elapsed.TotalMilliseconds);
            summary = $"{text.Length / 1e6:0.0} MB response";
        }
        var apiMs = BenchContext.Median(api);
        var bareMs = BenchContext.Median(bare);
        ctx.Results.Say($"displacement: API median {apiMs:0} ms ({string.Join(", ", api.Select(x => x.ToString("0")))}), bare grid count median {bareMs:0} ms ({string.Join(", ", bare.Select(x => x.ToString("0")))}); {counted.Cells:N0} cells, {counted.A:N0} + {counted.B:N0} points; {summary}");
        var limit = n >= 5_000_000 ? 10_000 : n >= 1_000_000 ? 2_000 : (double?)null;
        ctx.Results.Add(new Figure("4 displacement", "POST /api/displacement, whole region, 150 m, 2 × 6 months", apiMs / 1000, "s", bareMs / 1000, apiMs / bareMs,
            limit is null ? "overhead ≤ 3×" : $"< {limit / 1000:0} s; overhead ≤ 3×", (limit is null || apiMs < limit) && apiMs / bareMs <= 3,
            $"median of {runs} fresh runs; {counted.Cells:N0} cells, {counted.A + counted.B:N0} points in the two periods; baseline: bare grid-count SQL (cells + points per cell and period)"));
    }
}
