namespace SceneMonitor.Analysis.Displacement;

/// <summary>Counts in one area before and after an intervention.</summary>
public readonly record struct BeforeAfter(double Before, double After)
{
    internal void Validate(string name)
    {
        if (!(Before >= 0) || !(After >= 0) || double.IsInfinity(Before) || double.IsInfinity(After))
            throw new ArgumentException($"{name}: counts must be finite and not negative.", name);
    }
}
