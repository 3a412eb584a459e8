using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;

namespace SceneMonitor.Api.Features.Ogc;

/// <summary>GET /ogc/collections/{id}/items and /items/{featureId}. Keyset paging on the feature id
/// (`after` in the next link). As in /api/observations, the page is measured first (row count, last
/// id, whether more follow) so its audit line is written before anything is sent; then exactly that
/// page is streamed from the database to the response. numberMatched is counted on the first page
/// only, so following next links costs no count per page.</summary>
public static class OgcItems
{
    public static async Task<IResult> List(string collectionId, HttpContext http, NpgsqlDataSource db, Privacy privacy, Auditor audit, CancellationToken ct)
    {
        var (collection, q, refused) = Prepare(collectionId, http, privacy);
        if (refused is not null) return refused;
        var s = q!.Source;
        var firstPage = !http.Request.Query.ContainsKey(OgcItemsQuery.CursorParameter);

        int count;
        long lastId;
        long? matched = null;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            var total = firstPage ? $", (SELECT count(*) FROM {s.From} WHERE {q.Where})" : "";
            await using var measure = q.NewCommand($"""
                SELECT count(*)::int, coalesce(max(id) FILTER (WHERE n <= @ogc_take), @ogc_after){total}
                FROM (SELECT {s.Id} AS id, row_number() OVER (ORDER BY {s.Id}) AS n FROM {s.From}
                      WHERE {q.Where} AND {s.Id} > @ogc_after ORDER BY {s.Id} LIMIT @ogc_take + 1) page
                """, conn);
            measure.Parameters.AddWithValue("ogc_take", q.Limit);
            measure.Parameters.AddWithValue("ogc_after", q.After);
            await using var r = await measure.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            (count, lastId) = (r.GetInt32(0), r.GetInt64(1));
            if (firstPage) matched = r.GetInt64(2);
        }
        var more = count > q.Limit;
        count = Math.Min(count, q.Limit);
        if (collection!.AuditAction is { } action)
            await audit.WriteAsync(http, action, new { collection = collection.Id, query = Auditor.Query(http.Request) }, count, ct);

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
            if (more) OgcLinks.Write(w, OgcLinks.WithParameter(request, OgcItemsQuery.CursorParameter, lastId.ToString(CultureInfo.InvariantCulture)), "next", OgcLinks.GeoJson, "next page");
            OgcLinks.Write(w, collectionUrl, "collection", OgcLinks.Json, collection.Title);
            w.WriteEndArray();
            w.WriteStartArray("features");
            var written = 0;
            if (count > 0)
            {
                await using var conn = await db.OpenConnectionAsync(token);
                await using var cmd = q.NewCommand("", conn);
                var (select, extraFrom) = OgcFeatureWriter.Select(s, q.Crs, cmd);
                cmd.CommandText = $"SELECT {select} FROM {s.From}{extraFrom} WHERE {q.Where} AND {s.Id} > @ogc_after AND {s.Id} <= @ogc_upto ORDER BY {s.Id} LIMIT @ogc_take";
                cmd.Parameters.AddWithValue("ogc_after", q.After);
                cmd.Parameters.AddWithValue("ogc_upto", lastId);
                cmd.Parameters.AddWithValue("ogc_take", q.Limit);
                await using var r = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, token);
                while (await r.ReadAsync(token))
                {
                    OgcFeatureWriter.Write(w, r, s, q.Crs);
                    if (++written % 500 == 0) await w.FlushAsync(token);
                }
            }
            w.WriteEndArray();
            w.WriteNumber("numberReturned", written);
            if (matched is { } m) w.WriteNumber("numberMatched", m);
            w.WriteEndObject();
        }, contentType: q.PlainJson ? OgcLinks.Json : null);
    }

    /// <summary>The collection, if the caller may read it, and the parsed query on the caller's view of the data.</summary>
    private static (OgcCollection? Collection, OgcItemsQuery? Query, IResult? Refused) Prepare(string collectionId, HttpContext http, Privacy privacy)
    {
        var (collection, refused) = OgcAccess.Resolve(collectionId, http.User);
        if (refused is not null) return (null, null, refused);
        var view = privacy.ViewFor(http.User);
        var (query, problem) = OgcItemsQuery.Parse(http.Request.Query, collection!,
            (time, cmd) => collection!.Source(new OgcSourceContext(view, time, cmd, privacy.MinCount)));
        return (collection, query, problem);
    }

    public static async Task<IResult> One(string collectionId, string featureId, HttpContext http, NpgsqlDataSource db, Privacy privacy, Auditor audit, CancellationToken ct)
    {
        // Only crs and f apply to one feature; the filters of the list do not.
        if (http.Request.Query.Keys.FirstOrDefault(k => k is not ("crs" or "f")) is { } unknown)
            return Problems.BadRequest(unknown, "is not a parameter of a single feature; allowed: crs, f");
        var (collection, q, refused) = Prepare(collectionId, http, privacy);
        if (refused is not null) return refused;
        var s = q!.Source;
        if (!long.TryParse(featureId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return Problems.NotFound($"Feature '{featureId}' of {collection!.Id}");

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = q.NewCommand("", conn);
        var (select, extraFrom) = OgcFeatureWriter.Select(s, q.Crs, cmd);
        cmd.CommandText = $"SELECT {select} FROM {s.From}{extraFrom} WHERE {q.Where} AND {s.Id} = @ogc_id";
        cmd.Parameters.AddWithValue("ogc_id", id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var found = await r.ReadAsync(ct);
        if (collection!.AuditAction is { } action)
            await audit.WriteAsync(http, action, new { collection = collection.Id, id }, found ? 1 : 0, ct);
        if (!found) return Problems.NotFound($"Feature {id} of {collection.Id}");

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
