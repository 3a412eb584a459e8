using System.Text.Json.Nodes;

namespace SceneMonitor.Api.Features.Displacement;

/// <summary>What the displacement view shows. GeoJSON parts are FeatureCollections in lon/lat.</summary>
public sealed record DisplacementResult(
    Guid Id,
    DateTimeOffset CreatedAt,
    JsonObject Parameters,
    JsonObject Cells,
    JsonObject Vectors,
    JsonObject Ellipses,
    JsonObject Centres,
    JsonObject Target,
    DisplacementSummary Summary);

public sealed record DisplacementSummary(
    int CountBefore,
    int CountAfter,
    int? TargetBefore,
    int? TargetAfter,
    CentreShiftSummary CentreShift,
    WdqSummary? Wdq,
    WddSummary? Wdd,
    SpptSummary? Sppt,
    IReadOnlyDictionary<string, int> ClassCounts,
    IReadOnlyList<string> Notes,
    Verdict? Verdict = null);

public sealed record CentreShiftSummary(double? Distance, double? Bearing, string? Note);

public sealed record WdqRing(double Inner, double Outer, int Before, int After, double? SuccessMeasure, double? BufferDisplacementMeasure,
    double? Wdq, double? TotalNetEffect, string InterpretationCode, string Interpretation);

public sealed record WdqSummary(WdqRing AllRings, IReadOnlyList<WdqRing> Rings, int ControlBefore, int ControlAfter);

public sealed record WddSummary(double Local, double Displacement, double Total, double Se, double? Z, double? P, double CiLow, double CiHigh,
    double ControlWeight, string? Note);

public sealed record SpptSummary(double? GlobalS, double? RobustS, int Units, string Method, string? Note);
