using System.Diagnostics;
using System.Text;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Bench;

/// <summary>The partitioning experiment on copies of the table (bench/sql/partitioned.sql): the
/// viewport query and the displacement period scan on the plain table vs the month-partitioned copy
/// (median of 5), with EXPLAIN (ANALYZE, BUFFERS) showing which partitions were read; at ≤ 1 M also
/// the region × time layout a distributed deployment would use.</summary>
public static class Partitioning
{
    public static async Task RunAsync(BenchContext ctx, long n)
    {
        var withRegion = n <= 1_000_000;
        var sw = Stopwatch.StartNew();
        await ctx.PsqlAsync(["-v", $"with_region={(withRegion ? 1 : 0)}", "-f", "bench/sql/partitioned.sql"], timeout: TimeSpan.FromMinutes(20));
        ctx.Results.Say($"partitioned copies built in {sw.Elapsed.TotalSeconds:0} s");

        var box = await ctx.ScalarAsync<string>("SELECT ST_AsEWKT(ST_Envelope(geometry)) FROM areas WHERE kind = 'Municipality' AND code = (SELECT code FROM areas WHERE kind = 'Municipality' ORDER BY ST_Area(geometry) DESC LIMIT 1)");
        var month = await ctx.ScalarAsync<DateTime>("SELECT date_trunc('month', now(), 'UTC') - interval '13 months'");
        var mid = await ctx.ScalarAsync<DateTime>("SELECT date_trunc('day', now(), 'UTC') - interval '30 months'");
        string Viewport(string table) => $"""
            SELECT o.id, c.code, ST_X(o.location), ST_Y(o.location), o.observed_at, o.quantity, o.source, o.organisation, o.note
            FROM {table} o JOIN categories c ON c.id = o.category_id
            WHERE NOT o.retracted AND o.location && '{box}'::geometry AND o.observed_at >= '{month:yyyy-MM-dd}Z' AND o.observed_at < '{month.AddMonths(1):yyyy-MM-dd}Z'
              AND c.code IN ('discarded_pipe', 'consumption_site') ORDER BY o.id LIMIT 5000
            """;
        string Periods(string table) => $"""
            SELECT count(*) FILTER (WHERE o.observed_at < '{mid:yyyy-MM-dd}Z'), count(*) FILTER (WHERE o.observed_at >= '{mid:yyyy-MM-dd}Z')
            FROM {table} o WHERE NOT o.retracted AND o.observed_at >= '{mid.AddMonths(-6):yyyy-MM-dd}Z' AND o.observed_at < '{mid.AddMonths(6):yyyy-MM-dd}Z'
            """;
        var explain = new StringBuilder();
        foreach (var (name, plain, part) in new[]
        {
            ("viewport (largest municipality's bbox, one month, two categories)", Viewport("observations"), Viewport("bench_obs_month")),
            ("displacement period scan (two 6-month periods, whole region)", Periods("observations"), Periods("bench_obs_month")),
        })
        {
            var tPlain = await TimeAsync(ctx, plain);
            var tPart = await TimeAsync(ctx, part);
            ctx.Results.Add(new Figure("partitioning", $"{name}: month-partitioned copy", tPart, "ms", tPlain, tPart / tPlain, Note: "baseline: the app's unpartitioned table, same query; median of 5"));
            explain.AppendLine($"-- {name}, month-partitioned copy").AppendLine(await ExplainAsync(ctx, part)).AppendLine();
            explain.AppendLine($"-- {name}, unpartitioned table").AppendLine(await ExplainAsync(ctx, plain)).AppendLine();
        }
        // The viewport as the app now sends it (ObservationSql.AppendCells): one range scan of the cell
        // index per cell and category, against the form above, where the planner combines the
        // location index with the time index.
        var (x0, y0, x1, y1) = (await ctx.ScalarAsync<double>($"SELECT ST_XMin('{box}'::geometry)"), await ctx.ScalarAsync<double>($"SELECT ST_YMin('{box}'::geometry)"),
                                await ctx.ScalarAsync<double>($"SELECT ST_XMax('{box}'::geometry)"), await ctx.ScalarAsync<double>($"SELECT ST_YMax('{box}'::geometry)"));
        var cells = "{" + string.Join(',', ViewportCells.Covering(x0, y0, x1, y1)!) + "}";
        var cellForm = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"""
            SELECT o.id, c.code, o.lon, o.lat, o.observed_at, o.quantity, o.source, o.organisation, o.note
            FROM observations o JOIN categories c ON c.id = o.category_id
            WHERE NOT o.retracted AND o.observed_at >= '{month:yyyy-MM-dd}Z' AND o.observed_at < '{month.AddMonths(1):yyyy-MM-dd}Z'
              AND c.code IN ('discarded_pipe', 'consumption_site')
              AND {ViewportCells.Sql("o")} = ANY('{cells}'::int[])
              AND o.lon BETWEEN {x0:R} AND {x1:R} AND o.lat BETWEEN {y0:R} AND {y1:R}
              AND o.category_id = ANY(ARRAY(SELECT k.id FROM categories k WHERE k.code IN ('discarded_pipe', 'consumption_site')))
            ORDER BY o.id LIMIT 5000
            """);
        var locationForm = await TimeAsync(ctx, Viewport("observations"));
        var cellTime = await TimeAsync(ctx, cellForm);
        explain.AppendLine("-- viewport as the app sends it (cell index)").AppendLine(await ExplainAsync(ctx, cellForm)).AppendLine();
        ctx.Results.Add(new Figure("indexes", "viewport SQL read from the cell index (cell, category_id, observed_at) INCLUDE (…), as the app sends it", cellTime, "ms", locationForm, cellTime / locationForm,
            Note: "baseline: the same viewport written with location && bbox (the planner ANDs location and time indexes); one query alone, median of 5"));
        if (withRegion)
        {
            var code = await ctx.ScalarAsync<string>("SELECT region_code FROM bench_obs_region_month GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
            var q = $"""
                SELECT count(*), sum(quantity) FROM bench_obs_region_month o
                WHERE o.region_code = '{code}' AND o.observed_at >= '{month:yyyy-MM-dd}Z' AND o.observed_at < '{month.AddMonths(1):yyyy-MM-dd}Z'
                """;
            var partitions = await ctx.ScalarAsync<long>("SELECT count(*) FROM pg_partition_tree('bench_obs_region_month') WHERE isleaf");
            explain.AppendLine($"-- one region (municipality {code}) and one month, region × year layout ({partitions} leaf partitions)").AppendLine(await ExplainAsync(ctx, q)).AppendLine();
        }
        ctx.Results.Texts["partitioning-explain"] = explain.ToString();
        await File.WriteAllTextAsync(Path.Combine(ctx.OutDir, $"explain-{ctx.Results.Scale}.txt"), explain.ToString());
    }

    private static async Task<double> TimeAsync(BenchContext ctx, string sql)
    {
        var times = new List<double>();
        for (var i = 0; i <= 5; i++)
        {
            var sw = Stopwatch.StartNew();
            await using var cmd = ctx.Db.CreateCommand(sql);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) { }
            if (i > 0) times.Add(sw.Elapsed.TotalMilliseconds);
        }
        return BenchContext.Median(times);
    }

    private static async Task<string> ExplainAsync(BenchContext ctx, string sql)
    {
        await using var cmd = ctx.Db.CreateCommand("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql);
        var lines = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) lines.Add(r.GetString(0));
        return string.Join('\n', lines);
    }
}
