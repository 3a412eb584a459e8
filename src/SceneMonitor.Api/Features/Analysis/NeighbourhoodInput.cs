using SceneMonitor.Analysis.Hotspots;

namespace SceneMonitor.Api.Features.Analysis;

/// <summary>A Gi* neighbourhood as sent: a distance band in metres ("band") or k nearest neighbours ("k").</summary>
public static class NeighbourhoodInput
{
    /// <summary>
    /// Either band or k, not both. When neither is given: an error if <paramref name="required"/>,
    /// else null (the caller's default).
    /// </summary>
    public static Neighbourhood? Read(double? band, int? k, bool required, FieldErrors errors)
    {
        if (band is not null && k is not null)
        {
            errors.Add("band", "give either band (metres) or k (nearest neighbours), not both");
            return null;
        }
        if (k is { } nearest)
        {
            if (nearest < 1 || nearest > AnalysisLimits.MaxNearest) errors.Add("k", $"must be between 1 and {AnalysisLimits.MaxNearest}");
            return Neighbourhood.Nearest(nearest);
        }
        if (band is null && !required) return null;
        double metres = errors.Number(band, "band", 1e-3, 1e6, "a distance band in metres (or give k)");
        return metres > 0 ? Neighbourhood.Band(metres) : null;
    }

    /// <summary>Gi* conditional permutations (default 999, 0 = normal approximation), refused when the
    /// draws (neighbour pairs × permutations × periods) would take more than a few seconds.</summary>
    public static int Permutations(int? requested, double neighbourPairs, int periods, FieldErrors errors)
    {
        int permutations = (int)errors.Number(requested ?? 999, "permutations", 0, AnalysisLimits.MaxPermutations,
            "a number of Gi* permutations (0 = normal approximation)");
        if (neighbourPairs * permutations * periods > AnalysisLimits.MaxPermutationDraws)
            errors.Add("permutations", $"{permutations} permutations over about {neighbourPairs:0} neighbour pairs would take too long (at most {AnalysisLimits.MaxPermutationDraws:0} draws): use fewer permutations, a smaller band or k, or 0 for the normal approximation");
        return permutations;
    }
}
