using SceneMonitor.Analysis.Centrography;
using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Grid;
using SceneMonitor.Analysis.Hotspots;
using SceneMonitor.Analysis.Sppt;

namespace SceneMonitor.Analysis.Displacement;

/// <summary>One grid cell's counts, Gi* (z, p, bin) in both periods, its hot-spot change class (context)
/// and its tested change (<see cref="CellChangeTest"/>: class and the adjusted p that decided).</summary>
public sealed record DisplacementCell(
    CellKey Key, IReadOnlyList<PlanarPoint> Polygon, IReadOnlyList<LonLat>? PolygonLonLat,
    double CountA, double CountB, double GiA, double GiB, double PA, double PB, int BinA, int BinB,
    HotspotChangeClass Class, CellChangeClass Change = CellChangeClass.None, double? ChangeP = null);

/// <summary>How the Gi* p-values were obtained and whether a cold spot could be found at all.</summary>
public sealed record GiSettings(int Permutations, int Seed, bool FalseDiscoveryRate, bool ColdSpotsReachable);

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
    /// <summary>The change test over the analysed cells (null when there are none).</summary>
    public CellChangeResult? CellChange { get; init; }

    public GiSettings? Gi { get; init; }

    /// <summary>Which SPPT ran (null without SPPT).</summary>
    public SpptMethod? SpptMethod { get; init; }
    /// <summary>WDQ, TNE and WDD across buffer widths and controls (<see cref="DisplacementInput.Bands"/>).</summary>
    public SensitivityResult? Sensitivity { get; init; }
    /// <summary>Weekly series, interrupted time series and placebos, when the input had a series.</summary>
    public TimeSeries.TimeResult? Time { get; init; }
}
