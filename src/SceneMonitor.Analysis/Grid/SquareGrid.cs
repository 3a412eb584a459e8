using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Grid;

/// <summary>
/// Squares of side <c>size</c>: cell (i, j) spans [i·size, (i+1)·size) × [j·size, (j+1)·size),
/// as PostGIS ST_SquareGrid / ST_Square with origin (0, 0).
/// </summary>
public sealed class SquareGrid(double size) : CellGrid(size)
{
    private static readonly (int Di, int Dj)[] QueenOffsets =
        [(1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1)];

    public override GridKind Kind => GridKind.Square;
    public override double NeighbourDistance => Size;

    // Diagonal neighbours sit at size·√2; 1 % slack absorbs rounding.
    public override double AdjacencyBand => Size * Math.Sqrt(2) * 1.01;

    public override CellKey CellOf(double x, double y) =>
        new((int)Math.Floor(x / Size), (int)Math.Floor(y / Size));

    public override PlanarPoint Centre(CellKey key) => new((key.I + 0.5) * Size, (key.J + 0.5) * Size);

    public override IReadOnlyList<PlanarPoint> Polygon(CellKey key)
    {
        double x0 = key.I * Size, y0 = key.J * Size, x1 = x0 + Size, y1 = y0 + Size;
        return [new(x0, y0), new(x1, y0), new(x1, y1), new(x0, y1), new(x0, y0)];
    }

    public override IReadOnlyList<CellKey> Neighbours(CellKey key) =>
        QueenOffsets.Select(o => new CellKey(key.I + o.Di, key.J + o.Dj)).ToArray();
}
