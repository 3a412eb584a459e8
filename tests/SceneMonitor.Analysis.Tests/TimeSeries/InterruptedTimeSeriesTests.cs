using MathNet.Numerics.LinearAlgebra;
using SceneMonitor.Analysis.TimeSeries;

namespace SceneMonitor.Analysis.Tests.TimeSeries;

/// <summary>Every expected value comes from R's MASS::glm.nb / glm on the same data:
/// docs/checks/its_negbin.R (Debian r-cran-mass 7.3, R 4.2; run with /usr/bin/Rscript).</summary>
public class InterruptedTimeSeriesTests
{
    // The fixed series of docs/checks/its_negbin.R, part 1.
    private static readonly int[] Fixed =
    [
        101, 77, 112, 85, 67, 78, 83, 117, 89, 64, 93, 110, 73, 114, 48, 78, 121, 86, 72, 55, 87, 102, 64, 76, 78, 62, 78, 112, 75, 63,
        45, 57, 34, 36, 31, 16, 16, 19, 16, 18, 15, 35, 21, 36, 20, 42, 31, 48, 32, 49, 28, 16, 32, 20, 24, 17, 37, 17, 44, 30,
    ];

    private static DateOnly[] Weeks(int n, DateOnly first) => Enumerable.Range(0, n).Select(i => first.AddDays(7 * i)).ToArray();

    private static void Close(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"expected {expected}, got {actual}");

    [Fact]
    public void Fixed_series_matches_glm_nb()
    {
        // 60 weeks from Monday 2025-01-06; the intervention on Monday 2025-08-04 (week 30); weeks 30 and 31 left out.
        var e = InterruptedTimeSeries.Estimate(Weeks(60, new DateOnly(2025, 1, 6)), Fixed, new DateTime(2025, 8, 4))!;
        Assert.Equal("negative binomial", e.Model);
        Assert.Equal(30, e.WeeksBefore);
        Assert.Equal(28, e.WeeksAfter);
        Assert.False(e.Seasonality);
        // R: level ratio 0.326059304 (0.2378932126–0.4469008115), p 3.231412248e-12;
        //    slope ratio 1.01397437 (0.9960858181–1.03218418), p 0.126484221; theta 17.27799152.
        Close(0.326059304, e.LevelRatio, 1e-6);
        Close(0.2378932126, e.LevelLow, 1e-6);
        Close(0.4469008115, e.LevelHigh, 1e-6);
        Close(3.231412248e-12, e.P, 1e-3);
        Close(1.01397437, e.SlopeRatio, 1e-7);
        Close(0.9960858181, e.SlopeLow, 1e-7);
        Close(1.03218418, e.SlopeHigh, 1e-7);
        Close(0.126484221, e.SlopeP, 1e-5);
        Close(17.27799152, e.Theta, 1e-5);
    }

