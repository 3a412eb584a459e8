using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Grid;
using SceneMonitor.Analysis.Projection;

namespace SceneMonitor.Analysis.Displacement;

/// <summary>A cell's counts in periods A and B and its tested change (<see cref="CellChangeTest"/>).</summary>
public sealed record CellChange(CellKey Key, double CountA, double CountB, CellChangeClass Change);

/// <summary>
/// A possible move of activity from a losing cluster (ids in <see cref="DisplacementVectorsResult.Losing"/>)
/// to a gaining one (ids in <see cref="DisplacementVectorsResult.Gaining"/>). Bearing is the grid bearing,
/// 0 = north, clockwise. Lon/lat are filled when a projection was given. <see cref="FromCounts"/> and
/// <see cref="ToCounts"/> are the two clusters' counts before and after.
/// </summary>
public sealed record DisplacementVector(
    int FromCluster, int ToCluster, PlanarPoint From, PlanarPoint To, LonLat? FromLonLat, LonLat? ToLonLat,
    double DistanceMetres, double BearingDegrees, double Weight, BeforeAfter FromCounts, BeforeAfter ToCounts);

public sealed record DisplacementVectorsResult(
    IReadOnlyList<HotspotCluster> Losing, IReadOnlyList<HotspotCluster> Gaining, IReadOnlyList<DisplacementVector> Vectors, string? Note);

/// <summary>
/// Displacement vectors (docs/methods.md, "Displacement vectors"): from clusters of cells whose count
/// fell significantly to clusters of cells whose count rose significantly (<see cref="CellChangeTest"/>;
/// Gi* classes play no part). Each kind is grouped into clusters, the basins of its change
/// (<see cref="HotspotClusters.Basins"/>). Linking rule: every
/// losing cluster with a count loss L = before − after &gt; 0 is linked to every gaining cluster with
/// a gain G = after − before &gt; 0 whose centroid lies within the maximum distance of its own; L is
/// split among those in proportion to their gains, weight = L · Gⱼ / Σ G (over the gaining clusters in
/// range), so a vector's weight is a number of observations and the weights leaving a cluster add up
/// to its loss. They say where a loss could have gone, not proven flows: two losing clusters may both
/// point at one gaining cluster.
/// </summary>
public static class DisplacementVectors
{
    public const double DefaultMaxDistance = 2000;

    public static DisplacementVectorsResult Link(CellGrid grid, IReadOnlyList<CellChange> cells,
        double maxDistance = DefaultMaxDistance, MetricProjection? projection = null)
    {
        if (!(maxDistance > 0)) throw new ArgumentException("The maximum distance must be positive.", nameof(maxDistance));
        var losing = Clusters(grid, cells.Where(c => c.Change == CellChangeClass.Decrease));
        var gaining = Clusters(grid, cells.Where(c => c.Change == CellChangeClass.Increase));

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
                    Planar.Distance(a, b), Planar.Bearing(a.X, a.Y, b.X, b.Y), from.Loss * to.Gain / totalGain,
                    new BeforeAfter(from.CountA, from.CountB), new BeforeAfter(to.CountA, to.CountB)));
            }
        }

        string? note = losing.Count == 0 ? "No cell's count fell significantly between the periods."
            : gaining.Count == 0 ? "No cell's count rose significantly between the periods."
            : vectors.Count == 0 ? $"No gaining hot spot lies within {maxDistance:0} m of a losing one (or counts did not change)."
            : null;
        return new DisplacementVectorsResult(losing, gaining, vectors, note);
    }

    private static List<HotspotCluster> Clusters(CellGrid grid, IEnumerable<CellChange> members)
    {
        var byKey = members.ToDictionary(m => m.Key);
        var result = new List<HotspotCluster>();
        foreach (var keys in HotspotClusters.Basins(grid, byKey.ToDictionary(m => m.Key, m => Math.Abs(m.Value.CountB - m.Value.CountA))))
        {
            var centres = keys.Select(grid.Centre).ToArray();
            var centroid = new PlanarPoint(centres.Average(c => c.X), centres.Average(c => c.Y));
            result.Add(new HotspotCluster(result.Count + 1, keys, centroid,
                keys.Sum(k => byKey[k].CountA), keys.Sum(k => byKey[k].CountB)));
        }
        return result;
    }
}
