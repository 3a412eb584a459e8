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
    CellChangeSummary? CellChange = null,
    GiSummary? Gi = null)
{
    /// <summary>The conclusion in plain words, NL/FR/EN (<see cref="VerdictService"/>).</summary>
    public Verdict? Verdict { get; init; }
    /// <summary>Rings, control start, gap and the control used (stored data only).</summary>
    public CatchmentSummary? Catchment { get; init; }
    /// <summary>WDQ, TNE and WDD across buffer widths and controls (stored data only).</summary>
    public SensitivitySummary? Sensitivity { get; init; }
    /// <summary>Weekly counts of the zones over the whole series (DisplacementTimeSummary.cs).</summary>
    public TimelineSummary? Timeline { get; init; }
    public ItsPair? Its { get; init; }
    public PlaceboPair? Placebo { get; init; }
}

public sealed record CentreShiftSummary(double? Distance, double? Bearing, string? Note);

public sealed record WdqRing(double Inner, double Outer, int Before, int After, double? SuccessMeasure, double? BufferDisplacementMeasure,
    double? Wdq, double? TotalNetEffect, string InterpretationCode, string Interpretation);

public sealed record WdqSummary(WdqRing AllRings, IReadOnlyList<WdqRing> Rings, int ControlBefore, int ControlAfter);

public sealed record WddSummary(double Local, double Displacement, double Total, double Se, double? Z, double? P, double CiLow, double CiHigh,
    double ControlWeight, string? Note);

/// <summary>Method "proportion" (with Adjustment "BY") or "resample" (Adjustment null).</summary>
public sealed record SpptSummary(double? GlobalS, double? RobustS, int Units, string Method, string? Note, string? Adjustment = null);

/// <summary>The change test per cell (docs/methods.md, "Change per cell") and how many cells fall in each class.</summary>
public sealed record CellChangeSummary(string Test, string Adjustment, double Alpha, double? ExpectedShare, int Increase, int Decrease, int None);

/// <summary>How Gi* p-values were obtained; PValues "permutation" or "normal".</summary>
public sealed record GiSummary(string PValues, int Permutations, int Seed, bool Fdr, bool ColdSpotsReachable, string? Note);
