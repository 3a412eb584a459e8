namespace SceneMonitor.Analysis.Geometry;

/// <summary>
/// A uniform bucket grid over points, for "all points within r" queries without comparing every
/// pair: with up to tens of thousands of points an n² scan would be billions of distances.
/// </summary>
public sealed class PointIndex
{
    private readonly IReadOnlyList<PlanarPoint> _points;
    private readonly double _bucket;
    private readonly Dictionary<(long, long), List<int>> _buckets = new();

    public PointIndex(IReadOnlyList<PlanarPoint> points, double bucketSize)
    {
        if (!(bucketSize > 0) || double.IsInfinity(bucketSize)) throw new ArgumentException("Bucket size must be positive.", nameof(bucketSize));
        _points = points;
        _bucket = bucketSize;
        for (int i = 0; i < points.Count; i++)
        {
            var key = BucketOf(points[i].X, points[i].Y);
            if (!_buckets.TryGetValue(key, out var list)) _buckets[key] = list = new List<int>();
            list.Add(i);
        }
    }

    /// <summary>
    /// A bucket size giving a few points per bucket on average for points spread over their
    /// bounding box; used when the caller has no natural distance (k nearest neighbours).
    /// </summary>
    public static double SuggestBucketSize(IReadOnlyList<PlanarPoint> points)
    {
        if (points.Count == 0) return 1;
        double minX = points.Min(p => p.X), maxX = points.Max(p => p.X);
        double minY = points.Min(p => p.Y), maxY = points.Max(p => p.Y);
        double area = Math.Max(maxX - minX, 1e-6) * Math.Max(maxY - minY, 1e-6);
        return Math.Max(Math.Sqrt(area * 4 / points.Count), 1e-6);
    }

    /// <summary>Indices of points with distance ≤ radius from (x, y), in ascending index order.</summary>
    public List<int> Within(double x, double y, double radius)
    {
        var found = new List<int>();
        // A hair of relative slack so that points at exactly the band distance count as inside
        // although the squared distance was rounded (the Gi* check of docs/methods.md has a pair at exactly 15).
        double limit = radius * radius * (1 + 1e-12);
        var (lowI, lowJ) = BucketOf(x - radius, y - radius);
        var (highI, highJ) = BucketOf(x + radius, y + radius);
        // When the query box spans more buckets than are occupied, walking the occupied ones is cheaper.
        double boxBuckets = (double)(highI - lowI + 1) * (highJ - lowJ + 1);
        if (boxBuckets > _buckets.Count)
        {
            foreach (var ((i, j), list) in _buckets)
                if (i >= lowI && i <= highI && j >= lowJ && j <= highJ) Collect(list, x, y, limit, found);
        }
        else
        {
            for (long i = lowI; i <= highI; i++)
            for (long j = lowJ; j <= highJ; j++)
                if (_buckets.TryGetValue((i, j), out var list)) Collect(list, x, y, limit, found);
        }
        found.Sort();
        return found;
    }

    private void Collect(List<int> bucket, double x, double y, double limitSquared, List<int> found)
    {
        foreach (int index in bucket)
        {
            double dx = _points[index].X - x, dy = _points[index].Y - y;
            if (dx * dx + dy * dy <= limitSquared) found.Add(index);
        }
    }

    private (long, long) BucketOf(double x, double y) => ((long)Math.Floor(x / _bucket), (long)Math.Floor(y / _bucket));
}
