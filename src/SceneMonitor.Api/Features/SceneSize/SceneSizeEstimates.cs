using System.Text.RegularExpressions;
using SceneMonitor.Analysis.SceneSize;
using SceneMonitor.Core.SceneSize;

namespace SceneMonitor.Api.Features.SceneSize;

/// <summary>Estimates per area, year and population from the stored pairs (benchmark + survey): each
/// pair gives N = B × n / m with its Wilson interval; pairs of the same area, year and population are
/// combined (<see cref="EstimateCombination"/>). Every figure carries its caveats as codes the page
/// words in nl/fr/en.</summary>
public static partial class SceneSizeEstimates
{
    public const string Method = "multiplier: N = B × n / m (benchmark B, m of n interviewed in the register)";
    public const string IntervalMethod = "95 % Wilson score interval for p = m / n, inverted: N from B / p_high to B / p_low";
    public const string Combination = "DerSimonian–Laird random effects on ln N (se from each interval); estimates with m < 10 left out when a reliable one exists";

    /// <summary>Caveats every estimate carries, whatever its inputs.</summary>
    public static readonly string[] AlwaysCaveats = ["register_completeness", "recruitment_sites", "comparability_over_time"];
    /// <summary>m below 10 in every estimate used.</summary>
    public const string UnreliableCaveat = "unreliable_small_m";
    /// <summary>Several estimates combined, and they disagree (I² above one half).</summary>
    public const string HeterogeneousCaveat = "estimates_disagree";
    public const double HeterogeneousAbove = 0.5;

    public sealed record InputEstimate(int SurveyId, int BenchmarkId, string Source, int Benchmark, int Interviewed, int InRegister,
        double Estimate, double Low, double High, bool Unreliable, string RecruitmentSites, DateOnly? PeriodFrom, DateOnly? PeriodTo);

    /// <param name="Estimates">Pairs found for this area, year and population; <paramref name="Used"/> of them combined.</param>
    /// <param name="Heterogeneity">I² of the combination (0 for a single estimate).</param>
    /// <param name="Inputs">The pairs with their own estimates; null for planners, who see the figure, not the inputs.</param>
    public sealed record AreaEstimate(int AreaId, string AreaName, string? AreaNameFr, string? AreaNameNl, string AreaKind, string? AreaCode,
        int Year, string Population, double Estimate, double Low, double High, bool Unreliable, int Estimates, int Used,
        double Heterogeneity, double Minimum, double Maximum, IReadOnlyList<string> Caveats, IReadOnlyList<InputEstimate>? Inputs);

    public sealed record EstimatesResponse(string Method, string IntervalMethod, string Combination, int ReliableMinimum, IReadOnlyList<AreaEstimate> Estimates);

    public static EstimatesResponse From(IReadOnlyList<SceneSizeStore.Pair> pairs, bool withInputs)
    {
        var estimates = pairs
            .GroupBy(p => (p.Area.Id, p.Year, Population: Key(p.Population)))
            .Select(g => Group(g.ToList(), withInputs))
            .OrderBy(e => e.Year).ThenBy(e => e.AreaName, StringComparer.Ordinal).ThenBy(e => e.Population, StringComparer.Ordinal)
            .ToList();
        return new EstimatesResponse(Method, IntervalMethod, Combination, MultiplierMethod.ReliableMinimum, estimates);
    }

    private static AreaEstimate Group(List<SceneSizeStore.Pair> pairs, bool withInputs)
    {
        var singles = pairs.Select(p => MultiplierMethod.Estimate(p.Benchmark, p.Interviewed, p.InRegister)).ToList();
        var c = EstimateCombination.Combine(singles);
        var caveats = AlwaysCaveats.ToList();
        if (c.Unreliable) caveats.Add(UnreliableCaveat);
        if (c.Heterogeneity > HeterogeneousAbove) caveats.Add(HeterogeneousCaveat);
        var first = pairs[0];
        var inputs = withInputs
            ? pairs.Select((p, i) => new InputEstimate(p.SurveyId, p.BenchmarkId, p.Source, p.Benchmark, p.Interviewed, p.InRegister,
                singles[i].Estimate, singles[i].Low, singles[i].High, singles[i].Unreliable, p.RecruitmentSites, p.PeriodFrom, p.PeriodTo)).ToList()
            : null;
        return new AreaEstimate(first.Area.Id, first.Area.Name, first.Area.NameFr, first.Area.NameNl, first.Area.Kind.ToLowerInvariant(), first.Area.Code,
            first.Year, Collapse(first.Population), c.Estimate, c.Low, c.High, c.Unreliable, pairs.Count, c.Used, c.Heterogeneity, c.Minimum, c.Maximum,
            caveats, inputs);
    }

    /// <summary>"High-risk  crack users" and "high-risk crack users" are one population.</summary>
    public static string Key(string population) => Collapse(population).ToLowerInvariant();

    private static string Collapse(string text) => Spaces().Replace(text.Trim(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
