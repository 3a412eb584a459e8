using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Ogc;

/// <summary>GET /ogc/collections/{id}/items and /items/{featureId}. Keyset paging on the feature id
/// (`after` in the next link); for coarse readers of observations on their keyed order, with opaque
/// ids and cursors (<see cref="ObservationIds"/>). As in /api/observations, the page is measured first (row count, last
/// id, whether more follow) so its audit line is written before anything is sent; then exactly that
/// page is streamed from the database to the response. numberMatched is counted on the first page
/// only, so following next links costs no count per page.</summary>
public static class OgcItems
{
    public static async Task<IResult> List(string collectionId, HttpContext http, NpgsqlDataSource db, Privacy privacy, ObservationIds ids, Auditor audit, CancellationToken ct)
    {
        var (collection, q, refused) = Prepare(collectionId, http, privacy, ids);
        if (refused is not null) return refused;
        var s = q!.Source;
        var firstPage = !http.Request.Query.ContainsKey(OgcItemsQuery.CursorParameter);
        var page = s.Buffered ? await ReadPageAsync(q, db, firstPage, ct) : await MeasurePageAsync(q, db, firstPage, ct);
        if (collection!.AuditAction is { } action)
            await audit.WriteAsync(http, action, new { collection = collection.Id, query = Auditor.Query(http.Request) }, page.Count, ct);

        var request = http.Request;
        var collectionUrl = $"{OgcLinks.Root(request)}/collections/{collection.Id}";
        http.Response.Headers["Content-Crs"] = q.Crs.Header;
        return new GeoJsonResult(async (w, token) =>
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteString("timeStamp", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteStartArray("links");
            OgcLinks.Write(w, OgcLinks.WithParameter(request, "f", q.PlainJson ? "json" : null), "self", q.PlainJson ? OgcLinks.Json : OgcLinks.GeoJson, "this page");
            OgcLinks.Write(w, OgcLinks.WithParameter(request, "f", q.PlainJson ? null : "json"), "alternate", q.PlainJson ? OgcLinks.GeoJson : OgcLinks.Json, "this page as " + (q.PlainJson ? "GeoJSON" : "JSON"));
            if (page.More) OgcLinks.Write(w, OgcLinks.WithParameter(request, OgcItemsQuery.CursorParameter, Cursor(s, page.Last)), "next", OgcLinks.GeoJson, "next page");
            OgcLinks.Write(w, collectionUrl, "collection", OgcLinks.Json, collection.Title);
            w.WriteEndArray();
            w.WritePropertyName("features");
            var written = page.Count;
            if (page.Features is { } features) w.WriteRawValue(features.Span, skipInputValidation: true);
            else written = await StreamAsync(w, q, db, page, token);
            w.WriteNumber("numberReturned", written);
            if (page.Matched is { } m) w.WriteNumber("numberMatched", m);
            w.WriteEndObject();
        }, contentType: q.PlainJson ? OgcLinks.Json : null);
    }

    /// <summary>A page: how many features, the last one's position (the next page's cursor), whether more follow,
    /// the total (first page only) and, for buffered sources, the features already written as a JSON array.</summary>
    private sealed record Page(int Count, ObservationPosition Last, bool More, long? Matched, ReadOnlyMemory<byte>? Features = null);

