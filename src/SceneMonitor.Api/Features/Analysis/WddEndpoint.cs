using SceneMonitor.Analysis.Displacement;

namespace SceneMonitor.Api.Features.Analysis;

/// <summary>POST /api/analysis/wdd: Weighted Displacement Difference with standard error and 95 % interval.</summary>
public static class WddEndpoint
{
    public sealed record WeightsInput(double? Treated, double? Control, double? Displacement, double? DisplacementControl, double? Before, double? After);

    public sealed record Request(CountsInput? Treated, CountsInput? Control, CountsInput? Displacement, CountsInput? DisplacementControl, WeightsInput? Weights);

    public sealed record Response(double Local, double Displacement, double Total, double Variance, double Se,
        double? Z, double? P, double CiLow, double CiHigh, string? Note);

    public static Task<IResult> Handle(HttpRequest http, CancellationToken ct) => AnalysisRequest.Run<Request>(http, ct, Validate);

    private static Func<IResult> Validate(Request request, FieldErrors errors)
    {
        var treated = CountsInput.Read(request.Treated, "treated", errors);
        var control = CountsInput.Read(request.Control, "control", errors);
        BeforeAfter? displacement = request.Displacement is null ? null : CountsInput.Read(request.Displacement, "displacement", errors);
        BeforeAfter? displacementControl = request.DisplacementControl is null ? null : CountsInput.Read(request.DisplacementControl, "displacementControl", errors);
        var weights = ReadWeights(request.Weights, errors);
        return () =>
        {
            return TypedResults.Ok(ToResponse(Wdd.Compute(treated, control, displacement, displacementControl, weights)));
        };
    }

    public static Response ToResponse(WddResult r) => new(r.Local, r.Displacement, r.Total, r.Variance, r.Se, r.Z, r.P, r.CiLow, r.CiHigh, r.Note);

    private static WddWeights? ReadWeights(WeightsInput? input, FieldErrors errors)
    {
        if (input is null) return null;
        double Weight(double? value, string name) =>
            value is null ? 1 : errors.Number(value, $"weights.{name}", 1e-6, 1e6, "a positive weight");
        return new WddWeights(Weight(input.Treated, "treated"), Weight(input.Control, "control"),
            Weight(input.Displacement, "displacement"), Weight(input.DisplacementControl, "displacementControl"),
            Weight(input.Before, "before"), Weight(input.After, "after"));
    }
}
