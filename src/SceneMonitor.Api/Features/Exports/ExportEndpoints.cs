using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;

namespace SceneMonitor.Api.Features.Exports;

/// <summary>File downloads of a whole filter or a saved analysis, named after what produced them and
/// the date. Aggregated counts (for every role) are /api/aggregates/grid and /api/aggregates/areas
/// with format=geojson|csv.</summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/exports").WithTags("Exports");
        group.MapGet("/observations", ObservationExport.Handle).RequireAuthorization(Policies.Points)
            .WithQuery(FilterParser.Parameters, [ExportFile.FormatParameter])
            .WithSummary("Every observation of a filter (same filters as /api/observations, no paging) as GeoJSON or format=csv (id, longitude, latitude, ...), streamed; shaped for the reader's role and audited.");
        group.MapGet("/analyses/{id:guid}", AnalysisExport.Handle).RequireAuthorization(Policies.Analyse)
            .WithQuery([ExportFile.FormatParameter, OpenApiQuery.Text("layer", $"One of {string.Join(", ", AnalysisExport.Layers)} (default cells).")])
            .WithSummary("One layer (cells, vectors, ellipses, centres, target) of a saved analysis as GeoJSON or format=csv with WKT geometry.");
        return app;
    }
}
