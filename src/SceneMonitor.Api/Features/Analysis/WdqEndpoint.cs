using SceneMonitor.Analysis.Displacement;

namespace SceneMonitor.Api.Features.Analysis;

/// <summary>POST /api/analysis/wdq: Weighted Displacement Quotient from counts (one buffer or several rings).</summary>
public static class WdqEndpoint
{
    public sealed record Request(CountsInput? Target, CountsInput? Buffer, IReadOnlyList<CountsInput?>? Rings, CountsInput? Control);

    public sealed record Response(
        double? SuccessMeasure, double? BufferDisplacementMeasure, double? Wdq, double? TotalNetEffect,
        double? GrossEffect, double? NetEffect, string Interpretation, WdqInterpretation InterpretationCode, string? Reason);

    public sealed record RingsResponse(Response AllRings, IReadOnlyList<Response> Rings);

    public static Task<IResult> Handle(HttpRequest http, CancellationToken ct) => AnalysisRequest.Run<Request>(http, ct, Validate);

    private static Func<IResult> Validate(Request request, FieldErrors errors)
    {
        var target = CountsInput.Read(request.Target, "target", errors);
        var control = CountsInput.Read(request.Control, "control", errors);
        if (request.Rings is { } rings)
        {
            if (request.Buffer is not null) errors.Add("rings", "give either buffer or rings, not both");
            if (rings.Count is 0 or > AnalysisLimits.MaxRings) errors.Add("rings", $"must hold 1 to {AnalysisLimits.MaxRings} rings");
            var ringCounts = rings.Select((r, k) => CountsInput.Read(r, $"rings[{k}]", errors)).ToArray();
            return () =>
            {
                var result = Wdq.ComputeRings(target, ringCounts, control);
                return TypedResults.Ok(new RingsResponse(ToResponse(result.AllRings), result.Rings.Select(ToResponse).ToArray()));
            };
        }
        var buffer = CountsInput.Read(request.Buffer, "buffer", errors);
        return () => TypedResults.Ok(ToResponse(Wdq.Compute(target, buffer, control)));
    }

    private static Response ToResponse(WdqResult r) => new(r.SuccessMeasure, r.BufferDisplacementMeasure, r.Wdq,
        r.TotalNetEffect, r.GrossEffect, r.NetEffect, r.Interpretation, r.InterpretationCode, r.Reason);
}
