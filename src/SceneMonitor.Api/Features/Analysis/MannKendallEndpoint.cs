using SceneMonitor.Analysis.Statistics;

namespace SceneMonitor.Api.Features.Analysis;

/// <summary>POST /api/analysis/mann-kendall: trend test on a series of numbers.</summary>
public static class MannKendallEndpoint
{
    public sealed record Request(IReadOnlyList<double>? Series);

    public sealed record Response(double S, double Var, double Z, double P, double Tau, int N, string? Note);

    public static Task<IResult> Handle(HttpRequest http, CancellationToken ct) => AnalysisRequest.Run<Request>(http, ct, Validate);

    private static Func<IResult> Validate(Request request, FieldErrors errors)
    {
        if (request.Series is not { } series) errors.Add("series", "is required: an array of numbers");
        else if (series.Count > AnalysisLimits.MaxSeries) errors.Add("series", $"has {series.Count} values; the limit is {AnalysisLimits.MaxSeries}");
        return () =>
        {
            var r = MannKendall.Test(request.Series!);
            return TypedResults.Ok(new Response(r.S, r.Variance, r.Z, r.P, r.Tau, r.N, r.Note));
        };
    }
}
