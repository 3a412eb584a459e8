using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.GeoJson;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Observations;

/// <summary>GET /api/observations: streams a FeatureCollection page by page. Paging is keyset on id
/// (`after`), never OFFSET, so page cost does not grow with depth and rows are visited exactly once.
/// The page is measured (count, last id) before anything is sent, so that its audit line with the
/// row count is written first (a read that cannot be audited fails); the rows are then streamed
/// from the database to the response, never held in memory as a whole.</summary>
public static class ObservationList
{
    public static async Task<Results<GeoJsonResult, ProblemHttpResult>> Handle(
        HttpRequest request, ObservationStore store, Auditor audit, IOptions<ObservationOptions> options, Privacy privacy,
        [FromKeyedServices(MapReads.Key)] ObservationStore mapStore, [FromKeyedServices(MapReads.Key)] Auditor mapAudit, CancellationToken ct)
    {
        var (filter, problem) = FilterParser.Parse(request.Query);
        if (problem is not null) return problem;

        var limit = options.Value.DefaultLimit;
        if (request.Query.TryGetValue("limit", out var limitText) &&
            (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > options.Value.MaxLimit))
            return Problems.BadRequest("limit", $"must be a whole number from 1 to {options.Value.MaxLimit}");

        long after = 0;
        if (request.Query.TryGetValue("after", out var afterText) &&
            (!long.TryParse(afterText, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
            return Problems.BadRequest("after", "must be the id from a previous page's 'next' link");

        // The audit line, with the row count, is written before anything is sent. A page of up to
        // BufferedPageLimit rows (what the map asks for) is read in one query on the map's own pool
        // (Program.cs) and held while the audit line is written; a larger page (if MaxLimit is raised
        // beyond it) is measured first and then streamed, so memory per request stays bounded either way.
        var view = privacy.ViewFor(request.HttpContext.User);
        IAsyncEnumerable<ObservationRow> rows;
        int count;
        long lastId;
        bool more;
        if (limit <= ObservationStore.BufferedPageLimit)
        {
            var (page, hasMore) = await mapStore.ReadPageAsync(filter!, after, limit, ct, view);
            (count, lastId, more) = (page.Count, page.Count > 0 ? page[^1].Id : after, hasMore);
            rows = page.ToAsyncEnumerable();
            await mapAudit.WriteAsync(request.HttpContext, AuditActions.ReadPoints, Auditor.Query(request), count, ct);
        }
        else
        {
            (count, lastId, more) = await store.PageAsync(filter!, after, limit, ct, view);
            rows = count > 0 ? store.QueryAsync(filter!, after, limit, request.HttpContext.RequestAborted, view, upToId: lastId) : AsyncEnumerable.Empty<ObservationRow>();
            await audit.WriteAsync(request.HttpContext, AuditActions.ReadPoints, Auditor.Query(request), count, ct);
        }

        return new GeoJsonResult(async (w, token) =>
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteStartArray("features");
            var written = 0;
            await foreach (var row in rows.WithCancellation(token))
            {
                ObservationGeoJson.WriteFeature(w, row);
                written++;
                await GeoJsonResult.FlushWhenFullAsync(w, token);
            }
            w.WriteEndArray();
            w.WriteNumber("numberReturned", written);
            if (more)
            {
                var next = NextLink(request, lastId);
                w.WriteString("next", next);
                w.WriteStartArray("links");
                w.WriteStartObject();
                w.WriteString("rel", "next");
                w.WriteString("type", ObservationGeoJson.MediaType);
                w.WriteString("href", next);
                w.WriteEndObject();
                w.WriteEndArray();
            }
            w.WriteEndObject();
        });
    }

    private static string NextLink(HttpRequest request, long lastId)
    {
        var query = request.Query.Where(kv => kv.Key != "after")
            .SelectMany(kv => kv.Value.Select(v => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Append($"after={lastId.ToString(CultureInfo.InvariantCulture)}");
        return $"{request.PathBase}{request.Path}?{string.Join('&', query)}";
    }
}
