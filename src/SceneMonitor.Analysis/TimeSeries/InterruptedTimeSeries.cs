using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace SceneMonitor.Analysis.TimeSeries;

/// <summary>Settings of the segmented regression (defaults in docs/methods.md, "Interrupted time series").</summary>
/// <param name="TransitionWeeks">Weeks from the intervention date left out as a phase-in: a clearance
/// takes effect over days to weeks, and those weeks belong to neither regime.</param>
/// <param name="MinWeeksBefore">Fewer whole weeks before the date give no estimate.</param>
/// <param name="MinWeeksAfter">Fewer weeks after the phase-in give no estimate.</param>
/// <param name="SeasonalWeeks">From this many weeks before the date on, yearly Fourier terms are fitted
/// (two years: one year cannot tell a season from a trend).</param>
/// <param name="Harmonics">Sine–cosine pairs of the yearly cycle.</param>
public sealed record ItsOptions(int TransitionWeeks = 2, int MinWeeksBefore = 8, int MinWeeksAfter = 4, int SeasonalWeeks = 104, int Harmonics = 2)
{
    public static readonly ItsOptions Default = new();
}

/// <summary>Level and slope change of a weekly count series at an intervention, as ratios
/// (exp of the coefficients: 0.4 = the weekly count fell to 40 %), with 95 % Wald intervals.</summary>
/// <param name="P">Two-sided Wald p of the level change.</param>
/// <param name="SlopeP">Two-sided Wald p of the slope change.</param>
public sealed record ItsEstimate(
    string Model, double LevelRatio, double LevelLow, double LevelHigh, double P,
    double SlopeRatio, double SlopeLow, double SlopeHigh, double SlopeP,
    double Theta, bool Seasonality, int WeeksBefore, int WeeksAfter, int TransitionWeeks, string Note);

/// <summary>
/// Interrupted time series (Lopez Bernal, Cummins &amp; Gasparrini 2017) of weekly counts:
/// log E[y_t] = b0 + b1·t + b2·post_t + b3·(t − t0)·post_t [+ Σ_k a_k sin(2πk·d/365.25) + c_k cos(2πk·d/365.25)],
/// t in weeks, t0 the first week that starts on or after the intervention date, post_t = 1 from
/// t0 on, d the day of the year of the week's start; fitted as a negative binomial regression
/// (<see cref="NegativeBinomialRegression"/>), since weekly counts of a scene vary more than a Poisson
/// count would. Weeks overlapping [date, date + transition) are left out.
/// </summary>
public static class InterruptedTimeSeries
{
    /// <param name="weeks">Start (local Monday) of each week, consecutive.</param>
    /// <param name="counts">Count of each week.</param>
    /// <param name="intervention">The intervention's local date and time, in the weeks' clock.</param>
    public static ItsEstimate? Estimate(IReadOnlyList<DateOnly> weeks, IReadOnlyList<int> counts, DateTime intervention, ItsOptions? options = null)
    {
        var o = options ?? ItsOptions.Default;
        if (weeks.Count != counts.Count) throw new ArgumentException("one count per week", nameof(counts));
        if (weeks.Count == 0) return null;
        var origin = weeks[0].ToDateTime(TimeOnly.MinValue);
        // The date's position in weeks from the first week's start (fractional inside a week).
        var tau = (intervention - origin).TotalDays / 7;
        var t0 = Math.Ceiling(tau);
        var rows = new List<int>();
        int before = 0, after = 0;
        for (var i = 0; i < weeks.Count; i++)
        {
            if (i + 1 <= tau) { rows.Add(i); before++; }
            else if (i >= tau + o.TransitionWeeks) { rows.Add(i); after++; }
        }
        if (before < o.MinWeeksBefore || after < o.MinWeeksAfter) return null;

        var seasonal = before >= o.SeasonalWeeks;
        var columns = 4 + (seasonal ? 2 * o.Harmonics : 0);
        var x = Matrix<double>.Build.Dense(rows.Count, columns);
        for (var r = 0; r < rows.Count; r++)
        {
            var t = rows[r];
            var post = t >= t0 ? 1.0 : 0.0;
            x[r, 0] = 1;
            x[r, 1] = t;
            x[r, 2] = post;
            x[r, 3] = (t - t0) * post;
            if (!seasonal) continue;
            var phase = 2 * Math.PI * weeks[t].DayOfYear / 365.25;
            for (var k = 1; k <= o.Harmonics; k++)
            {
                x[r, 2 + 2 * k] = Math.Sin(k * phase);
                x[r, 3 + 2 * k] = Math.Cos(k * phase);
            }
        }
        var fit = NegativeBinomialRegression.Fit(x, rows.Select(i => (double)counts[i]).ToArray());
        var (level, levelLow, levelHigh, p) = Ratio(fit, 2);
        var (slope, slopeLow, slopeHigh, slopeP) = Ratio(fit, 3);
        var note = (seasonal
            ? $"Yearly seasonality fitted ({o.Harmonics} Fourier pairs): {before} weeks before the date."
            : $"No seasonality term: {before} weeks before the date, fewer than the {o.SeasonalWeeks} (two years) needed to tell a season from a trend.")
            + $" The {o.TransitionWeeks} weeks from the date are left out as a phase-in."
            + (fit.Note is null ? "" : " " + fit.Note);
        return new ItsEstimate(fit.Model, level, levelLow, levelHigh, p, slope, slopeLow, slopeHigh, slopeP,
            fit.Theta, seasonal, before, after, o.TransitionWeeks, note);
    }

    /// <summary>exp(b), its 95 % Wald interval exp(b ± 1.96·se) and the two-sided Wald p.</summary>
    private static (double Ratio, double Low, double High, double P) Ratio(CountModelFit fit, int j)
    {
        var (b, se) = (fit.Coefficients[j], fit.StandardErrors[j]);
        var z = Normal.InvCDF(0, 1, 0.975);
        return (Math.Exp(b), Math.Exp(b - z * se), Math.Exp(b + z * se), 2 * Normal.CDF(0, 1, -Math.Abs(b / se)));
    }
}
