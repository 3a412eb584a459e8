using SceneMonitor.Analysis.Statistics;

namespace SceneMonitor.Analysis.SceneSize;

/// <summary>One multiplier estimate: a benchmark B (distinct people known to a register in the period
/// and area) and a survey in which m of n people met in the scene said they were in that register.
/// p = m / n estimates the register's share of the population, so N = B / p = B × n / m.</summary>
/// <param name="Low">B / p_high, with p_high the Wilson interval's upper bound for p.</param>
/// <param name="High">B / p_low. The interval is the Wilson interval for p, inverted: N = B / p is
/// monotone in p, so the bounds map one to one. B is taken as exact (a register count).</param>
/// <param name="Unreliable">m below <see cref="MultiplierMethod.ReliableMinimum"/>: a handful of
/// register members in the sample makes the estimate swing with one answer.</param>
public sealed record MultiplierEstimate(int Benchmark, int Interviewed, int InRegister, double Estimate, double Low, double High, bool Unreliable)
{
    /// <summary>The standard error of ln N backed out of the 95 % interval's width on the log scale
    /// (the usual way to weight an estimate that is reported with an interval; Cochrane Handbook §6.5.2.2).</summary>
    public double LogStandardError => (Math.Log(High) - Math.Log(Low)) / (2 * Normal.Z975);
}

public static class MultiplierMethod
{
    /// <summary>Estimates from fewer register members than this in the survey are flagged unreliable.</summary>
    public const int ReliableMinimum = 10;

    /// <summary>N = B × n / m with its 95 % interval. m = 0 has no estimate (N would be infinite):
    /// callers refuse it before they get here.</summary>
    public static MultiplierEstimate Estimate(int benchmark, int interviewed, int inRegister)
    {
        if (benchmark < 1) throw new ArgumentException("the benchmark must be at least 1", nameof(benchmark));
        if (inRegister < 1 || inRegister > interviewed)
            throw new ArgumentException($"need 1 <= m <= n (m = {inRegister}, n = {interviewed})");
        var (pLow, pHigh) = WilsonInterval.For(inRegister, interviewed);
        return new MultiplierEstimate(benchmark, interviewed, inRegister,
            (double)benchmark * interviewed / inRegister, benchmark / pHigh, benchmark / pLow, inRegister < ReliableMinimum);
    }
}
