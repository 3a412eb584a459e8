using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Grid;
using SceneMonitor.Analysis.Hotspots;
using SceneMonitor.Analysis.Projection;

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
}

/// <summary>
/// Input of <see cref="DisplacementAnalysis.Run"/>: two periods of points in metric coordinates
/// (weights = counts per point) and the analysis settings. Defaults follow design.md: hexagons of
/// 150 m, neighbours = adjacent cells, rings of 0–250 and 250–500 m around the target, vectors up to 2 km.
/// </summary>
public sealed record DisplacementInput(IReadOnlyList<PlanarPoint> PeriodA, IReadOnlyList<PlanarPoint> PeriodB)
{
    public GridKind GridKind { get; init; } = GridKind.Hexagon;

    /// <summary>Cell size in metres (hexagon edge length, as PostGIS ST_HexagonGrid's size).</summary>
    public double CellSize { get; init; } = 150;

    /// <summary>Gi* neighbourhood; null = adjacent cells (a band reaching exactly the grid neighbours).</summary>
    public Neighbourhood? Neighbourhood { get; init; }

    public bool FalseDiscoveryRate { get; init; }

    public CellUniverse Universe { get; init; } = CellUniverse.BoundingBox;

    /// <summary>Intervention target area; with <see cref="Control"/> it enables the WDQ and WDD.</summary>
    public PlanarPolygon? Target { get; init; }

    public PlanarPolygon? Control { get; init; }

    /// <summary>Outer edges (metres from the target boundary) of the buffer rings, increasing.</summary>
    public IReadOnlyList<double> RingDistances { get; init; } = [250, 500];

    public double MaxLinkDistance { get; init; } = DisplacementVectors.DefaultMaxDistance;

    /// <summary>When given, vectors and cells also get lon/lat coordinates.</summary>
    public MetricProjection? Projection { get; init; }

    public WddWeights? WddWeights { get; init; }
}
