using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace SceneMonitor.Bench;

/// <summary>1. Bulk ingest of the same rows into the same (empty, fully indexed) table, with one
/// stream and with two concurrent streams (what a loader on a 2-core server would use): psql \copy
/// as the baseline, then the API's import path (POST /api/imports?wait=true, CSV bodies of
/// <see cref="ImportChunkRows"/> rows). Leaves the table holding the rows the API wrote.</summary>
public static class Ingest
{
    private const string TableColumns = "category_id, location, observed_at, quantity, source, organisation, recorded_by, external_ref, note, created_at, retracted, coarsened";
    public const int ImportChunkRows = 100_000;
    private const string ApiNote = "binary COPY into staging, validation, INSERT … ON CONFLICT; only the requests are timed";

    public static async Task RunAsync(BenchContext ctx, long n)
    {
        var psqlOne = await PsqlAsync(ctx, n, [DataSet.TableCsv(ctx)]);
        ctx.Results.Say($"psql \\copy, one stream: {n:N0} rows at {psqlOne:N0} rows/s");
        if (n <= 1_000_000)
        {
            // Where the time goes: the same \copy into a copy of the table without its indexes.
            await ctx.ExecAsync("DROP TABLE IF EXISTS bench_noindex; CREATE TABLE bench_noindex (LIKE observations INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED); CHECKPOINT");
            var (bare, _, _) = await ctx.PsqlAsync(["-c", $"\\copy bench_noindex ({TableColumns}) FROM '{DataSet.TableCsv(ctx)}' WITH (FORMAT csv)"], timeout: TimeSpan.FromMinutes(30));
            await ctx.ExecAsync("DROP TABLE bench_noindex");
            ctx.Results.Add(new Figure("1 ingest", "psql \\copy into the same table without its indexes", n / bare.TotalSeconds, "rows/s", psqlOne, n / bare.TotalSeconds / psqlOne,
                Note: "shows what index maintenance (location, time, unique (source, external_ref), category) costs; baseline: \\copy into the indexed table"));
        }
        var halves = await SplitAsync(DataSet.TableCsv(ctx));
        var psqlTwo = await PsqlAsync(ctx, n, halves);
        ctx.Results.Say($"psql \\copy, two streams: {psqlTwo:N0} rows/s");

        var chunks = Chunks(DataSet.ApiCsv(ctx), ImportChunkRows).ToList();
        var apiOne = await ApiAsync(ctx, n, chunks, streams: 1);
        var one = apiOne / psqlOne;
        ctx.Results.Add(new Figure("1 ingest", "API POST /api/imports?wait=true (CSV, 100,000 rows per request), one stream", apiOne, "rows/s", psqlOne, one,
            "≥ 0.6 of psql \\copy", one >= 0.6, ApiNote + "; baseline: psql \\copy, one stream"));
        var apiTwo = await ApiAsync(ctx, n, chunks, streams: 2);
        var two = apiTwo / psqlTwo;
        var rateTarget = ctx.Results.Scale == "1m" ? " and ≥ 100,000 rows/s at 1 M" : "";
        ctx.Results.Add(new Figure("1 ingest", "API POST /api/imports?wait=true (CSV, 100,000 rows per request), two streams", apiTwo, "rows/s", psqlTwo, two,
            $"≥ 0.6 of psql \\copy{rateTarget}", two >= 0.6 && (ctx.Results.Scale != "1m" || apiTwo >= 100_000),
            ApiNote + "; two uploads at a time (Imports:MaxConcurrent 2); baseline: two psql \\copy at a time, each with half of the rows"));
        foreach (var half in halves) File.Delete(half);

        var sw = Stopwatch.StartNew();
        await ctx.ExecAsync("VACUUM (ANALYZE) observations");
        ctx.Results.Say($"VACUUM ANALYZE in {sw.Elapsed.TotalSeconds:0.0} s; table {await ctx.ScalarAsync<string>("SELECT pg_size_pretty(pg_total_relation_size('observations'))")} with indexes");
        // The measurements that follow are of a server in its steady state, not of one still writing
        // out the pages of the bulk load: the spread checkpoint took minutes of disk and CPU in the
        // middle of the viewport step (p95 92.6 against 79.0 ms at 1 M, bench/notes.md).
        await ctx.ExecAsync("CHECKPOINT");
    }