    [Fact]
    public void Published_example_Sicily_smoking_ban_matches_R()
    {
        // Lopez Bernal, Cummins & Gasparrini (2017), the tutorial's model4: monthly acute coronary
        // events, offset log(standardised population), level and slope change at month 37, two
        // yearly harmonic pairs (docs/checks/its_negbin.R, part 2).
        int[] aces = [728,659,791,734,757,726,760,740,720,814,795,858,887,766,851,769,781,756,766,752,765,831,879,928,
            914,808,937,840,916,828,845,818,860,839,887,886,831,796,833,820,877,758,767,738,781,843,850,908,
            1021,859,976,888,962,838,810,876,843,936,912];
        double[] stdpop = [379875.3,376495.5,377040.8,377116.4,377383.4,374113.1,379513.3,376295.5,374653.2,378485.6,375955.5,378349.7,
            376762.4,379032.3,379360.4,376162,377972.4,381830.7,379888.6,380872.2,380966.9,381240.4,382104.9,381802.7,
            381656.3,383680,383504.2,386462.9,383783.1,380836.8,383483,380906.2,382926.8,384052.4,384449.6,383428.4,
            388153.2,388373.2,386470.1,386033.2,383686.4,385509.3,385901.9,386516.6,388436.5,383255.2,390148.7,385874.9,
            391613.6,391750.4,394005.6,391364.9,391664.6,389022.3,391878.5,388575.3,392989,390018.8,390712.3];
        var x = Matrix<double>.Build.Dense(59, 8, (i, j) =>
        {
            double time = i + 1, month = i % 12 + 1, ban = time >= 37 ? 1 : 0;
            return j switch
            {
                0 => 1, 1 => ban, 2 => time, 3 => (time - 36) * ban,
                4 => Math.Sin(2 * Math.PI * month / 12), 5 => Math.Cos(2 * Math.PI * month / 12),
                6 => Math.Sin(4 * Math.PI * month / 12), _ => Math.Cos(4 * Math.PI * month / 12),
            };
        });
        var offset = stdpop.Select(p => Math.Log(p)).ToArray();
        var y = aces.Select(a => (double)a).ToArray();

        // Poisson: the tutorial's point estimates (its quasi-Poisson has the same), R glm.
        var poisson = NegativeBinomialRegression.FitPoisson(x, y, offset);
        Close(-0.131859171250, poisson.Coefficients[1], 1e-7);
        Close(0.0197533383234, poisson.StandardErrors[1], 1e-6);
        Close(0.005102602197, poisson.Coefficients[2], 1e-6);

        // Negative binomial: R glm.nb, theta 861.197871.
        var nb = NegativeBinomialRegression.Fit(x, y, offset);
        Close(-0.132669279260, nb.Coefficients[1], 1e-5);
        Close(0.027734195303, nb.StandardErrors[1], 1e-4);
        Close(0.001464619972, nb.Coefficients[3], 1e-4);
        Close(861.197871, nb.Theta, 1e-3);
    }

    [Fact]
    public void Seasonality_needs_two_years_before_the_date()
    {
        // A flat series with a yearly wave: 110 weeks before the date get Fourier terms, 60 do not.
        int[] Wave(int n) => Enumerable.Range(0, n).Select(i => (int)Math.Round(40 + 10 * Math.Sin(2 * Math.PI * i / 52.18) + (i * 7 % 5))).ToArray();
        var first = new DateOnly(2022, 1, 3);
        var long_ = InterruptedTimeSeries.Estimate(Weeks(140, first), Wave(140), first.AddDays(7 * 110).ToDateTime(TimeOnly.MinValue))!;
        Assert.True(long_.Seasonality);
        Assert.Contains("Yearly seasonality", long_.Note);
        var short_ = InterruptedTimeSeries.Estimate(Weeks(90, first), Wave(90), first.AddDays(7 * 60).ToDateTime(TimeOnly.MinValue))!;
        Assert.False(short_.Seasonality);
        Assert.Contains("No seasonality term: 60 weeks", short_.Note);
    }

    [Fact]
    public void Too_short_a_series_gives_no_estimate()
    {
        var first = new DateOnly(2025, 1, 6);
        // 7 whole weeks before the date (8 needed).
        Assert.Null(InterruptedTimeSeries.Estimate(Weeks(30, first), Enumerable.Repeat(10, 30).ToArray(), first.AddDays(49).ToDateTime(TimeOnly.MinValue)));
        // A date inside a week (Thursday of week 10): that week and the two it overlaps after are the phase-in.
        var e = InterruptedTimeSeries.Estimate(Weeks(30, first), Enumerable.Range(0, 30).Select(i => 10 + i % 3).ToArray(), first.AddDays(7 * 10 + 3).ToDateTime(TimeOnly.MinValue))!;
        Assert.Equal(10, e.WeeksBefore); // weeks 0–9 end by the date
        Assert.Equal(17, e.WeeksAfter);  // week 10 holds the date, weeks 11 and 12 overlap the two weeks after it: 13–29 remain
    }
}
