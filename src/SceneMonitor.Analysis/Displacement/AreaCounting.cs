using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Displacement;

/// <summary>
/// Sums point weights into target, buffer rings and control areas for the WDQ/WDD, and measures
/// their areas for the WDD's area weights. A point outside the target belongs to ring k when its
/// distance d to the target satisfies r(k−1) &lt; d ≤ r(k) (r(0) = 0).
/// </summary>
public static class AreaCounting
{
    public static AreaCounts Count(IReadOnlyList<PlanarPoint> periodA, IReadOnlyList<PlanarPoint> periodB,
        PlanarPolygon target, IReadOnlyList<double> ringDistances, PlanarPolygon? control, out int overlapping)
    {
        ValidateRings(ringDistances);
        double outer = ringDistances.Count == 0 ? 0 : ringDistances[^1];
        var a = Tally(periodA, target, ringDistances, control, outer);
        var b = Tally(periodB, target, ringDistances, control, outer);
        overlapping = a.Overlapping + b.Overlapping;
        var rings = ringDistances.Select((_, k) => new BeforeAfter(a.Rings[k], b.Rings[k])).ToArray();
        return new AreaCounts(new BeforeAfter(a.Target, b.Target), rings, control is null ? null : new BeforeAfter(a.Control, b.Control));
    }

    /// <summary>Most sample points a ring area is measured with (a few tens of milliseconds).</summary>
    public const int RingAreaSamples = 250_000;

    /// <summary>Areas of the target and control (exact, from their rings) and of each buffer ring,
    /// measured by sampling a regular lattice over the buffer's extent: a buffer has no closed
    /// form for a non-convex target. With n samples the error is about the ring's perimeter times
    /// the lattice step; for a convex target it is checked against A + P·r + π·r² in the tests.</summary>
    public static AreaSizes Areas(PlanarPolygon target, IReadOnlyList<double> ringDistances, PlanarPolygon? control)
    {
        ValidateRings(ringDistances);
        var rings = new double[ringDistances.Count];
        if (ringDistances.Count > 0)
        {
            double outer = ringDistances[^1];
            double minX = target.MinX - outer, minY = target.MinY - outer, width = target.MaxX - target.MinX + 2 * outer, height = target.MaxY - target.MinY + 2 * outer;
            double step = Math.Sqrt(width * height / RingAreaSamples);
            int nx = (int)Math.Ceiling(width / step), ny = (int)Math.Ceiling(height / step);
            double cell = step * step;
            for (int i = 0; i < nx; i++)
                for (int j = 0; j < ny; j++)
                {
                    double d = target.DistanceTo(minX + (i + 0.5) * step, minY + (j + 0.5) * step);
                    int ring = d == 0 ? -1 : RingOf(d, ringDistances);
                    if (ring >= 0) rings[ring] += cell;
                }
        }
        return new AreaSizes(target.Area, rings, control?.Area);
    }

    public static void ValidateRings(IReadOnlyList<double> ringDistances)
    {
        for (int k = 0; k < ringDistances.Count; k++)
        {
            if (!(ringDistances[k] > 0) || double.IsInfinity(ringDistances[k]) || (k > 0 && ringDistances[k] <= ringDistances[k - 1]))
                throw new ArgumentException("Ring distances must be positive, finite and increasing.", nameof(ringDistances));
        }
    }

    private sealed record Tallies(double Target, double[] Rings, double Control, int Overlapping);

    private static Tallies Tally(IReadOnlyList<PlanarPoint> points, PlanarPolygon target, IReadOnlyList<double> rings,
        PlanarPolygon? control, double outer)
    {
        double inTarget = 0, inControl = 0;
        var ringSums = new double[rings.Count];
        int overlapping = 0;
        foreach (var p in points)
        {
            double toTarget = target.DistanceTo(p.X, p.Y);
            bool nearTarget = toTarget <= outer;
            if (toTarget == 0) inTarget += p.Weight;
            else
            {
                int ring = RingOf(toTarget, rings);
                if (ring >= 0) ringSums[ring] += p.Weight;
            }
            if (control is null) continue;
            if (control.DistanceTo(p.X, p.Y) == 0)
            {
                inControl += p.Weight;
                if (nearTarget) overlapping++;
            }
        }
        return new Tallies(inTarget, ringSums, inControl, overlapping);
    }

    private static int RingOf(double distance, IReadOnlyList<double> rings)
    {
        for (int k = 0; k < rings.Count; k++)
            if (distance <= rings[k]) return k;
        return -1;
    }
}
