namespace SceneMonitor.Analysis.Sppt;

/// <summary>
/// Andresen's Spatial Point Pattern Test (Andresen 2009) as in R package sppt's <c>sppt()</c>
/// (Steenbeek, Andresen, Wheeler): only the test data are resampled. Each of <c>samples</c>
/// iterations draws round(percent/100 · n_test) test points without replacement (R rounds half to
/// even, as Math.Round does) and computes each unit's share of the sample in %. Per unit the shares
/// are sorted and the interval is the (⌊α/2·N⌋ + 1)-th to ⌈(1 − α/2)·N⌉-th value (1-based;
/// 6th and 195th of 200 at 95 %), exactly the package's columns. A unit whose base share lies
/// below the interval gets S index +1 (its share rose in the test period), above it −1, inside 0.
/// Randomness comes from System.Random(seed) so a run can be repeated.
/// </summary>
public static class SpptResampling
{
    public static SpptResult Run(SpptCounts counts, int samples = 200, double percent = 85, int seed = 1, double confidence = 95)
    {
        counts.Validate();
        if (samples < 1) throw new ArgumentException("At least one sample is needed.", nameof(samples));
        if (!(percent > 0 && percent <= 100)) throw new ArgumentException("percent must be in (0, 100].", nameof(percent));
        if (!(confidence > 0 && confidence < 100)) throw new ArgumentException("confidence must be in (0, 100).", nameof(confidence));

        int units = counts.Ids.Count, baseTotal = counts.BaseTotal, testTotal = counts.TestTotal;
        int sampleSize = (int)Math.Round(percent / 100 * testTotal);
        string? note = units == 0 ? "No units of analysis."
            : baseTotal == 0 || testTotal == 0 ? "A period has no points inside the units: shares and the test are undefined."
            : sampleSize == 0 ? "The test sample would be empty: too few test points for this percentage."
            : null;
        if (note is not null)
            return Unresolved(counts, baseTotal, testTotal, note);

        var (low, high) = Intervals(counts.Test, sampleSize, samples, seed, confidence);
        var result = new SpptUnit[units];
        for (int u = 0; u < units; u++)
        {
            double basePercent = 100.0 * counts.Base[u] / baseTotal;
            int s = basePercent < low[u] ? 1 : basePercent > high[u] ? -1 : 0;
            result[u] = new SpptUnit(counts.Ids[u], counts.Base[u], counts.Test[u], basePercent,
                100.0 * counts.Test[u] / testTotal, low[u], high[u], s, null, null);
        }
        var (global, robust) = SpptCounts.SValues(result);
        return new SpptResult(global, robust, result, null);
    }

    private static (double[] Low, double[] High) Intervals(IReadOnlyList<int> testCounts, int sampleSize, int samples, int seed, double confidence)
    {
        int units = testCounts.Count;
        // One entry per test point: the index of its unit. Sampling points = sampling these labels.
        var labels = new int[testCounts.Sum()];
        for (int u = 0, k = 0; u < units; u++)
            for (int c = 0; c < testCounts[u]; c++) labels[k++] = u;

        var shares = new double[units][];
        for (int u = 0; u < units; u++) shares[u] = new double[samples];
        var random = new Random(seed);
        var perUnit = new int[units];
        for (int s = 0; s < samples; s++)
        {
            // Partial Fisher–Yates: the first sampleSize slots become a uniform sample without replacement.
            for (int k = 0; k < sampleSize; k++)
            {
                int pick = k + random.Next(labels.Length - k);
                (labels[k], labels[pick]) = (labels[pick], labels[k]);
            }
            Array.Clear(perUnit);
            for (int k = 0; k < sampleSize; k++) perUnit[labels[k]]++;
            for (int u = 0; u < units; u++) shares[u][s] = 100.0 * perUnit[u] / sampleSize;
        }

        double tail = (100 - confidence) / 100 / 2;
        int lowIndex = (int)Math.Floor(tail * samples);               // (⌊tail·N⌋ + 1)-th, 0-based
        int highIndex = Math.Max((int)Math.Ceiling((1 - tail) * samples) - 1, lowIndex);
        var low = new double[units];
        var high = new double[units];
        for (int u = 0; u < units; u++)
        {
            Array.Sort(shares[u]);
            low[u] = shares[u][Math.Min(lowIndex, samples - 1)];
            high[u] = shares[u][Math.Min(highIndex, samples - 1)];
        }
        return (low, high);
    }

    private static SpptResult Unresolved(SpptCounts counts, int baseTotal, int testTotal, string note)
    {
        var units = counts.Ids.Select((id, u) => new SpptUnit(id, counts.Base[u], counts.Test[u],
            SpptCounts.Percent(counts.Base[u], baseTotal), SpptCounts.Percent(counts.Test[u], testTotal),
            null, null, 0, null, null)).ToArray();
        return new SpptResult(null, null, units, note);
    }
}