    private static string Cursor(OgcSource s, ObservationPosition last) => s.KeyedOrder is { } order && s.Ids is { } ids
        ? ids.Cursor(last, order.View)
        : last.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Counts the page without reading it, so that the rows can then be streamed.</summary>
    private static async Task<Page> MeasurePageAsync(OgcItemsQuery q, NpgsqlDataSource db, bool firstPage, CancellationToken ct)
    {
        var s = q.Source;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await OgcItemsQuery.WithoutJitAsync(conn, ct);
        var total = firstPage ? $", (SELECT count(*) FROM {s.From} WHERE {q.Where})" : "";
        if (s.KeyedOrder is { } order)
        {
            await using var keyed = q.NewCommand("", conn);
            order.Bind(keyed, "ogc_after", q.After);
            keyed.CommandText = order.MeasureSql(s.From, $"{q.Where} AND {order.After("ogc_after")}", "@ogc_take", total);
            keyed.Parameters.AddWithValue("ogc_take", (long)q.Limit);
            await using var k = await keyed.ExecuteReaderAsync(ct);
            await k.ReadAsync(ct);
            var last = k.IsDBNull(2) ? q.After : new ObservationPosition(k.GetInt64(2), k.GetFieldValue<DateTimeOffset>(3));
            return new Page(k.GetInt32(0), last, k.GetBoolean(1), firstPage ? k.GetInt64(4) : null);
        }
        await using var measure = q.NewCommand($"""
            SELECT count(*)::int, coalesce(max(id) FILTER (WHERE n <= @ogc_take), @ogc_after){total}
            FROM (SELECT {s.Id} AS id, row_number() OVER (ORDER BY {s.Id}) AS n FROM {s.From}
                  WHERE {q.Where} AND {s.Id} > @ogc_after ORDER BY {s.Id} LIMIT @ogc_take + 1) page
            """, conn);
        measure.Parameters.AddWithValue("ogc_take", q.Limit);
        measure.Parameters.AddWithValue("ogc_after", q.After.Id);
        await using var r = await measure.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var count = r.GetInt32(0);
        return new Page(Math.Min(count, q.Limit), q.After with { Id = r.GetInt64(1) }, count > q.Limit, firstPage ? r.GetInt64(2) : null);
    }

