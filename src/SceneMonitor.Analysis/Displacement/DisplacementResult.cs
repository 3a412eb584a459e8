using SceneMonitor.Analysis.Centrography;
using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Grid;
using SceneMonitor.Analysis.Hotspots;

namespace SceneMonitor.Analysis.Displacement;

/// <summary>One grid cell's counts, Gi* (z, p, bin) in both periods and its change class.</summary>
public sealed record DisplacementCell(
    CellKey Key, IReadOnlyList<PlanarPoint> Polygon, IReadOnlyList<LonLat>? PolygonLonLat,
    double CountA, double CountB, double GiA, double GiB, double PA, double PB, int BinA, int BinB,
    HotspotChangeClass Class);

/// <summary>
/// Counts around the intervention: the target, each buffer ring, the control area and the ring
/// of the same outer width around the control (the WDD's displacement control).
/// </summary>
public sealed record AreaCounts(BeforeAfter Target, IReadOnlyList<BeforeAfter> Rings, BeforeAfter? Control, BeforeAfter? ControlBuffer);

public sealed record DisplacementResult(
    IReadOnlyList<DisplacementCell> Cells,
    DisplacementVectorsResult Vectors,
    EllipseResult EllipseA,
    EllipseResult EllipseB,
    CentreShiftResult CentreShift,
    AreaCounts? Counts,
    WdqRingsResult? Wdq,
    WddResult? Wdd,
    IReadOnlyList<string> Notes);