    /// <summary>Only the rows, for measuring later steps without the ingest comparison
    /// (<c>--only data,load,map</c>): two psql \copy streams into the indexed table, then the same
    /// VACUUM ANALYZE and checkpoint as after the ingest step. Not part of a full run.</summary>
    public static async Task LoadAsync(BenchContext ctx, long n)
    {
        var halves = await SplitAsync(DataSet.TableCsv(ctx));
        var rate = await PsqlAsync(ctx, n, halves);
        foreach (var half in halves) File.Delete(half);
        await ctx.ExecAsync("VACUUM (ANALYZE) observations");
        await ctx.ExecAsync("CHECKPOINT");
        ctx.Results.Say($"loaded {n:N0} rows with two psql \\copy streams at {rate:N0} rows/s (no ingest measurements)");
    }

    private static async Task EmptyTableAsync(BenchContext ctx)
    {
        await ctx.ExecAsync("TRUNCATE observations RESTART IDENTITY");
        await ctx.ExecAsync("CHECKPOINT");
    }

    /// <summary>psql \copy of the given files into the empty table, all at once; rows/s over the wall time.</summary>
    private static async Task<double> PsqlAsync(BenchContext ctx, long n, IReadOnlyList<string> files)
    {
        await EmptyTableAsync(ctx);
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(files.Select(f => ctx.PsqlAsync(["-c", $"\\copy observations ({TableColumns}) FROM '{f}' WITH (FORMAT csv)"], timeout: TimeSpan.FromMinutes(30))));
        var elapsed = sw.Elapsed;
        var copied = await ctx.ScalarAsync<long>("SELECT count(*) FROM observations");
        if (copied != n) throw new InvalidOperationException($"psql \\copy stored {copied} rows, expected {n}");
        return n / elapsed.TotalSeconds;
    }

    /// <summary>The rows through the API into the empty table, <paramref name="streams"/> uploads at a
    /// time (chunks dealt out in turn); rows/s over the wall time of the requests.</summary>
    private static async Task<double> ApiAsync(BenchContext ctx, long n, List<byte[]> chunks, int streams)
    {
        await EmptyTableAsync(ctx);
        long inserted = 0;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, streams).Select(async s =>
        {
            for (var i = s; i < chunks.Count; i += streams)
            {
                using var content = new ByteArrayContent(chunks[i]);
                content.Headers.ContentType = new("text/csv") { CharSet = "utf-8" };
                using var response = await ctx.Http.PostAsync($"{ctx.BaseUrl}/api/imports?wait=true&source=bench", content);
                var text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"import: {(int)response.StatusCode} {text[..Math.Min(500, text.Length)]}");
                var report = JsonDocument.Parse(text).RootElement;
                Interlocked.Add(ref inserted, report.GetProperty("inserted").GetInt64());
                if (report.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
                    ctx.Results.Say($"import reported errors: {errors.ToString()[..Math.Min(300, errors.ToString().Length)]}");
            }
        }));
        var elapsed = sw.Elapsed;
        var count = await ctx.ScalarAsync<long>("SELECT count(*) FROM observations");
        if (inserted != n || count != n) throw new InvalidOperationException($"the API stored {count:N0} rows (reported {inserted:N0}), expected {n:N0}");
        ctx.Results.Say($"API imports, {streams} stream(s): {n:N0} rows in {elapsed.TotalSeconds:0.0} s ({n / elapsed.TotalSeconds:N0} rows/s)");
        return n / elapsed.TotalSeconds;
    }

    /// <summary>The table CSV cut into two files of about half the rows each.</summary>
    private static async Task<string[]> SplitAsync(string csv)
    {
        var lines = await File.ReadAllLinesAsync(csv);
        var half = lines.Length / 2;
        string[] files = [csv + ".a", csv + ".b"];
        await File.WriteAllLinesAsync(files[0], lines[..half]);
        await File.WriteAllLinesAsync(files[1], lines[half..]);
        return files;
    }

    /// <summary>CSV bodies of <paramref name="rows"/> rows, each with the header line.</summary>
    private static IEnumerable<byte[]> Chunks(string csv, int rows)
    {
        using var reader = new StreamReader(csv);
        var header = reader.ReadLine()!;
        var sb = new StringBuilder();
        var count = 0;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (count == 0) sb.Clear().Append(header).Append('\n');
            sb.Append(line).Append('\n');
            if (++count == rows) { yield return Encoding.UTF8.GetBytes(sb.ToString()); count = 0; }
        }
        if (count > 0) yield return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
