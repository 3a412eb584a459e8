using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Grid;
using SceneMonitor.Analysis.Hotspots;
using SceneMonitor.Analysis.Projection;
using SceneMonitor.Analysis.Sppt;

namespace SceneMonitor.Analysis.Displacement;

/// <summary>Which cells take part in the Gi* computation.</summary>
public enum CellUniverse
{
    /// <summary>
    /// Every cell over the bounding box of both periods' points, empty ones included (zeros are
    /// information for counts: a hot spot is high relative to its quiet surroundings).
    /// </summary>
    BoundingBox,

    /// <summary>Only cells with at least one point in either period (ESRI Emerging Hot Spot's default).</summary>
    OccupiedCells,

    /// <summary>The cells in <see cref="DisplacementInput.Cells"/> (every cell of a study area).</summary>
    Given,
}

/// <summary>A cell of a study area and whether a sweep (observation effort) covered it in either period.</summary>
public sealed record StudyCell(CellKey Key, bool SweptA = false, bool SweptB = false);

/// <summary>Counts and areas (m²) of target, buffer rings and control measured elsewhere (e.g. in
/// PostGIS over stored data), when the points of the whole control are not at hand.</summary>
public sealed record ZoneCounts(BeforeAfter Target, double TargetArea, IReadOnlyList<BeforeAfter> Rings, IReadOnlyList<double> RingAreas,
    BeforeAfter Control, double ControlArea);

/// <summary>Which SPPT: the proportion-difference test with BY adjustment (the default, Wheeler,
/// Steenbeek &amp; Andresen 2018) or Andresen's resampling test (liberal; kept as an option).</summary>
public enum SpptMethod { Proportion, Resample }

/// <summary>SPPT over areal units (e.g. neighbourhoods); samples, percent and seed serve the resampling test.</summary>
public sealed record SpptInput(SpptCounts Counts, int Samples = 200, int Percent = 85, int Seed = 1, SpptMethod Method = SpptMethod.Proportion);

/// <summary>
/// Input of <see cref="DisplacementAnalysis.Run"/>: two periods of points in metric coordinates
/// (weights = counts per point) and the analysis settings. Defaults (docs/methods.md, "The displacement
/// analysis"): hexagons of 150 m, neighbours = adjacent cells, Gi* with 999 conditional permutations
/// (seed 1) and FDR, rings of 0–250 and 250–500 m around the
/// target for posted points (stored data: four rings to 1 000 m, "Catchment"), vectors up to 2 km.
/// </summary>
public sealed record DisplacementInput(IReadOnlyList<PlanarPoint> PeriodA, IReadOnlyList<PlanarPoint> PeriodB)
{
    public GridKind GridKind { get; init; } = GridKind.Hexagon;

    /// <summary>Cell size in metres (hexagon edge length, as PostGIS ST_HexagonGrid's size).</summary>
    public double CellSize { get; init; } = 150;

    /// <summary>Gi* neighbourhood; null = adjacent cells (a band reaching exactly the grid neighbours).</summary>
    public Neighbourhood? Neighbourhood { get; init; }

    /// <summary>BH false-discovery-rate correction of the Gi* p-values before binning (on by default).</summary>
    public bool FalseDiscoveryRate { get; init; } = true;

    /// <summary>Conditional permutations for the Gi* pseudo p-values; 0 = normal approximation.</summary>
    public int GiPermutations { get; init; } = 999;

    /// <summary>Seed of the Gi* permutations (each period starts from it), so a run can be repeated.</summary>
    public int Seed { get; init; } = 1;

    public CellUniverse Universe { get; init; } = CellUniverse.BoundingBox;

    /// <summary>With <see cref="CellUniverse.Given"/>: the cells to analyse.</summary>
    public IReadOnlyList<StudyCell>? Cells { get; init; }

    /// <summary>Compare only the given cells swept in both periods (when there are any).</summary>
    public bool OnlySweptCells { get; init; }

    /// <summary>Counts measured elsewhere; when null they are counted from the periods' points.</summary>
    public ZoneCounts? Zones { get; init; }

    public SpptInput? Sppt { get; init; }

    /// <summary>Counts per distance band around the target (measured once, e.g. in PostGIS); when
    /// given, the result holds the sensitivity table (<see cref="Displacement.Sensitivity"/>).</summary>
    public CatchmentBands? Bands { get; init; }

    /// <summary>Weekly counts of the zones over the whole series: enables the interrupted time series
    /// and the placebo-in-time test (<see cref="TimeSeries.TimeAnalysis"/>).</summary>
    public TimeSeries.WeeklyZoneCounts? Series { get; init; }

    /// <summary>Intervention target area; with <see cref="Control"/> it enables the WDQ and WDD.</summary>
    public PlanarPolygon? Target { get; init; }

    public PlanarPolygon? Control { get; init; }

    /// <summary>Outer edges (metres from the target boundary) of the buffer rings, increasing.</summary>
    public IReadOnlyList<double> RingDistances { get; init; } = [250, 500];

    public double MaxLinkDistance { get; init; } = DisplacementVectors.DefaultMaxDistance;

    /// <summary>When given, vectors and cells also get lon/lat coordinates.</summary>
    public MetricProjection? Projection { get; init; }
}
