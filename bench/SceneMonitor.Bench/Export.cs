using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace SceneMonitor.Bench;

/// <summary>2. GeoJSON export of every stored observation: all pages of GET /api/observations (and of
/// the OGC items endpoint when present) against psql writing the same features with ST_AsGeoJSON,
/// with the API's resident memory watched while it streams.</summary>
public static class Export
{
    /// <summary>The features the list endpoint writes (same properties), one per line.</summary>
    private const string PsqlGeoJson = """
        \copy (SELECT ST_AsGeoJSON(t.*, 'location', 7) FROM (SELECT o.id, c.code AS category, to_char(o.observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "observedAt", o.quantity, o.source, o.organisation, o.note, o.location FROM observations o JOIN categories c ON c.id = o.category_id WHERE NOT o.retracted ORDER BY o.id) t) TO STDOUT
        """;

    public static async Task RunAsync(BenchContext ctx, long n)
    {
        // Same warm start for both: the table has just been read by VACUUM; read it once more.
        await ctx.ScalarAsync<long>("SELECT count(*) FROM observations");
        var (psql, psqlBytes, _) = await ctx.PsqlAsync(["-c", PsqlGeoJson], timeout: TimeSpan.FromMinutes(20));
        var psqlRate = n / psql.TotalSeconds;
        ctx.Results.Say($"psql ST_AsGeoJSON: {n:N0} features, {psqlBytes / 1e6:0} MB in {psql.TotalSeconds:0.0} s");

        await MeasureAsync(ctx, n, psqlRate, "GET /api/observations (all pages, limit=10000)", $"{ctx.BaseUrl}/api/observations?limit=10000");
        using var probe = await ctx.Http.GetAsync($"{ctx.BaseUrl}/ogc/collections/observations/items?limit=1");
        if (probe.StatusCode == HttpStatusCode.OK)
            await MeasureAsync(ctx, n, psqlRate, "GET /ogc/collections/observations/items (all pages, limit=10000)", $"{ctx.BaseUrl}/ogc/collections/observations/items?limit=10000");
        else
            ctx.Results.Say($"OGC items endpoint not available in this build ({(int)probe.StatusCode}); not measured");
        using var probe2 = await ctx.Http.GetAsync($"{ctx.BaseUrl}/api/exports/observations?from=2000-01-01&to=2000-01-02");
        if (probe2.StatusCode == HttpStatusCode.OK) await MeasureDownloadAsync(ctx, n, psqlRate);
        else ctx.Results.Say($"download endpoint /api/exports/observations: {(int)probe2.StatusCode}; not measured");
    }

