namespace SceneMonitor.Analysis.Density;

/// <summary>
/// A square-cell raster in metres. Values are row-major from the bottom-left cell:
/// index = row · Columns + column; cell (column, row) spans
/// [OriginX + column·CellSize, +CellSize) × [OriginY + row·CellSize, +CellSize).
/// </summary>
public sealed record DensityRaster(double OriginX, double OriginY, double CellSize, int Columns, int Rows, double[] Values)
{
    public double CentreX(int column) => OriginX + (column + 0.5) * CellSize;
    public double CentreY(int row) => OriginY + (row + 0.5) * CellSize;
    public double this[int column, int row] => Values[row * Columns + column];
}

/// <summary>One period's density surface; <see cref="Total"/> is the sum of cell values.</summary>
public sealed record KdeResult(DensityRaster? Density, double Total, string? Note);

/// <summary>
/// Two periods on one raster and the difference of the normalised surfaces
/// (each divided by its own total, then B − A): positive where B's share of activity is higher.
/// </summary>
public sealed record DualKdeResult(KdeResult A, KdeResult B, DensityRaster? NormalisedDifference, string? Note);
