using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Statistics;

namespace SceneMonitor.Analysis.Hotspots;

/// <summary>Emerging Hot Spot categories (ESRI, "How Emerging Hot Spot Analysis works").</summary>
public enum EmergingCategory
{
    None,
    NewHot, ConsecutiveHot, IntensifyingHot, PersistentHot, DiminishingHot, SporadicHot, OscillatingHot, HistoricalHot,
    NewCold, ConsecutiveCold, IntensifyingCold, PersistentCold, DiminishingCold, SporadicCold, OscillatingCold, HistoricalCold,
}

public sealed record EmergingHotspotResult(EmergingCategory Category, MannKendallResult Trend);

/// <summary>One cell's result over all periods: its Gi* per period and its category.</summary>
public sealed record EmergingCell(IReadOnlyList<GiStarValue> GiStar, EmergingHotspotResult Result);

public sealed record EmergingHotspotAnalysis(IReadOnlyList<EmergingCell> Cells, string? Note);

/// <summary>
/// Emerging Hot Spot classification of a location from its Gi* series over N periods, with
/// Mann–Kendall on the Gi* z-scores for the trend. A period is hot (cold) when Gi* is
/// significant — p (BH-adjusted p when present) &lt; alpha — with z &gt; 0 (z &lt; 0).
/// "90 % of periods" means at least 0.9·N periods. Rules, hot side (cold is the mirror image):
/// <list type="bullet">
/// <item>New: hot in the final period only, never significant before.</item>
/// <item>Consecutive: one uninterrupted run of ≥ 2 hot periods at the end, never significant
/// before the run, and fewer than 90 % of periods hot.</item>
/// <item>Intensifying / Diminishing: hot in ≥ 90 % of periods including the final one, and a
/// significant (p &lt; alpha) increasing / decreasing Mann–Kendall trend of Gi*.</item>
/// <item>Persistent: hot in ≥ 90 % of periods including the final one, no significant trend.</item>
/// <item>Oscillating: hot in the final period, fewer than 90 % hot, and cold in some earlier period.</item>
/// <item>Sporadic: hot in the final period, fewer than 90 % hot, never cold (on again, off again).</item>
/// <item>Historical: not hot in the final period, but hot in ≥ 90 % of periods.</item>
/// </list>
/// The final period's state is looked at first (hot → hot categories, cold → cold categories,
/// neither → historical or none). Where ESRI's texts overlap (a first hot period after earlier
/// cold ones fits both "new" and "oscillating") we follow R sfdep and choose oscillating, because
/// the change of sign is the more informative fact. Gi* is the space-time Gi* of
/// <see cref="SpaceTimeGiStar"/>: by default (time lag 1) a cell's neighbourhood in period t is its
/// spatial neighbours in t and in t − 1, as sfdep's default k = 1 and ESRI's neighbourhood time
/// step; time lag 0 gives each period's spatial Gi*.
/// </summary>
public static class EmergingHotspots
{
    /// <summary>One earlier period in the neighbourhood, as sfdep's and ArcGIS's defaults.</summary>
    public const int DefaultTimeLag = 1;

    public static EmergingHotspotResult Classify(IReadOnlyList<GiStarValue> series, double alpha = 0.05)
    {
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentException("alpha must be between 0 and 1.", nameof(alpha));
        var z = series.Select(v => v.Z).ToArray();
        var trend = MannKendall.Test(z);
        int n = series.Count;
        if (n == 0) return new EmergingHotspotResult(EmergingCategory.None, trend);

        var sign = series.Select(v => (v.AdjustedP ?? v.P) < alpha ? Math.Sign(v.Z) : 0).ToArray();
        int last = sign[n - 1];
        if (last != 0) return new EmergingHotspotResult(ClassifySide(sign, last, trend, alpha), trend);

        if (IsMostly(sign, +1)) return new EmergingHotspotResult(EmergingCategory.HistoricalHot, trend);
        if (IsMostly(sign, -1)) return new EmergingHotspotResult(EmergingCategory.HistoricalCold, trend);
        return new EmergingHotspotResult(EmergingCategory.None, trend);
    }

    /// <summary>
    /// Gi* per period for every location, then <see cref="Classify"/> per location.
    /// <paramref name="valuesByPeriod"/>[t][i] is location i's value (e.g. count) in period t;
    /// <paramref name="timeLag"/> is the number of earlier periods in the neighbourhood (0: spatial only).
    /// </summary>
    public static EmergingHotspotAnalysis Analyse(IReadOnlyList<PlanarPoint> locations, IReadOnlyList<IReadOnlyList<double>> valuesByPeriod,
        Neighbourhood neighbourhood, bool falseDiscoveryRate = false, double alpha = 0.05, int timeLag = DefaultTimeLag)
    {
        var weights = SpatialWeights.Build(locations, neighbourhood);
        var perPeriod = SpaceTimeGiStar.Compute(valuesByPeriod, weights, timeLag, falseDiscoveryRate);
        var cells = new EmergingCell[locations.Count];
        for (int i = 0; i < locations.Count; i++)
        {
            var series = perPeriod.Select(r => r.Values[i]).ToArray();
            cells[i] = new EmergingCell(series, Classify(series, alpha));
        }

        var notes = new List<string>();
        if (weights.Note is not null) notes.Add(weights.Note);
        if (valuesByPeriod.Count < 10)
            notes.Add($"Only {valuesByPeriod.Count} periods: ESRI recommends at least 10 for the trend categories.");
        notes.AddRange(perPeriod.Select((r, t) => r.Note is null ? null : $"Period {t + 1}: {r.Note}").OfType<string>());
        return new EmergingHotspotAnalysis(cells, notes.Count == 0 ? null : string.Join(" ", notes));
    }

    private static EmergingCategory ClassifySide(int[] sign, int side, MannKendallResult trend, double alpha)
    {
        bool hot = side > 0;
        int n = sign.Length;
        int runLength = 0;
        while (runLength < n && sign[n - 1 - runLength] == side) runLength++;
        bool significantBeforeRun = sign.Take(n - runLength).Any(s => s != 0);
        int sameSide = sign.Count(s => s == side);
        bool mostly = IsMostly(sign, side);

        if (sameSide == 1 && !significantBeforeRun)
            return hot ? EmergingCategory.NewHot : EmergingCategory.NewCold;
        if (runLength >= 2 && !significantBeforeRun && !mostly)
            return hot ? EmergingCategory.ConsecutiveHot : EmergingCategory.ConsecutiveCold;
        if (mostly)
        {
            // Intensifying means "more extreme": rising Gi* for hot spots, falling Gi* for cold spots.
            bool significantTrend = trend.P < alpha && trend.S != 0;
            if (significantTrend && Math.Sign(trend.S) == side)
                return hot ? EmergingCategory.IntensifyingHot : EmergingCategory.IntensifyingCold;
            if (significantTrend)
                return hot ? EmergingCategory.DiminishingHot : EmergingCategory.DiminishingCold;
            return hot ? EmergingCategory.PersistentHot : EmergingCategory.PersistentCold;
        }
        if (sign.Any(s => s == -side))
            return hot ? EmergingCategory.OscillatingHot : EmergingCategory.OscillatingCold;
        return hot ? EmergingCategory.SporadicHot : EmergingCategory.SporadicCold;
    }

    private static bool IsMostly(int[] sign, int side) => 10 * sign.Count(s => s == side) >= 9 * sign.Length;
}
