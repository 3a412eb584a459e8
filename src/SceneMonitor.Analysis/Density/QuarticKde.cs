using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Density;

/// <summary>
/// Kernel density with the quartic (biweight) kernel (docs/methods.md, "KDE"):
/// K(d) = 3/(π h²) · (1 − d²/h²)² for d &lt; h, 0 beyond; the kernel integrates to 1 over the plane,
/// so a cell value Σ wᵢ K(dᵢ) (distance from each point to the cell centre) is events per m².
/// The raster covers the points' bounding box grown by h, with its origin snapped to multiples of
/// the cell size so that rasters of different periods line up.
/// </summary>
public static class QuarticKde
{
    /// <summary>Upper limit on raster cells, to keep a single request bounded in time and memory.</summary>
    public const int MaxCells = 1_000_000;

    public static KdeResult Estimate(IReadOnlyList<PlanarPoint> points, double bandwidth, double cellSize)
    {
        Validate(bandwidth, cellSize);
        if (points.Count == 0) return new KdeResult(null, 0, "No points: no density surface.");
        var raster = EmptyRaster(points, bandwidth, cellSize, out string? note);
        if (raster is null) return new KdeResult(null, 0, note);
        Accumulate(raster, points, bandwidth);
        return new KdeResult(raster, raster.Values.Sum(), null);
    }

    /// <summary>Both periods on a common raster, and the normalised difference B − A.</summary>
    public static DualKdeResult Dual(IReadOnlyList<PlanarPoint> periodA, IReadOnlyList<PlanarPoint> periodB, double bandwidth, double cellSize)
    {
        Validate(bandwidth, cellSize);
        var all = periodA.Concat(periodB).ToArray();
        if (all.Length == 0)
        {
            var none = new KdeResult(null, 0, "No points: no density surface.");
            return new DualKdeResult(none, none, null, "Neither period has points.");
        }
        var rasterA = EmptyRaster(all, bandwidth, cellSize, out string? note);
        if (rasterA is null)
        {
            var none = new KdeResult(null, 0, note);
            return new DualKdeResult(none, none, null, note);
        }
        var rasterB = rasterA with { Values = new double[rasterA.Values.Length] };
        Accumulate(rasterA, periodA, bandwidth);
        Accumulate(rasterB, periodB, bandwidth);
        double totalA = rasterA.Values.Sum(), totalB = rasterB.Values.Sum();

        // A period without density contributes a zero surface; the difference is then the other's share.
        var difference = new double[rasterA.Values.Length];
        for (int k = 0; k < difference.Length; k++)
            difference[k] = (totalB > 0 ? rasterB.Values[k] / totalB : 0) - (totalA > 0 ? rasterA.Values[k] / totalA : 0);
        string? dualNote = totalA > 0 && totalB > 0 ? null
            : $"Period {(totalA > 0 ? "B" : "A")} has no points: its normalised surface is taken as zero.";
        return new DualKdeResult(
            new KdeResult(rasterA, totalA, totalA > 0 ? null : "No points in this period."),
            new KdeResult(rasterB, totalB, totalB > 0 ? null : "No points in this period."),
            rasterA with { Values = difference }, dualNote);
    }

    /// <summary>The quartic kernel value at distance d for bandwidth h.</summary>
    public static double Kernel(double distance, double bandwidth)
    {
        if (distance >= bandwidth) return 0;
        double u = 1 - distance * distance / (bandwidth * bandwidth);
        return 3.0 / (Math.PI * bandwidth * bandwidth) * u * u;
    }

    private static void Validate(double bandwidth, double cellSize)
    {
        if (!(bandwidth > 0) || double.IsInfinity(bandwidth)) throw new ArgumentException("Bandwidth must be a positive number of metres.", nameof(bandwidth));
        if (!(cellSize > 0) || double.IsInfinity(cellSize)) throw new ArgumentException("Cell size must be a positive number of metres.", nameof(cellSize));
    }

    /// <summary>How many cells the raster for these points would have (callers can refuse huge requests first).</summary>
    public static double CellCount(IReadOnlyList<PlanarPoint> points, double bandwidth, double cellSize)
    {
        Validate(bandwidth, cellSize);
        if (points.Count == 0) return 0;
        var (_, _, columns, rows) = Extent(points, bandwidth, cellSize);
        return columns * rows;
    }

    private static (double MinX, double MinY, double Columns, double Rows) Extent(IReadOnlyList<PlanarPoint> points, double bandwidth, double cellSize)
    {
        double minX = Math.Floor((points.Min(p => p.X) - bandwidth) / cellSize) * cellSize;
        double minY = Math.Floor((points.Min(p => p.Y) - bandwidth) / cellSize) * cellSize;
        double columns = Math.Ceiling((points.Max(p => p.X) + bandwidth - minX) / cellSize);
        double rows = Math.Ceiling((points.Max(p => p.Y) + bandwidth - minY) / cellSize);
        return (minX, minY, columns, rows);
    }

    private static DensityRaster? EmptyRaster(IReadOnlyList<PlanarPoint> points, double bandwidth, double cellSize, out string? note)
    {
        var (minX, minY, columns, rows) = Extent(points, bandwidth, cellSize);
        if (columns * rows > MaxCells)
        {
            note = $"The raster would have {columns * rows:0} cells (limit {MaxCells}): use a larger cell size.";
            return null;
        }
        note = null;
        return new DensityRaster(minX, minY, cellSize, (int)columns, (int)rows, new double[(int)(columns * rows)]);
    }

    // Each point adds its kernel to the cells whose centres lie within h: a box of cells around it.
    private static void Accumulate(DensityRaster raster, IEnumerable<PlanarPoint> points, double bandwidth)
    {
        foreach (var p in points)
        {
            int c0 = Math.Max(0, (int)Math.Floor((p.X - bandwidth - raster.OriginX) / raster.CellSize));
            int c1 = Math.Min(raster.Columns - 1, (int)Math.Floor((p.X + bandwidth - raster.OriginX) / raster.CellSize));
            int r0 = Math.Max(0, (int)Math.Floor((p.Y - bandwidth - raster.OriginY) / raster.CellSize));
            int r1 = Math.Min(raster.Rows - 1, (int)Math.Floor((p.Y + bandwidth - raster.OriginY) / raster.CellSize));
            for (int r = r0; r <= r1; r++)
            for (int c = c0; c <= c1; c++)
            {
                double d = Planar.Distance(p.X, p.Y, raster.CentreX(c), raster.CentreY(r));
                raster.Values[r * raster.Columns + c] += p.Weight * Kernel(d, bandwidth);
            }
        }
    }
}
