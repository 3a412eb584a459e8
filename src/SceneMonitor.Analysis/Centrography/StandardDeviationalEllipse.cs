using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Centrography;

/// <summary>
/// A standard deviational ellipse. <see cref="RotationDegrees"/> is the clockwise angle from
/// grid north of the ellipse's y axis, in [0, 180); <see cref="SigmaY"/> is the semi-axis along that
/// direction (the longer one) and <see cref="SigmaX"/> the one across it. <see cref="Ring"/> is the
/// outline as a closed ring. Null members come with a <see cref="Note"/>.
/// </summary>
public sealed record EllipseResult(
    PlanarPoint? Centre, double? SigmaX, double? SigmaY, double? RotationDegrees,
    IReadOnlyList<PlanarPoint>? Ring, int PointCount, string? Note);

/// <summary>
/// Standard deviational ellipse (Yuill 1971, in ArcGIS's convention; docs/methods.md, "Ellipse"):
/// with x̃, ỹ the offsets from the mean centre,
/// A = Σx̃² − Σỹ², B = √(A² + 4(Σx̃ỹ)²), C = 2Σx̃ỹ, θ = atan((A + B)/C),
/// σx = √(2 Σ(x̃ cosθ − ỹ sinθ)² / n), σy = √(2 Σ(x̃ sinθ + ỹ cosθ)² / n).
/// The √2 factor is ArcGIS's choice ("one standard deviation" ellipse then holds about 63 % of
/// points of a bivariate normal; CrimeStat omits √2 and divides by n − 2). Point weights take the
/// place of counts: every Σ is weighted and n becomes Σw. When C = 0 the axes are the coordinate
/// axes: θ = 90° if the x spread is larger, else 0°.
/// </summary>
public static class StandardDeviationalEllipse
{
    /// <summary>Vertices used for <see cref="EllipseResult.Ring"/> (plus the closing one).</summary>
    public const int RingVertices = 72;

    public static EllipseResult Of(IReadOnlyList<PlanarPoint> points)
    {
        var used = points.Where(p => p.Weight > 0).ToArray();
        var centre = MeanCentre.Of(used);
        if (used.Length < 3)
            return new EllipseResult(centre.Centre, null, null, null, null, used.Length,
                "An ellipse needs at least three points; centre only.");

        var c = centre.Centre!.Value;
        double n = centre.TotalWeight, sxx = 0, syy = 0, sxy = 0;
        foreach (var p in used)
        {
            double dx = p.X - c.X, dy = p.Y - c.Y;
            sxx += p.Weight * dx * dx;
            syy += p.Weight * dy * dy;
            sxy += p.Weight * dx * dy;
        }
        if (sxx + syy == 0)
            return new EllipseResult(c, null, null, null, null, used.Length, "All points are identical: the ellipse has no size.");

        double a = sxx - syy, cTerm = 2 * sxy, b = Math.Sqrt(a * a + cTerm * cTerm);
        double theta = cTerm == 0 ? (a > 0 ? Math.PI / 2 : 0) : Math.Atan((a + b) / cTerm);
        if (theta < 0) theta += Math.PI;

        double cos = Math.Cos(theta), sin = Math.Sin(theta), sumX = 0, sumY = 0;
        foreach (var p in used)
        {
            double dx = p.X - c.X, dy = p.Y - c.Y;
            double across = dx * cos - dy * sin, along = dx * sin + dy * cos;
            sumX += p.Weight * across * across;
            sumY += p.Weight * along * along;
        }
        double sigmaX = Math.Sqrt(2 * sumX / n), sigmaY = Math.Sqrt(2 * sumY / n);
        string? note = sigmaX < 1e-9 * sigmaY ? "The points are collinear: the ellipse is a line segment." : null;
        return new EllipseResult(c, sigmaX, sigmaY, theta * 180 / Math.PI, Ring(c, sigmaX, sigmaY, theta), used.Length, note);
    }

    /// <summary>Closed ring: centre + σx·cos t·(cos θ, −sin θ) + σy·sin t·(sin θ, cos θ).</summary>
    private static PlanarPoint[] Ring(PlanarPoint c, double sigmaX, double sigmaY, double theta)
    {
        var ring = new PlanarPoint[RingVertices + 1];
        double cos = Math.Cos(theta), sin = Math.Sin(theta);
        for (int k = 0; k < RingVertices; k++)
        {
            double t = 2 * Math.PI * k / RingVertices;
            double u = sigmaX * Math.Cos(t), v = sigmaY * Math.Sin(t);
            ring[k] = new PlanarPoint(c.X + u * cos + v * sin, c.Y - u * sin + v * cos);
        }
        ring[RingVertices] = ring[0];
        return ring;
    }
}
