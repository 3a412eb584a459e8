namespace SceneMonitor.Api.Features.Analysis;

/// <summary>
/// Size limits of the stateless analysis endpoints: each request must stay within a few seconds
/// and a bounded amount of memory on a small server. Larger inputs get a 400 naming the field.
/// </summary>
public static class AnalysisLimits
{
    public const int MaxPoints = 50_000;
    public const int MaxUnits = 5_000;
    public const int MaxUnitVertices = 500_000;
    public const int MaxSeries = 10_000;
    public const int MaxSamples = 1_000;
    public const int MaxRings = 20;
    public const int MaxKdeCells = 250_000;
    public const int MaxNearest = 100;

    /// <summary>Neighbour pairs a Gi* distance band may create (memory for the neighbour lists, and time).</summary>
    public const long MaxNeighbourPairs = 10_000_000;

    /// <summary>Gi* conditional permutations a request may ask for.</summary>
    public const int MaxPermutations = 9_999;

    /// <summary>Random draws of a permutation Gi* (neighbour pairs × permutations × periods): about a second each 10⁸.</summary>
    public const double MaxPermutationDraws = 200_000_000;
}
