namespace SceneMonitor.Core.Observations;

/// <summary>The grid of the map's viewport index: cells of 0.01° × 0.01° (about 700 m × 1.1 km in
/// Belgium), numbered by an integer computed from the stored lon/lat. ix_observations_cell is on
/// (cell, category_id, observed_at) and carries the columns a map page reads, so a viewport (a bbox,
/// a window, some categories) is one short range scan per cell and category that reads only matching
/// index entries: not every point of the bbox over all years (as a GiST index on location did), nor
/// every row of the window (time index), nor a table page per point. bench/notes.md, "Viewport".</summary>
public static class ViewportCells
{
    private const int PerDegree = 100, LonOffset = 180 * PerDegree, LatOffset = 90 * PerDegree, Stride = 20000;

    /// <summary>The cell of a point, in SQL over the generated lon/lat columns of <paramref name="alias"/>.
    /// Must stay the expression of the index (migration ViewportCellIndex) for the index to be used.</summary>
    public static string Sql(string alias) =>
        $"((floor({alias}.lon * {PerDegree})::int + {LonOffset}) * {Stride} + (floor({alias}.lat * {PerDegree})::int + {LatOffset}))";

    /// <summary>Beyond this many cells (a bbox larger than a city: the Brussels region is about 400
    /// cells) the bbox selects most of a city's rows and is tested row by row instead.</summary>
    public const int MaxCells = 600;

    /// <summary>The cells a bbox overlaps, or null when there are more than <see cref="MaxCells"/>.
    /// floor(x·100) is computed as in SQL (IEEE doubles), and it never decreases as x grows, so every
    /// point inside the bbox lies in one of these cells, points on its edges included.</summary>
    public static int[]? Covering(double minLon, double minLat, double maxLon, double maxLat)
    {
        int x0 = Floor(minLon), x1 = Floor(maxLon), y0 = Floor(minLat), y1 = Floor(maxLat);
        if (x1 < x0 || y1 < y0 || (long)(x1 - x0 + 1) * (y1 - y0 + 1) > MaxCells) return null;
        var cells = new int[(x1 - x0 + 1) * (y1 - y0 + 1)];
        var n = 0;
        for (var x = x0; x <= x1; x++)
            for (var y = y0; y <= y1; y++)
                cells[n++] = (x + LonOffset) * Stride + (y + LatOffset);
        return cells;
    }

    private static int Floor(double degrees) => (int)Math.Floor(Math.Clamp(degrees, -180, 180) * PerDegree);
}