    /// <summary>The download endpoint: the whole collection in one streamed response; features are
    /// counted on the fly without keeping the body.</summary>
    private static async Task MeasureDownloadAsync(BenchContext ctx, long n, double psqlRate)
    {
        const string name = "GET /api/exports/observations (one streamed file)";
        var marker = "\"type\":\"Feature\""u8.ToArray();
        long features = 0, bytes = 0;
        using (var warm = await ctx.Http.GetAsync($"{ctx.BaseUrl}/api/exports/observations?limit=1&from=2024-01-01&to=2024-04-01"))
            await warm.Content.ReadAsByteArrayAsync();
        var sw = Stopwatch.StartNew();
        await using var rss = new RssSampler(ctx.AppPid);
        using (var response = await ctx.Http.GetAsync($"{ctx.BaseUrl}/api/exports/observations", HttpCompletionOption.ResponseHeadersRead))
        {
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[1 << 16];
            var carry = 0;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(carry))) > 0)
            {
                bytes += read;
                var span = buffer.AsSpan(0, carry + read);
                for (var at = span.IndexOf(marker); at >= 0; at = span.IndexOf(marker))
                {
                    features++;
                    span = span[(at + marker.Length)..];
                }
                // Keep a marker's length of tail, in case one straddles two reads.
                carry = Math.Min(span.Length, marker.Length - 1);
                span[^carry..].CopyTo(buffer);
            }
        }
        sw.Stop();
        var peakMb = rss.PeakKb / 1024.0;
        var rate = features / sw.Elapsed.TotalSeconds;
        ctx.Results.Say($"{name}: {features:N0} features, {bytes / 1e6:0} MB in {sw.Elapsed.TotalSeconds:0.0} s; API RSS {rss.StartKb / 1024.0:0} MB before, peak {peakMb:0} MB");
        if (features != n) ctx.Results.Say($"WARNING: {name} returned {features:N0} features, expected {n:N0}");
        ctx.Results.Add(new Figure("2 export", name, rate, "features/s", psqlRate, rate / psqlRate, "≥ 0.7 of psql", rate / psqlRate >= 0.7));
        ctx.Results.Add(new Figure("2 export", $"{name}: API peak RSS", peakMb, "MB", Target: "< 500 MB while streaming", Met: peakMb < 500));
    }

    private static async Task MeasureAsync(BenchContext ctx, long n, double psqlRate, string name, string firstUrl)
    {
        // Warm-up, as for the other items: three pages, so .NET's tiered JIT has compiled the path
        // (a 1 M export lasts only seconds; without this its first pages ran unoptimised code).
        var warm = firstUrl;
        for (var i = 0; i < 3 && warm is not null; i++)
        {
            using var response = await ctx.Http.GetAsync(warm);
            var (_, next) = Scan(await response.Content.ReadAsByteArrayAsync());
            warm = next is null ? null : next.StartsWith("http", StringComparison.Ordinal) ? next : ctx.BaseUrl + next;
        }
        long features = 0, bytes = 0, pages = 0;
        var sw = Stopwatch.StartNew();
        await using (var rss = new RssSampler(ctx.AppPid))
        {
            var buffer = new MemoryStream(1 << 22);
            for (var url = firstUrl; url is not null; pages++)
            {
                using var response = await ctx.Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                buffer.SetLength(0);
                await (await response.Content.ReadAsStreamAsync()).CopyToAsync(buffer);
                bytes += buffer.Length;
                var (returned, next) = Scan(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
                features += returned;
                url = next is null ? null : next.StartsWith("http", StringComparison.Ordinal) ? next : ctx.BaseUrl + next;
            }
            sw.Stop();
            var peakMb = rss.PeakKb / 1024.0;
            ctx.Results.Say($"{name}: {features:N0} features, {pages} pages, {bytes / 1e6:0} MB in {sw.Elapsed.TotalSeconds:0.0} s; API RSS {rss.StartKb / 1024.0:0} MB before, peak {peakMb:0} MB");
            if (features != n) ctx.Results.Say($"WARNING: {name} returned {features:N0} features, expected {n:N0}");
            var rate = features / sw.Elapsed.TotalSeconds;
            ctx.Results.Add(new Figure("2 export", name, rate, "features/s", psqlRate, rate / psqlRate, "≥ 0.7 of psql", rate / psqlRate >= 0.7));
            ctx.Results.Add(new Figure("2 export", $"{name}: API peak RSS", peakMb, "MB", Target: "< 500 MB while streaming", Met: peakMb < 500,
                Note: $"RSS {rss.StartKb / 1024.0:0} MB before the export"));
        }
    }

    /// <summary>Reads numberReturned and the next link (list: "next"; OGC: links rel=next) of a page.</summary>
    private static (long Returned, string? Next) Scan(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        long returned = 0;
        string? next = null;
        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "numberReturned": returned = reader.GetInt64(); break;
                case "next" when reader.TokenType == JsonTokenType.String: next = reader.GetString(); break;
                case "links" when reader.TokenType == JsonTokenType.StartArray:
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        string? rel = null, href = null;
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            var p = reader.GetString();
                            reader.Read();
                            if (p == "rel") rel = reader.GetString();
                            else if (p == "href") href = reader.GetString();
                            else reader.Skip();
                        }
                        if (rel == "next") next ??= href;
                    }
                    break;
                default: reader.Skip(); break;
            }
        }
        return (returned, next);
    }
}
