namespace SceneMonitor.Analysis.Hotspots;

/// <summary>How neighbours are chosen for Gi*: a fixed distance band or the k nearest.</summary>
public abstract record Neighbourhood
{
    /// <summary>Every location within <paramref name="metres"/> (inclusive), the location itself included.</summary>
    public static Neighbourhood Band(double metres) => new DistanceBand(metres);

    /// <summary>The <paramref name="k"/> nearest other locations plus the location itself.</summary>
    public static Neighbourhood Nearest(int k) => new KNearest(k);
}

public sealed record DistanceBand(double Metres) : Neighbourhood;

public sealed record KNearest(int K) : Neighbourhood;
