namespace SceneMonitor.Analysis.Hotspots;

/// <summary>
/// Confidence bins of a Gi* z-score as in ArcGIS Hot Spot Analysis: ±3 at 99 %, ±2 at 95 %,
/// ±1 at 90 % confidence (two-sided), sign of z; 0 = not significant.
/// </summary>
public static class SignificanceBin
{
    /// <summary>Bin from a (possibly FDR-adjusted) two-sided p-value and the z-score's sign.</summary>
    public static int FromP(double z, double p)
    {
        int level = p < 0.01 ? 3 : p < 0.05 ? 2 : p < 0.10 ? 1 : 0;
        return z > 0 ? level : z < 0 ? -level : 0;
    }
}
