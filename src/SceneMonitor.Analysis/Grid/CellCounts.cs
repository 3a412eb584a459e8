using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Grid;

/// <summary>Counting points into grid cells, per period.</summary>
public static class CellCounts
{
    /// <summary>Sum of point weights per cell; cells without points are absent.</summary>
    public static Dictionary<CellKey, double> Count(CellGrid grid, IEnumerable<PlanarPoint> points)
    {
        var counts = new Dictionary<CellKey, double>();
        foreach (var p in points)
        {
            var key = grid.CellOf(p);
            counts[key] = counts.GetValueOrDefault(key) + p.Weight;
        }
        return counts;
    }

    /// <summary>
    /// Counts per cell for several periods: each value array has one entry per period (0 where the
    /// cell had no point in that period). Keys are the cells with a point in at least one period.
    /// </summary>
    public static Dictionary<CellKey, double[]> CountPerPeriod(CellGrid grid, IReadOnlyList<IEnumerable<PlanarPoint>> periods)
    {
        var counts = new Dictionary<CellKey, double[]>();
        for (int t = 0; t < periods.Count; t++)
        {
            foreach (var p in periods[t])
            {
                var key = grid.CellOf(p);
                if (!counts.TryGetValue(key, out var row)) counts[key] = row = new double[periods.Count];
                row[t] += p.Weight;
            }
        }
        return counts;
    }
}
