using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Grid;

/// <summary>
/// A regular tessellation of the plane (metres) anchored at origin (0, 0), keyed by <see cref="CellKey"/>.
/// </summary>
public abstract class CellGrid
{
    protected CellGrid(double size)
    {
        if (!(size > 0) || double.IsInfinity(size)) throw new ArgumentException("Cell size must be a positive number of metres.", nameof(size));
        Size = size;
    }

    /// <summary>
    /// The size parameter as PostGIS takes it: the side of a square, or the edge length (= centre to
    /// corner distance) of a hexagon.
    /// </summary>
    public double Size { get; }

    public abstract GridKind Kind { get; }

    /// <summary>Centre-to-centre distance of two adjacent cells (edge neighbours).</summary>
    public abstract double NeighbourDistance { get; }

    /// <summary>A distance band that reaches exactly the cells of <see cref="Neighbours"/> (plus the cell itself).</summary>
    public abstract double AdjacencyBand { get; }

    public static CellGrid Create(GridKind kind, double size) => kind switch
    {
        GridKind.Hexagon => new HexagonGrid(size),
        GridKind.Square => new SquareGrid(size),
        _ => throw new ArgumentException($"Unknown grid kind {kind}.", nameof(kind)),
    };

    /// <summary>The cell containing the point (points on a shared edge go to one of the cells).</summary>
    public abstract CellKey CellOf(double x, double y);

    public CellKey CellOf(PlanarPoint p) => CellOf(p.X, p.Y);

    public abstract PlanarPoint Centre(CellKey key);

    /// <summary>The cell outline as a closed counter-clockwise ring (first point repeated last).</summary>
    public abstract IReadOnlyList<PlanarPoint> Polygon(CellKey key);

    /// <summary>The cells sharing an edge (hexagon: 6) or an edge or corner (square, queen contiguity: 8).</summary>
    public abstract IReadOnlyList<CellKey> Neighbours(CellKey key);

    /// <summary>Every cell whose centre lies in the box grown by one cell size on each side.</summary>
    public IEnumerable<CellKey> CellsCovering(double minX, double minY, double maxX, double maxY)
    {
        double pad = Size;
        var low = CellOf(minX - pad, minY - pad);
        var high = CellOf(maxX + pad, maxY + pad);
        for (int i = low.I - 1; i <= high.I + 1; i++)
        for (int j = low.J - 1; j <= high.J + 1; j++)
        {
            var key = new CellKey(i, j);
            var c = Centre(key);
            if (c.X >= minX - pad && c.X <= maxX + pad && c.Y >= minY - pad && c.Y <= maxY + pad)
                yield return key;
        }
    }
}
