using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Centrography;

/// <summary>Weighted mean centre; null (with the reason) when there is nothing to average.</summary>
public sealed record MeanCentreResult(PlanarPoint? Centre, double TotalWeight, string? Note);

public static class MeanCentre
{
    /// <summary>Σ wᵢ·(xᵢ, yᵢ) / Σ wᵢ over points with a positive weight.</summary>
    public static MeanCentreResult Of(IReadOnlyList<PlanarPoint> points)
    {
        double total = 0, sx = 0, sy = 0;
        foreach (var p in points)
        {
            if (!(p.Weight > 0)) continue;
            total += p.Weight;
            sx += p.Weight * p.X;
            sy += p.Weight * p.Y;
        }
        if (total <= 0) return new MeanCentreResult(null, 0, "No points (with a positive weight): there is no centre.");
        return new MeanCentreResult(new PlanarPoint(sx / total, sy / total), total, null);
    }
}
