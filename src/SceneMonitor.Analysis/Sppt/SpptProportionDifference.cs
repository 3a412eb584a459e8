using SceneMonitor.Analysis.Statistics;

namespace SceneMonitor.Analysis.Sppt;

/// <summary>
/// Proportion-difference SPPT (Wheeler, Steenbeek &amp; Andresen 2018), as R sppt's
/// <c>sppt_diff(test = "Chi2_Nmin1")</c>: per unit the 2×2 table (unit vs rest) × (base vs test),
/// Pearson χ² without continuity correction times (N − 1)/N (the "N − 1" χ² of Campbell 2007),
/// p from χ² with 1 df, then adjusted (none / BH / BY) over the units. A unit differs when the
/// adjusted p &lt; 1 − confidence; its S index is +1 when its share rose (test % &gt; base %), −1
/// when it fell. A table with an empty row or column (unit empty in both periods, or holding every
/// point) has no χ²: p is null, the unit counts as similar (as NaN does in the R package) and is
/// left out of the adjustment.
/// </summary>
public static class SpptProportionDifference
{
    public static SpptResult Run(SpptCounts counts, PAdjustMethod adjust = PAdjustMethod.None, double confidence = 95)
    {
        counts.Validate();
        if (!(confidence > 0 && confidence < 100)) throw new ArgumentException("confidence must be in (0, 100).", nameof(confidence));
        int units = counts.Ids.Count, baseTotal = counts.BaseTotal, testTotal = counts.TestTotal;

        var p = new double?[units];
        for (int u = 0; u < units; u++)
            p[u] = PValue(counts.Base[u], baseTotal - counts.Base[u], counts.Test[u], testTotal - counts.Test[u]);
        var adjusted = PValueAdjustment.Adjust(p, adjust);

        double alpha = 1 - confidence / 100;
        var result = new SpptUnit[units];
        for (int u = 0; u < units; u++)
        {
            double? basePercent = SpptCounts.Percent(counts.Base[u], baseTotal);
            double? testPercent = SpptCounts.Percent(counts.Test[u], testTotal);
            int s = 0;
            if (adjusted[u] < alpha && basePercent is { } b && testPercent is { } t)
                s = t > b ? 1 : t < b ? -1 : 0;
            result[u] = new SpptUnit(counts.Ids[u], counts.Base[u], counts.Test[u], basePercent, testPercent, null, null, s, p[u], adjusted[u]);
        }

        string? note = units == 0 ? "No units of analysis."
            : baseTotal == 0 || testTotal == 0 ? "A period has no points inside the units: no unit can be tested."
            : null;
        var (global, robust) = SpptCounts.SValues(result);
        return new SpptResult(global, robust, result, note);
    }

    /// <summary>
    /// Rows base/test, columns in-unit/elsewhere: a = base in unit, b = base elsewhere,
    /// c = test in unit, d = test elsewhere. χ² = N(ad − bc)² / (row and column totals).
    /// </summary>
    internal static double? PValue(double a, double b, double c, double d)
    {
        double n = a + b + c + d;
        double margins = (a + b) * (c + d) * (a + c) * (b + d);
        if (margins == 0) return null;
        double chi = n * (a * d - b * c) * (a * d - b * c) / margins;
        return Normal.ChiSquare1UpperTail(chi * (n - 1) / n);
    }
}
