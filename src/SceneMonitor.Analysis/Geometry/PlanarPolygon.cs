namespace SceneMonitor.Analysis.Geometry;

/// <summary>
/// A polygonal area in metric coordinates given as a set of closed rings (exterior rings and
/// holes, of one or several polygons). Membership uses the even-odd rule over all rings, which
/// is exactly "inside an exterior ring and not inside one of its holes" for valid (multi)polygons,
/// so callers need not say which ring is which. The first point need not be repeated at the end.
/// </summary>
public sealed class PlanarPolygon
{
    public PlanarPolygon(IReadOnlyList<IReadOnlyList<PlanarPoint>> rings)
    {
        if (rings.Count == 0) throw new ArgumentException("A polygon needs at least one ring.", nameof(rings));
        if (rings.Any(r => r.Count < 3)) throw new ArgumentException("Every ring needs at least three points.", nameof(rings));
        Rings = rings;
        var all = rings.SelectMany(r => r).ToArray();
        (MinX, MinY, MaxX, MaxY) = (all.Min(p => p.X), all.Min(p => p.Y), all.Max(p => p.X), all.Max(p => p.Y));
    }

    public double MinX { get; }
    public double MinY { get; }
    public double MaxX { get; }
    public double MaxY { get; }

    public IReadOnlyList<IReadOnlyList<PlanarPoint>> Rings { get; }

    /// <summary>The area (m² for metric coordinates): each ring's shoelace area, added for rings
    /// inside an even number of other rings (exteriors) and subtracted for the others (holes), as
    /// the even-odd rule reads them.</summary>
    public double Area
    {
        get
        {
            double area = 0;
            for (int k = 0; k < Rings.Count; k++)
            {
                var ring = Rings[k];
                double twice = 0;
                for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++) twice += (ring[j].X + ring[i].X) * (ring[j].Y - ring[i].Y);
                int depth = Enumerable.Range(0, Rings.Count).Count(o => o != k && FromRing(Rings[o]).Contains(ring[0].X, ring[0].Y));
                area += (depth % 2 == 0 ? 1 : -1) * Math.Abs(twice) / 2;
            }
            return area;
        }
    }

    public static PlanarPolygon FromRing(IReadOnlyList<PlanarPoint> ring) => new([ring]);

    /// <summary>True when the point is inside (points exactly on an edge may go either way).</summary>
    public bool Contains(double x, double y)
    {
        // Cheap rejection first: most points tested against a unit lie outside its bounding box.
        if (x < MinX || x > MaxX || y < MinY || y > MaxY) return false;
        bool inside = false;
        foreach (var ring in Rings)
        {
            int n = ring.Count;
            for (int i = 0, j = n - 1; i < n; j = i++)
            {
                var a = ring[i];
                var b = ring[j];
                // Ray casting towards +x: count edges that straddle the horizontal line through y.
                if ((a.Y > y) != (b.Y > y) && x < (b.X - a.X) * (y - a.Y) / (b.Y - a.Y) + a.X)
                    inside = !inside;
            }
        }
        return inside;
    }

    /// <summary>Shortest distance from the point to any ring edge (0 on an edge).</summary>
    public double DistanceToBoundary(double x, double y)
    {
        double best = double.PositiveInfinity;
        foreach (var ring in Rings)
        {
            int n = ring.Count;
            for (int i = 0, j = n - 1; i < n; j = i++)
                best = Math.Min(best, SegmentDistance(x, y, ring[j], ring[i]));
        }
        return best;
    }

    /// <summary>Distance from the point to the area: 0 inside, else the distance to the boundary.</summary>
    public double DistanceTo(double x, double y) => Contains(x, y) ? 0.0 : DistanceToBoundary(x, y);

    private static double SegmentDistance(double px, double py, PlanarPoint a, PlanarPoint b)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y;
        double lengthSquared = dx * dx + dy * dy;
        double t = lengthSquared == 0 ? 0 : ((px - a.X) * dx + (py - a.Y) * dy) / lengthSquared;
        t = Math.Clamp(t, 0, 1);
        return Planar.Distance(px, py, a.X + t * dx, a.Y + t * dy);
    }
}
