using SceneMonitor.Analysis.Statistics;

namespace SceneMonitor.Analysis.Displacement;

/// <summary>Whether a cell's count changed more than the study area's overall change explains.</summary>
public enum CellChangeClass { None, Increase, Decrease }

/// <summary>One cell's test: the class, the exact binomial p and the adjusted p that decided
/// (both null for a cell empty in both periods, which has nothing to test).</summary>
public sealed record CellChangeValue(CellChangeClass Change, double? P, double? AdjustedP);

/// <summary>The tests of all cells: per cell in input order, the expected after share p₀ (null when
/// no cell holds any point) and how many cells fall in each class.</summary>
public sealed record CellChangeResult(IReadOnlyList<CellChangeValue> Cells, double? ExpectedShare, double Alpha, PAdjustMethod Adjustment,
    int Increase, int Decrease, int None);

/// <summary>
/// The change per grid cell, tested directly (docs/methods.md, "Change per cell"): conditional on a
/// cell's total n = before + after, its after count is Binomial(n, p₀) when the cell changed like the
/// study area as a whole, p₀ = Σ after / Σ (before + after) over the analysed cells. A two-sided
/// exact binomial p per cell with n &gt; 0 (R binom.test), adjusted by Benjamini–Yekutieli over those
/// cells (valid under any dependence: neighbouring cells share points that move between them and all
/// share p₀); a cell is an increase or decrease when the adjusted p &lt; alpha, by the sign of
/// after − n·p₀. Counts are rounded to whole observations (stored points all weigh 1).
/// </summary>
public static class CellChangeTest
{
    public const double DefaultAlpha = 0.05;

    public static CellChangeResult Run(IReadOnlyList<double> before, IReadOnlyList<double> after,
        double alpha = DefaultAlpha, PAdjustMethod adjustment = PAdjustMethod.BenjaminiYekutieli)
    {
        if (before.Count != after.Count) throw new ArgumentException("One before and one after count per cell.", nameof(after));
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentException("alpha must be in (0, 1).", nameof(alpha));
        int cells = before.Count;
        var a = before.Select(Whole).ToArray();
        var b = after.Select(Whole).ToArray();
        long totalAfter = b.Sum(x => (long)x), total = a.Sum(x => (long)x) + totalAfter;
        double? share = total == 0 ? null : (double)totalAfter / total;

        var p = new double?[cells];
        for (int i = 0; i < cells; i++)
            if (share is { } p0 && a[i] + b[i] > 0) p[i] = BinomialTest.TwoSidedP(b[i], a[i] + b[i], p0);
        var adjusted = PValueAdjustment.Adjust(p, adjustment);

        var result = new CellChangeValue[cells];
        for (int i = 0; i < cells; i++)
        {
            var change = CellChangeClass.None;
            if (adjusted[i] < alpha)
                change = b[i] > (a[i] + b[i]) * share!.Value ? CellChangeClass.Increase : CellChangeClass.Decrease;
            result[i] = new CellChangeValue(change, p[i], adjusted[i]);
        }
        return new CellChangeResult(result, share, alpha, adjustment,
            result.Count(c => c.Change == CellChangeClass.Increase), result.Count(c => c.Change == CellChangeClass.Decrease),
            result.Count(c => c.Change == CellChangeClass.None));
    }

    private static int Whole(double count) =>
        double.IsFinite(count) && count >= 0 ? (int)Math.Round(count) : throw new ArgumentException("Counts must be finite and not negative.");
}
