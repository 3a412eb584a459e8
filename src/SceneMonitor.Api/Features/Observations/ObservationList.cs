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
/// Each page is one query whose first row already tells the page's size, so its audit line with the
/// row count is written before anything is sent (a read that cannot be audited fails); the rows are
/// then streamed from the database to the response, never held in memory as a whole.</summary>
public static class ObservationList
{
    public static async Task<Results<GeoJsonResult, ProblemHttpResult>> Handle(
        HttpRequest request, ObservationStore store, IOptions<ObservationOptions> options, Privacy privacy, Auditor audit, CancellationToken ct)
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

        // One query per page: its size is known from the first row, so the audit line with the row
        // count is written before anything is sent, and then the rows are streamed.
        var view = privacy.ViewFor(request.HttpContext.User);
        var page = await store.OpenPageAsync(filter!, after, limit, ct, view);
        try
        {
            await audit.WriteAsync(request.HttpContext, AuditActions.ReadPoints, Auditor.Query(request), page.Count, ct);
        }
        catch
        {
            await page.DisposeAsync();
            throw;
        }

        return new GeoJsonResult(async (w, token) =>
        {
            await using var _ = page;
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteStartArray("features");
            var written = 0;
            await foreach (var row in page.ReadAsync(token))
            {
                ObservationGeoJson.WriteFeature(w, row);
                if (++written % 500 == 0) await w.FlushAsync(token);
            }
            w.WriteEndArray();
            w.WriteNumber("numberReturned", written);
            if (page.More)
            {
                var next = NextLink(request, page.LastId);
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
