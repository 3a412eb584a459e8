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
    /// Connected components of the given cells under the grid's adjacency (hexagons: shared edge;
    /// squares: shared edge or corner). Deterministic: cells and clusters come in (i, j) order.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<CellKey>> Connected(CellGrid grid, IEnumerable<CellKey> cells)
    {
        var remaining = new SortedSet<CellKey>(cells, Comparer<CellKey>.Create((a, b) => a.I != b.I ? a.I.CompareTo(b.I) : a.J.CompareTo(b.J)));
        var clusters = new List<IReadOnlyList<CellKey>>();
        while (remaining.Count > 0)
        {
            var start = remaining.Min;
            remaining.Remove(start);
            var cluster = new List<CellKey> { start };
            var queue = new Queue<CellKey>([start]);
            while (queue.Count > 0)
            {
                foreach (var neighbour in grid.Neighbours(queue.Dequeue()))
                {
                    if (!remaining.Remove(neighbour)) continue;
                    cluster.Add(neighbour);
                    queue.Enqueue(neighbour);
                }
            }
            cluster.Sort((a, b) => a.I != b.I ? a.I.CompareTo(b.I) : a.J.CompareTo(b.J));
            clusters.Add(cluster);
        }
        return clusters;
    }
}
