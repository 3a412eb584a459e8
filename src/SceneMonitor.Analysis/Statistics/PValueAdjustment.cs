namespace SceneMonitor.Analysis.Statistics;

/// <summary>Multiple-comparison correction of p-values, as R's stats::p.adjust.</summary>
public enum PAdjustMethod
{
    None,

    /// <summary>Benjamini–Hochberg (1995) false discovery rate.</summary>
    BenjaminiHochberg,

    /// <summary>Benjamini–Yekutieli (2001): BH times Σ 1/i, valid under any dependence.</summary>
    BenjaminiYekutieli,
}

public static class PValueAdjustment
{
    /// <summary>
    /// Adjusted p-values in the input order. Null entries (tests that could not be computed) are
    /// left null and do not count among the m comparisons, which is what p.adjust does with NA.
    /// BH: p_(k) · m / k made monotone from the largest p down, capped at 1.
    /// </summary>
    public static double?[] Adjust(IReadOnlyList<double?> pValues, PAdjustMethod method)
    {
        var result = pValues.ToArray();
        if (method == PAdjustMethod.None) return result;

        var order = Enumerable.Range(0, pValues.Count)
            .Where(i => pValues[i].HasValue)
            .OrderBy(i => pValues[i]!.Value)
            .ToArray();
        int m = order.Length;
        if (m == 0) return result;

        double factor = 1.0;
        if (method == PAdjustMethod.BenjaminiYekutieli)
        {
            factor = 0;
            for (int i = 1; i <= m; i++) factor += 1.0 / i;
        }

        double running = 1.0;
        for (int rank = m; rank >= 1; rank--)
        {
            int index = order[rank - 1];
            double adjusted = pValues[index]!.Value * factor * m / rank;
            running = Math.Min(running, adjusted);
            result[index] = Math.Min(1.0, running);
        }
        return result;
    }

    public static double[] Adjust(IReadOnlyList<double> pValues, PAdjustMethod method) =>
        Adjust(pValues.Select(p => (double?)p).ToArray(), method).Select(p => p!.Value).ToArray();
}
