using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Hotspots;

/// <summary>
/// Binary spatial weights with the location itself included (w_ii = 1), as Gi* needs: for each
/// location the list of neighbour indices (ascending, self included), every weight 1.
/// <see cref="Note"/> says when the request had to be adjusted (e.g. k larger than available).
/// </summary>
public sealed record SpatialWeights(IReadOnlyList<int[]> Neighbours, string? Note)
{
    public int Count => Neighbours.Count;

    public static SpatialWeights Build(IReadOnlyList<PlanarPoint> points, Neighbourhood neighbourhood) => neighbourhood switch
    {
        DistanceBand band => ForBand(points, band.Metres),
        KNearest nearest => ForNearest(points, nearest.K),
        _ => throw new ArgumentException("Unknown neighbourhood.", nameof(neighbourhood)),
    };

    /// <summary>Neighbours j with d(i, j) ≤ band, i itself included (spdep dnearneigh + include.self).</summary>
    public static SpatialWeights ForBand(IReadOnlyList<PlanarPoint> points, double band)
    {
        if (!(band > 0) || double.IsInfinity(band)) throw new ArgumentException("The distance band must be a positive number of metres.", nameof(band));
        var index = new PointIndex(points, band);
        var neighbours = new int[points.Count][];
        for (int i = 0; i < points.Count; i++)
            neighbours[i] = index.Within(points[i].X, points[i].Y, band).ToArray();
        return new SpatialWeights(neighbours, null);
    }

    /// <summary>
    /// Number of (ordered, self-inclusive) neighbour pairs a distance band would create, counting no
    /// further than <paramref name="stopAfter"/>: lets a caller refuse a band so wide that the
    /// neighbour lists would not fit in memory before building them.
    /// </summary>
    public static long CountBandPairs(IReadOnlyList<PlanarPoint> points, double band, long stopAfter)
    {
        if (!(band > 0) || double.IsInfinity(band)) throw new ArgumentException("The distance band must be a positive number of metres.", nameof(band));
        var index = new PointIndex(points, band);
        long pairs = 0;
        for (int i = 0; i < points.Count && pairs <= stopAfter; i++)
            pairs += index.Within(points[i].X, points[i].Y, band).Count;
        return pairs;
    }

    /// <summary>
    /// k nearest neighbours plus the location itself, following spdep: knearneigh(k) |> knn2nb()
    /// (not made symmetric, so j may be among i's k nearest without i being among j's) |> include.self().
    /// Equal distances are broken by the lower index. When k ≥ n, k is reduced to n − 1 with a note.
    /// </summary>
    public static SpatialWeights ForNearest(IReadOnlyList<PlanarPoint> points, int k)
    {
        if (k < 1) throw new ArgumentException("k must be at least 1.", nameof(k));
        int n = points.Count;
        string? note = null;
        if (k > n - 1)
        {
            note = n <= 1
                ? "Fewer than two locations: no neighbours to choose."
                : $"k = {k} is not smaller than the number of locations ({n}); used k = {n - 1}.";
            k = Math.Max(n - 1, 0);
        }

        var neighbours = new int[n][];
        if (n == 0) return new SpatialWeights(neighbours, note);
        var index = new PointIndex(points, PointIndex.SuggestBucketSize(points));
        double startRadius = PointIndex.SuggestBucketSize(points);
        for (int i = 0; i < n; i++)
            neighbours[i] = NearestOf(points, index, i, k, startRadius);
        return new SpatialWeights(neighbours, note);
    }

    // Grow the search radius until the circle holds at least k other points; those found inside a
    // circle are exactly the nearest ones, so the k closest of them are the k nearest overall.
    private static int[] NearestOf(IReadOnlyList<PlanarPoint> points, PointIndex index, int i, int k, double radius)
    {
        var p = points[i];
        if (k == 0) return [i];
        while (true)
        {
            var candidates = index.Within(p.X, p.Y, radius);
            if (candidates.Count - 1 >= k)
            {
                var chosen = candidates
                    .Where(j => j != i)
                    .OrderBy(j => Planar.Distance(p, points[j]))
                    .ThenBy(j => j)
                    .Take(k)
                    .Append(i)
                    .Order()
                    .ToArray();
                return chosen;
            }
            radius *= 2;
        }
    }
}
