using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Grid;
using SceneMonitor.Analysis.Hotspots;
using SceneMonitor.Analysis.Projection;

namespace SceneMonitor.Analysis.Displacement;

/// <summary>A cell's counts and Gi* bins in periods A and B.</summary>
public sealed record CellChange(CellKey Key, double CountA, double CountB, int BinA, int BinB);

/// <summary>
/// A possible move of activity from a losing cluster (ids in <see cref="DisplacementVectorsResult.Losing"/>)
/// to a gaining one (ids in <see cref="DisplacementVectorsResult.Gaining"/>). Bearing is the grid bearing,
/// 0 = north, clockwise. Lon/lat are filled when a projection was given.
/// </summary>
public sealed record DisplacementVector(
    int FromCluster, int ToCluster, PlanarPoint From, PlanarPoint To, LonLat? FromLonLat, LonLat? ToLonLat,
    double DistanceMetres, double BearingDegrees, double Weight);

public sealed record DisplacementVectorsResult(
    IReadOnlyList<HotspotCluster> Losing, IReadOnlyList<HotspotCluster> Gaining, IReadOnlyList<DisplacementVector> Vectors, string? Note);

/// <summary>
/// Displacement vectors between hot spot clusters (docs/methods.md, "Displacement vectors").
/// Losing cells were hot in A and are less hot in B (lower bin, gone, or cold); gaining cells are
/// hot in B and were less hot in A (new or a higher bin); see <see cref="HotspotChange"/>.
/// Each kind is grouped into connected clusters. Linking rule: every losing cluster with a count
/// loss L &gt; 0 is linked to every gaining cluster with a count gain G &gt; 0 whose centroid lies
/// within the maximum distance of its own; L is split among those in proportion to their gains,
/// weight = L · Gⱼ / Σ G (over the gaining clusters in range). The weights say where a loss could
/// have gone, not proven flows: two losing clusters may both point at one gaining cluster.
/// </summary>
public static class DisplacementVectors
{
    public const double DefaultMaxDistance = 2000;

    public static DisplacementVectorsResult Link(CellGrid grid, IReadOnlyList<CellChange> cells,
        double maxDistance = DefaultMaxDistance, MetricProjection? projection = null)
    {
        if (!(maxDistance > 0)) throw new ArgumentException("The maximum distance must be positive.", nameof(maxDistance));
        var byKey = cells.ToDictionary(c => c.Key);
        var losing = Clusters(grid, byKey, cells.Where(c => HotspotChange.IsLosingHot(c.BinA, c.BinB)));
        var gaining = Clusters(grid, byKey, cells.Where(c => HotspotChange.IsGainingHot(c.BinA, c.BinB)));

        var vectors = new List<DisplacementVector>();
        foreach (var from in losing.Where(c => c.Loss > 0))
        {
            var inRange = gaining.Where(g => g.Gain > 0 && Planar.Distance(from.Centroid, g.Centroid) <= maxDistance).ToArray();
            double totalGain = inRange.Sum(g => g.Gain);
            foreach (var to in inRange)
            {
                var (a, b) = (from.Centroid, to.Centroid);
                vectors.Add(new DisplacementVector(from.Id, to.Id, a, b,
                    projection?.Inverse(a), projection?.Inverse(b),
                    Planar.Distance(a, b), Planar.Bearing(a.X, a.Y, b.X, b.Y), from.Loss * to.Gain / totalGain));
            }
        }

        string? note = losing.Count == 0 ? "No hot spot lost ground between the periods."
            : gaining.Count == 0 ? "No new or intensified hot spot in the second period."
            : vectors.Count == 0 ? $"No gaining hot spot lies within {maxDistance:0} m of a losing one (or counts did not change)."
            : null;
        return new DisplacementVectorsResult(losing, gaining, vectors, note);
    }

    private static List<HotspotCluster> Clusters(CellGrid grid, Dictionary<CellKey, CellChange> byKey, IEnumerable<CellChange> members)
    {
        var result = new List<HotspotCluster>();
        foreach (var keys in HotspotClusters.Connected(grid, members.Select(m => m.Key)))
        {
            var centres = keys.Select(grid.Centre).ToArray();
            var centroid = new PlanarPoint(centres.Average(c => c.X), centres.Average(c => c.Y));
            result.Add(new HotspotCluster(result.Count + 1, keys, centroid,
                keys.Sum(k => byKey[k].CountA), keys.Sum(k => byKey[k].CountB)));
        }
        return result;
    }
}
