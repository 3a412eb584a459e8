using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.GeoJson;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Observations;

/// <summary>GET /api/observations: streams a FeatureCollection page by page. Paging is keyset (`after`)
/// in the reader's order (<see cref="ObservationOrder"/>: id for exact readers; hour, keyed hash for
/// coarse readers, who get opaque ids and cursors from <see cref="ObservationIds"/>), never OFFSET, so page cost does not grow with depth and rows are visited exactly once.
/// The page is measured (count, last id) before anything is sent, so that its audit line with the
/// row count is written first (a read that cannot be audited fails); the rows are then streamed
/// from the database to the response, never held in memory as a whole.</summary>
public static class ObservationList
{
    public static readonly QueryParameter[] Parameters =
    [
        OpenApiQuery.Whole("limit", "Features per page (default and maximum: Observations:DefaultLimit, MaxLimit)."),
        OpenApiQuery.Text("after", "The cursor from the previous page's 'next' link."),
    ];

    public static async Task<Results<GeoJsonResult, ProblemHttpResult>> Handle(
        HttpRequest request, ObservationStore store, Auditor audit, IOptions<ObservationOptions> options, Privacy privacy, ObservationIds ids,
        [FromKeyedServices(MapReads.Key)] ObservationStore mapStore, [FromKeyedServices(MapReads.Key)] Auditor mapAudit, CancellationToken ct)
    {
        var (filter, problem) = FilterParser.Parse(request.Query);
        if (problem is not null) return problem;

        var limit = options.Value.DefaultLimit;
        if (request.Query.TryGetValue("limit", out var limitText) &&
            (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > options.Value.MaxLimit))
            return Problems.BadRequest("limit", $"must be a whole number from 1 to {options.Value.MaxLimit}");

        var view = privacy.ViewFor(request.HttpContext.User);
        var after = ObservationPosition.Start;
        if (request.Query.TryGetValue("after", out var afterText))
        {
            if (ids.ReadCursor(afterText.ToString(), view) is not { } cursor)
                return Problems.BadRequest("after", "must be the value from a previous page's 'next' link");
            after = cursor;
        }
        long? seed = view.IsExact ? null : ids.OrderSeed;

        // The audit line, with the row count, is written before anything is sent. A page of up to
        // BufferedPageLimit rows (what the map asks for) is read in one query on the map's own pool
        // (Program.cs) and held while the audit line is written; a larger page (if MaxLimit is raised
        // beyond it) is measured first and then streamed, so memory per request stays bounded either way.
        IAsyncEnumerable<ObservationRow> rows;
        int count;
        ObservationPosition last;
        bool more;
        if (limit <= ObservationStore.BufferedPageLimit)
        {
            var (page, hasMore) = await mapStore.ReadPageAsync(filter!, after, limit, ct, view, seed);
            (count, last, more) = (page.Count, page.Count > 0 ? ObservationPosition.Of(page[^1]) : after, hasMore);
            rows = page.ToAsyncEnumerable();
            await mapAudit.WriteAsync(request.HttpContext, AuditActions.ReadPoints, Auditor.Query(request), count, ct);
        }
        else
        {
            (count, last, more) = await store.PageAsync(filter!, after, limit, ct, view, seed);
            rows = count > 0 ? store.QueryAsync(filter!, after, limit, request.HttpContext.RequestAborted, view, upTo: last, orderSeed: seed) : AsyncEnumerable.Empty<ObservationRow>();
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
                ObservationGeoJson.WriteFeature(w, row, ids.OpaqueFor(row.Id, view));
                written++;
                await GeoJsonResult.FlushWhenFullAsync(w, token);
            }
            w.WriteEndArray();
            w.WriteNumber("numberReturned", written);
            if (more)
            {
                var next = NextLink(request, ids.Cursor(last, view));
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

    private static string NextLink(HttpRequest request, string cursor)
    {
        var query = request.Query.Where(kv => kv.Key != "after")
            .SelectMany(kv => kv.Value.Select(v => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Append($"after={Uri.EscapeDataString(cursor)}");
        return $"{request.PathBase}{request.Path}?{string.Join('&', query)}";
    }
}
