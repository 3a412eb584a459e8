using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Grid;

/// <summary>
/// Flat-topped hexagons with edge length <c>size</c>, laid out exactly as PostGIS ST_HexagonGrid
/// (postgis/lwgeom_generate_grid.c): the centre of cell (i, j) is
/// x = 1.5·size·i, y = √3·size·(j + 0.5·(|i| mod 2)); odd columns are shifted up half a row.
/// Internally we convert to axial coordinates (q = i, r = j − (i − (i AND 1))/2), where rounding a
/// point to its hexagon and listing neighbours are simple.
/// </summary>
public sealed class HexagonGrid(double size) : CellGrid(size)
{
    private static readonly double Sqrt3 = Math.Sqrt(3);

    // Axial directions of the six edge neighbours.
    private static readonly (int Dq, int Dr)[] AxialDirections = [(1, 0), (1, -1), (0, -1), (-1, 0), (-1, 1), (0, 1)];

    // Corner offsets in units of size, in PostGIS's order (counter-clockwise from the west corner).
    private static readonly double[] CornerX = [-1.0, -0.5, 0.5, 1.0, 0.5, -0.5, -1.0];
    private static readonly double[] CornerY = [0.0, -0.5, -0.5, 0.0, 0.5, 0.5, 0.0];

    public override GridKind Kind => GridKind.Hexagon;
    public override double NeighbourDistance => Sqrt3 * Size;

    // The next ring of hexagons starts at 3·size; √3·size with 1 % slack reaches only the six neighbours.
    public override double AdjacencyBand => Sqrt3 * Size * 1.01;

    public override PlanarPoint Centre(CellKey key) =>
        new(1.5 * Size * key.I, Sqrt3 * Size * (key.J + 0.5 * (Math.Abs(key.I) % 2)));

    public override IReadOnlyList<PlanarPoint> Polygon(CellKey key)
    {
        var c = Centre(key);
        double height = Sqrt3 * Size;
        var ring = new PlanarPoint[7];
        for (int k = 0; k < 7; k++)
            ring[k] = new PlanarPoint(c.X + Size * CornerX[k], c.Y + height * CornerY[k]);
        return ring;
    }

    public override CellKey CellOf(double x, double y)
    {
        // Fractional axial coordinates, then the usual cube-coordinate rounding (Red Blob Games):
        // round all three, then fix the one that moved most so that q + r + s = 0 again.
        double q = x / (1.5 * Size);
        double r = y / (Sqrt3 * Size) - q / 2;
        double s = -q - r;
        double rq = Math.Round(q), rr = Math.Round(r), rs = Math.Round(s);
        double dq = Math.Abs(rq - q), dr = Math.Abs(rr - r), ds = Math.Abs(rs - s);
        if (dq > dr && dq > ds) rq = -rr - rs;
        else if (dr > ds) rr = -rq - rs;
        return FromAxial((int)rq, (int)rr);
    }

    public override IReadOnlyList<CellKey> Neighbours(CellKey key)
    {
        var (q, r) = ToAxial(key);
        return AxialDirections.Select(d => FromAxial(q + d.Dq, r + d.Dr)).ToArray();
    }

    // (i AND 1) is 1 for odd columns also when i is negative (two's complement), matching |i| mod 2.
    private static (int Q, int R) ToAxial(CellKey key) => (key.I, key.J - (key.I - (key.I & 1)) / 2);

    private static CellKey FromAxial(int q, int r) => new(q, r + (q - (q & 1)) / 2);
}
