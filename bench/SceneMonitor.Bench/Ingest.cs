using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace SceneMonitor.Bench;

/// <summary>1. Bulk ingest of the same rows into the same (empty, fully indexed) table: psql \copy
/// as the baseline, then the API's import path. Leaves the table holding the rows the API wrote.</summary>
public static class Ingest
{
    private const string TableColumns = "category_id, location, observed_at, quantity, source, organisation, recorded_by, external_ref, note, created_at, retracted, coarsened";
    public const int ImportChunkRows = 100_000;
    public const int BatchRows = 10_000;

    public static async Task RunAsync(BenchContext ctx, long n)
    {
        await EmptyTableAsync(ctx);
        var (copy, _, _) = await ctx.PsqlAsync(["-c", $"\\copy observations ({TableColumns}) FROM '{DataSet.TableCsv(ctx)}' WITH (FORMAT csv)"], timeout: TimeSpan.FromMinutes(30));
        var copied = await ctx.ScalarAsync<long>("SELECT count(*) FROM observations");
        if (copied != n) throw new InvalidOperationException($"psql \\copy stored {copied} rows, expected {n}");
        var psqlRate = n / copy.TotalSeconds;
        ctx.Results.Say($"psql \\copy: {n:N0} rows in {copy.TotalSeconds:0.0} s");

        if (n <= 1_000_000)
        {
            // Where the time goes: the same \copy into a copy of the table without its indexes.
            await ctx.ExecAsync("DROP TABLE IF EXISTS bench_noindex; CREATE TABLE bench_noindex (LIKE observations INCLUDING DEFAULTS INCLUDING IDENTITY); CHECKPOINT");
            var (bare, _, _) = await ctx.PsqlAsync(["-c", $"\\copy bench_noindex ({TableColumns}) FROM '{DataSet.TableCsv(ctx)}' WITH (FORMAT csv)"], timeout: TimeSpan.FromMinutes(30));
            await ctx.ExecAsync("DROP TABLE bench_noindex");
            ctx.Results.Add(new Figure("1 ingest", "psql \\copy into the same table without its indexes", n / bare.TotalSeconds, "rows/s", psqlRate, n / bare.TotalSeconds / psqlRate,
                Note: "shows what index maintenance (GiST on location, unique (source, external_ref), time, category) costs; baseline: \\copy into the indexed table"));
        }

        await EmptyTableAsync(ctx);
        using var probe = await ctx.Http.GetAsync($"{ctx.BaseUrl}/api/imports");
        var hasImports = probe.StatusCode != HttpStatusCode.NotFound;
        var (elapsed, stored, path) = hasImports ? await ViaImportsAsync(ctx) : await ViaBatchAsync(ctx);
        var apiRate = stored / elapsed.TotalSeconds;
        ctx.Results.Say($"API ({path}): {stored:N0} rows in {elapsed.TotalSeconds:0.0} s");
        var ratio = apiRate / psqlRate;
        var rateTarget = ctx.Results.Scale == "1m" ? " and ≥ 100,000 rows/s at 1 M" : "";
        ctx.Results.Add(new Figure("1 ingest", $"API {path}", apiRate, "rows/s", psqlRate, ratio, $"≥ 0.6 of psql \\copy{rateTarget}",
            ratio >= 0.6 && (ctx.Results.Scale != "1m" || apiRate >= 100_000),
            hasImports ? "binary COPY into staging, validation, INSERT … ON CONFLICT" : "PLACEHOLDER: /api/imports not available in this build; JSON batches of 10,000 through /api/observations/batch"));

        var count = await ctx.ScalarAsync<long>("SELECT count(*) FROM observations");
        if (count != n)
        {
            ctx.Results.Say($"the API stored {count:N0} of {n:N0} rows; reloading with psql for the other measurements");
            await EmptyTableAsync(ctx);
            await ctx.PsqlAsync(["-c", $"\\copy observations ({TableColumns}) FROM '{DataSet.TableCsv(ctx)}' WITH (FORMAT csv)"], timeout: TimeSpan.FromMinutes(30));
        }
        var sw = Stopwatch.StartNew();
        await ctx.ExecAsync("VACUUM (ANALYZE) observations");
        ctx.Results.Say($"VACUUM ANALYZE in {sw.Elapsed.TotalSeconds:0.0} s; table {await ctx.ScalarAsync<string>("SELECT pg_size_pretty(pg_total_relation_size('observations'))")} with indexes");
    }

