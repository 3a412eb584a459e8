using System.Diagnostics;
using System.Globalization;

namespace SceneMonitor.Bench;

/// <summary>Generates the rows in SQL (bench/sql/generate.sql) and writes them out twice as CSV:
/// in the API's import columns, and in the observations table's own columns for psql \copy.</summary>
public static class DataSet
{
    public const string Organisation = "SYNTHETIC BENCH DATA";

    public static string ApiCsv(BenchContext ctx) => Path.Combine(ctx.OutDir, $"rows-{ctx.Results.Scale}-api.csv");
    public static string TableCsv(BenchContext ctx) => Path.Combine(ctx.OutDir, $"rows-{ctx.Results.Scale}-table.csv");

    public static async Task GenerateAsync(BenchContext ctx, long n)
    {
        var sw = Stopwatch.StartNew();
        await ctx.PsqlAsync(["-v", $"n={n}", "-v", "seed=0.42", "-f", "bench/sql/generate.sql"], timeout: TimeSpan.FromMinutes(15));
        var generated = sw.Elapsed;
        var rows = await ctx.ScalarAsync<long>("SELECT count(*) FROM bench_rows");
        if (rows != n) throw new InvalidOperationException($"generated {rows} rows, expected {n}");

        sw.Restart();
        await ctx.PsqlAsync(["-c", $"""
            \copy (SELECT category, lon AS longitude, lat AS latitude, to_char(observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS observed_at, quantity, 'bench-' || n AS external_ref, note FROM bench_rows ORDER BY n) TO '{ApiCsv(ctx)}' WITH (FORMAT csv, HEADER)
            """]);
        await ctx.PsqlAsync(["-c", $"""
            \copy (SELECT c.id, encode(ST_AsEWKB(ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326)), 'hex'), r.observed_at, r.quantity, 'bench', '{Organisation}', 'bench-admin', 'bench-' || r.n, r.note, now(), false, false FROM bench_rows r JOIN categories c ON c.code = r.category ORDER BY r.n) TO '{TableCsv(ctx)}' WITH (FORMAT csv)
            """]);
        ctx.Results.Say($"generated {n:N0} rows in SQL in {generated.TotalSeconds:0.0} s; CSV files written in {sw.Elapsed.TotalSeconds:0.0} s ({new FileInfo(ApiCsv(ctx)).Length / 1e6:0} MB for the API)");
        ctx.Results.Add(new Figure("setup", "generate rows in SQL (generate_series)", n / generated.TotalSeconds, "rows/s"));
    }

    /// <summary>Scale "demo" is the API's own synthetic demo set (20,000 observations), seeded at its start.</summary>
    public static long ParseScale(string scale) => scale.ToLowerInvariant() switch
    {
        "demo" => 20_000,
        var s when s.EndsWith('k') => long.Parse(s[..^1], CultureInfo.InvariantCulture) * 1_000,
        var s when s.EndsWith('m') => long.Parse(s[..^1], CultureInfo.InvariantCulture) * 1_000_000,
        var s => long.Parse(s, CultureInfo.InvariantCulture),
    };
}
