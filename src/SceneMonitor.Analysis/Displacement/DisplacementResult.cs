using SceneMonitor.Analysis.Centrography;
using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Grid;
using SceneMonitor.Analysis.Hotspots;
using SceneMonitor.Analysis.Sppt;

namespace SceneMonitor.Analysis.Displacement;

/// <summary>One grid cell's counts, Gi* (z, p, bin) in both periods and its change class.</summary>
public sealed record DisplacementCell(
    CellKey Key, IReadOnlyList<PlanarPoint> Polygon, IReadOnlyList<LonLat>? PolygonLonLat,
    double CountA, double CountB, double GiA, double GiB, double PA, double PB, int BinA, int BinB,
    HotspotChangeClass Class);

/// <summary>Counts around the intervention: the target, each buffer ring and the control area.</summary>
public sealed record AreaCounts(BeforeAfter Target, IReadOnlyList<BeforeAfter> Rings, BeforeAfter? Control);

/// <summary>Areas (m²) of the target, each ring and the control: the WDD's area weights.</summary>
public sealed record AreaSizes(double Target, IReadOnlyList<double> Rings, double? Control);

public sealed record DisplacementResult(
    IReadOnlyList<DisplacementCell> Cells,
    DisplacementVectorsResult Vectors,
    EllipseResult EllipseA,
    EllipseResult EllipseB,
    CentreShiftResult CentreShift,
    AreaCounts? Counts,
    AreaSizes? Areas,
    WdqRingsResult? Wdq,
    WddResult? Wdd,
    SpptResult? Sppt,
    IReadOnlyList<string> Notes)
{
    /// <summary>Weekly series, interrupted time series and placebos, when the input had a series.</summary>
    public TimeSeries.TimeResult? Time { get; init; }
}