    private static async Task EmptyTableAsync(BenchContext ctx)
    {
        await ctx.ExecAsync("TRUNCATE observations RESTART IDENTITY");
        await ctx.ExecAsync("CHECKPOINT");
    }

    /// <summary>POST /api/imports?wait=true with CSV bodies of <see cref="ImportChunkRows"/> rows.
    /// Only the requests are timed; cutting the file into bodies is the client's work.</summary>
    private static async Task<(TimeSpan, long, string)> ViaImportsAsync(BenchContext ctx)
    {
        var elapsed = TimeSpan.Zero;
        long inserted = 0;
        foreach (var body in Chunks(DataSet.ApiCsv(ctx), ImportChunkRows))
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("text/csv") { CharSet = "utf-8" };
            var sw = Stopwatch.StartNew();
            using var response = await ctx.Http.PostAsync($"{ctx.BaseUrl}/api/imports?wait=true&source=bench", content);
            var text = await response.Content.ReadAsStringAsync();
            elapsed += sw.Elapsed;
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"import: {(int)response.StatusCode} {text[..Math.Min(500, text.Length)]}");
            var report = JsonDocument.Parse(text).RootElement;
            inserted += report.GetProperty("inserted").GetInt64();
            if (report.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
                ctx.Results.Say($"import reported errors: {errors.ToString()[..Math.Min(300, errors.ToString().Length)]}");
        }
        return (elapsed, inserted, "POST /api/imports?wait=true (CSV, 100,000 rows per request)");
    }

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

    /// <summary>The placeholder until /api/imports lands: JSON batches through /api/observations/batch.</summary>
    private static async Task<(TimeSpan, long, string)> ViaBatchAsync(BenchContext ctx)
    {
        var elapsed = TimeSpan.Zero;
        long created = 0;
        foreach (var body in JsonBatches(DataSet.ApiCsv(ctx)))
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            var sw = Stopwatch.StartNew();
            using var response = await ctx.Http.PostAsync($"{ctx.BaseUrl}/api/observations/batch", content);
            var text = await response.Content.ReadAsStringAsync();
            elapsed += sw.Elapsed;
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"batch: {(int)response.StatusCode} {text[..Math.Min(500, text.Length)]}");
            created += JsonDocument.Parse(text).RootElement.GetProperty("created").GetInt64();
        }
        return (elapsed, created, "POST /api/observations/batch (JSON, 10,000 per request)");
    }

    private static IEnumerable<byte[]> JsonBatches(string csv)
    {
        using var reader = new StreamReader(csv);
        reader.ReadLine();
        var buffer = new MemoryStream();
        Utf8JsonWriter? w = null;
        var count = 0;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (count == 0)
            {
                buffer.SetLength(0);
                w = new Utf8JsonWriter(buffer);
                w.WriteStartObject();
                w.WriteStartArray("observations");
            }
            var f = SplitCsv(line);
            w!.WriteStartObject();
            w.WriteString("category", f[0]);
            w.WriteNumber("longitude", double.Parse(f[1], CultureInfo.InvariantCulture));
            w.WriteNumber("latitude", double.Parse(f[2], CultureInfo.InvariantCulture));
            w.WriteString("observedAt", f[3]);
            w.WriteNumber("quantity", int.Parse(f[4], CultureInfo.InvariantCulture));
            w.WriteString("source", "bench");
            w.WriteString("externalRef", f[5]);
            if (f[6].Length > 0) w.WriteString("note", f[6]);
            w.WriteEndObject();
            if (++count == BatchRows) { yield return Finish(w, buffer); count = 0; }
        }
        if (count > 0) yield return Finish(w!, buffer);
    }

    private static byte[] Finish(Utf8JsonWriter w, MemoryStream buffer)
    {
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        w.Dispose();
        return buffer.ToArray();
    }

    /// <summary>Our own CSV: fields are quoted only when they hold a comma or quote (notes).</summary>
    public static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else sb.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(ch);
        }
        fields.Add(sb.ToString());
        return fields.ToArray();
    }
}