    private static async Task<int> StreamAsync(System.Text.Json.Utf8JsonWriter w, OgcItemsQuery q, NpgsqlDataSource db, Page page, CancellationToken ct)
    {
        var s = q.Source;
        w.WriteStartArray();
        var written = 0;
        if (page.Count > 0)
        {
            var order = s.KeyedOrder;
            await using var read = await q.ReadFeaturesAsync(db, (select, from) => order is null
                ? $"SELECT {select} FROM {from} WHERE {q.Where} AND {s.Id} > @ogc_after AND {s.Id} <= @ogc_upto ORDER BY {s.Id} LIMIT @ogc_take"
                : $"SELECT {select} FROM {from} WHERE {q.Where} AND {order.After("ogc_after")} AND {order.UpTo("ogc_upto")} ORDER BY {order.OrderBy} LIMIT @ogc_take", ct);
            var cmd = read.Command;
            if (order is not null)
            {
                order.Bind(cmd, "ogc_after", q.After);
                order.Bind(cmd, "ogc_upto", page.Last);
            }
            else
            {
                cmd.Parameters.AddWithValue("ogc_after", q.After.Id);
                cmd.Parameters.AddWithValue("ogc_upto", page.Last.Id);
            }
            cmd.Parameters.AddWithValue("ogc_take", q.Limit);
            // Whole rows buffered (not SequentialAccess): the writer's synchronous getters never wait on the socket.
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                OgcFeatureWriter.Write(w, r, s, q.Crs);
                written++;
                await GeoJsonResult.FlushWhenFullAsync(w, ct);
            }
        }
        w.WriteEndArray();
        return written;
    }

    /// <summary>For sources that are expensive to evaluate (the grid aggregates every observation), one
    /// query reads the page, one row beyond it and the total, and the features are held (at most
    /// 10,000 small polygons) until the audit line is written.</summary>
    private static async Task<Page> ReadPageAsync(OgcItemsQuery q, NpgsqlDataSource db, bool firstPage, CancellationToken ct)
    {
        var s = q.Source;
        await using var read = await q.ReadFeaturesAsync(db, (select, from) =>
            $"SELECT {select}, count(*) OVER () FROM {from} WHERE {q.Where} AND {s.Id} > @ogc_after ORDER BY {s.Id} LIMIT @ogc_take + 1", ct);
        var cmd = read.Command;
        cmd.Parameters.AddWithValue("ogc_after", q.After.Id);
        cmd.Parameters.AddWithValue("ogc_take", q.Limit);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        int count = 0, rows = 0;
        long lastId = q.After.Id, remaining = 0;
        await using (var w = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                rows++;
                remaining = r.GetInt64(r.FieldCount - 1);
                if (rows > q.Limit) break;
                OgcFeatureWriter.Write(w, r, s, q.Crs);
                lastId = r.GetInt64(0);
                count++;
            }
            w.WriteEndArray();
        }
        return new Page(count, q.After with { Id = lastId }, rows > q.Limit, firstPage ? remaining : null, buffer.WrittenMemory);
    }

    /// <summary>The collection, if the caller may read it, and the parsed query on the caller's view of the data.</summary>
    private static (OgcCollection? Collection, OgcItemsQuery? Query, IResult? Refused) Prepare(string collectionId, HttpContext http, Privacy privacy, ObservationIds ids)
    {
        var (collection, refused) = OgcAccess.Resolve(collectionId, http.User);
        if (refused is not null) return (null, null, refused);
        var view = privacy.ViewFor(http.User);
        var planner = http.User.IsPlanner() && collection!.HasTime;
        if (planner && http.Request.Query["datetime"].FirstOrDefault() is { } dt && OgcTime.TryParse(dt, out var time, out _)
            && OgcPlannerTime.Check(time, privacy.Granularity) is { } tooFine)
            return (null, null, Privacy.Refuse(new("datetime", tooFine)));
        var (query, problem) = OgcItemsQuery.Parse(http.Request.Query, collection!,
            (time, cmd) => collection!.Source(new OgcSourceContext(view, planner ? OgcPlannerTime.Adjust(time, privacy.Granularity) : time, cmd, privacy.MinCount, ids)));
        return (collection, query, problem);
    }

    public static async Task<IResult> One(string collectionId, string featureId, HttpContext http, NpgsqlDataSource db, Privacy privacy, ObservationIds ids, Auditor audit, CancellationToken ct)
    {
        // Only crs and f apply to one feature; the filters of the list do not.
        if (http.Request.Query.Keys.FirstOrDefault(k => k is not ("crs" or "f")) is { } unknown)
            return Problems.BadRequest(unknown, "is not a parameter of a single feature; allowed: crs, f");
        var (collection, q, refused) = Prepare(collectionId, http, privacy, ids);
        if (refused is not null) return refused;
        var s = q!.Source;
        // Coarse readers name observations only by their opaque id (a numeric one is not found).
        var parsed = s.KeyedOrder is { } order ? ids.Read(featureId, order.View)
            : long.TryParse(featureId, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        if (parsed is not { } id)
            return Problems.NotFound($"Feature '{featureId}' of {collection!.Id}");

        await using var read = await q.ReadFeaturesAsync(db, (select, from) => $"SELECT {select} FROM {from} WHERE {q.Where} AND {s.Id} = @ogc_id", ct);
        var cmd = read.Command;
        cmd.Parameters.AddWithValue("ogc_id", id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var found = await r.ReadAsync(ct);
        if (collection!.AuditAction is { } action)
            await audit.WriteAsync(http, action, new { collection = collection.Id, id }, found ? 1 : 0, ct);
        if (!found) return Problems.NotFound($"Feature '{featureId}' of {collection.Id}");

        // The row is small: buffer it so the connection closes before the response is written.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        await using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
            OgcFeatureWriter.Write(w, r, s, q.Crs);
        http.Response.Headers["Content-Crs"] = q.Crs.Header;
        var feature = buffer.WrittenMemory;
        var collectionUrl = $"{OgcLinks.Root(http.Request)}/collections/{collection.Id}";
        return new GeoJsonResult((w, _) =>
        {
            // The feature as written, with links added before its closing brace.
            var json = System.Text.Json.Nodes.JsonNode.Parse(feature.Span)!.AsObject();
            json["links"] = new System.Text.Json.Nodes.JsonArray(
                OgcLinks.Link(OgcLinks.WithParameter(http.Request, "f", null), "self", OgcLinks.GeoJson),
                OgcLinks.Link(collectionUrl, "collection", OgcLinks.Json, collection.Title));
            json.WriteTo(w);
            return Task.CompletedTask;
        }, contentType: q.PlainJson ? OgcLinks.Json : null);
    }
}
