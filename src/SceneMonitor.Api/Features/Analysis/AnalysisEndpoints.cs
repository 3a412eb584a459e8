using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;

namespace SceneMonitor.Api.Features.Analysis;

/// <summary>
/// Stateless analysis endpoints: everything they need is in the request body, nothing is read
/// from or written to the database. Unreadable JSON gives 400, input that breaks a rule 422, both
/// naming the field;
/// degenerate data gives 200 with a note (never NaN).
/// </summary>
public static class AnalysisEndpoints
{
    public static IEndpointRouteBuilder MapAnalysisEndpoints(this IEndpointRouteBuilder app)
    {
        // Not for planners (these take and return points); audited like every analysis.
        var group = app.MapGroup("/api/analysis").WithTags("Analysis").RequireAuthorization(Policies.Analyse).AddEndpointFilter(AuditAsync);
        group.MapPost("/wdq", WdqEndpoint.Handle).Accepts<WdqEndpoint.Request>("application/json")
            .WithSummary("Weighted Displacement Quotient (Bowers & Johnson 2003) for one buffer or several rings.");
        group.MapPost("/wdd", WddEndpoint.Handle).Accepts<WddEndpoint.Request>("application/json")
            .WithSummary("Weighted Displacement Difference (Wheeler & Ratcliffe 2018) with standard error and 95 % interval.");
        group.MapPost("/mann-kendall", MannKendallEndpoint.Handle).Accepts<MannKendallEndpoint.Request>("application/json")
            .WithSummary("Mann-Kendall trend test with ties correction.");
        group.MapPost("/sppt", SpptEndpoint.Handle).Accepts<SpptEndpoint.Request>("application/json")
            .WithSummary("Spatial Point Pattern Test over areal units: Andresen's resampling test or proportion differences.");
        group.MapPost("/gistar", GiStarEndpoint.Handle).Accepts<GiStarEndpoint.Request>("application/json")
            .WithSummary("Getis-Ord Gi* for point features with a numeric value property; returns the features with gi, p and bin.");
        group.MapPost("/ellipse", EllipseEndpoint.Handle).Accepts<EllipseEndpoint.Request>("application/json")
            .WithSummary("Mean centre and standard deviational ellipse of point features.");
        group.MapPost("/kde", KdeEndpoint.Handle).Accepts<KdeEndpoint.Request>("application/json")
            .WithSummary("Quartic kernel density on square cells, optionally against a second period (normalised difference).");
        group.MapPost("/displacement", DisplacementEndpoint.Handle).Accepts<DisplacementEndpoint.Request>("application/json")
            .WithSummary("Two-period displacement analysis of point features: cells with Gi* and change class, vectors between hot spot clusters, ellipses, centre shift, and with target/control polygons the WDQ per ring and the WDD.");
        return app;
    }

    /// <summary>An "analysis" audit line (method, path, query) before the run: these compute on the
    /// points the caller brings, not on stored observations, but every analysis is on record.</summary>
    private static async ValueTask<object?> AuditAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        await http.RequestServices.GetRequiredService<Auditor>()
            .WriteAsync(http, AuditActions.Analysis, Auditor.Query(http.Request), null, http.RequestAborted);
        return await next(context);
    }
}
