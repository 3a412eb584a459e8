using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Grid;

namespace SceneMonitor.Analysis.Displacement;

/// <summary>
/// A set of connected grid cells. <see cref="Centroid"/> is the unweighted mean of the cell
/// centres (so it stays inside the cluster's footprint however counts are spread);
/// counts are summed over the cells.
/// </summary>
public sealed record HotspotCluster(int Id, IReadOnlyList<CellKey> Cells, PlanarPoint Centroid, double CountA, double CountB)
{
    /// <summary>Events lost from A to B (0 if the cluster did not lose any).</summary>
    public double Loss => Math.Max(0, CountA - CountB);

    /// <summary>Events gained from A to B (0 if the cluster did not gain any).</summary>
    public double Gain => Math.Max(0, CountB - CountA);
}

public static class HotspotClusters
{
    /// <summary>
    /// Clusters of changed cells as the basins of their change: each cell points to its neighbour (grid
    /// adjacency: hexagons shared edge, squares edge or corner) in the set with the largest change,
    /// when that is larger than its own (equal changes: the lower (i, j) wins, so no cycle); following
    /// the pointers ends at a local peak, and the cells reaching the same peak form one cluster.
    /// Unlike plain connected components, two places joined by a thin band of small changes stay two
    /// clusters (in the demo one cell rising 0 → 13 would otherwise join Lemonnier and Hallepoort).
    /// Deterministic: cells and clusters come in (i, j) order (clusters by their first cell).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<CellKey>> Basins(CellGrid grid, IReadOnlyDictionary<CellKey, double> change)
    {
        var order = Comparer<CellKey>.Create((a, b) => a.I != b.I ? a.I.CompareTo(b.I) : a.J.CompareTo(b.J));
        // (change, then the lower key) decides which of two cells is higher
        bool Higher(CellKey a, CellKey b) => change[a] > change[b] || (change[a] == change[b] && order.Compare(a, b) < 0);

        var up = new Dictionary<CellKey, CellKey>();
        foreach (var cell in change.Keys)
        {
            var best = cell;
            foreach (var neighbour in grid.Neighbours(cell))
                if (change.ContainsKey(neighbour) && Higher(neighbour, best)) best = neighbour;
            up[cell] = best;
        }
        CellKey Peak(CellKey cell)
        {
            while (!up[cell].Equals(cell)) cell = up[cell];
            return cell;
        }
        return change.Keys.GroupBy(Peak)
            .Select(g => (IReadOnlyList<CellKey>)g.OrderBy(k => k, order).ToList())
            .OrderBy(c => c[0], order)
            .ToList();
    }
}
