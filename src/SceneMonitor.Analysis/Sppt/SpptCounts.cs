using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Sppt;

/// <summary>Per-unit point counts of the base and test periods (points outside every unit left out).</summary>
public sealed record SpptCounts(IReadOnlyList<string> Ids, IReadOnlyList<int> Base, IReadOnlyList<int> Test)
{
    /// <summary>
    /// Counts points per unit polygon. Each point goes to the first unit containing it (as sp::over
    /// does in the R package); points in no unit are left out. Every point counts once (weights are
    /// ignored: the test resamples individual events).
    /// </summary>
    public static SpptCounts FromPoints(IReadOnlyList<string> ids, IReadOnlyList<PlanarPolygon> units,
        IEnumerable<PlanarPoint> basePoints, IEnumerable<PlanarPoint> testPoints)
    {
        if (ids.Count != units.Count) throw new ArgumentException("One id per unit is needed.", nameof(ids));
        return new SpptCounts(ids, CountInto(units, basePoints), CountInto(units, testPoints));
    }

    private static int[] CountInto(IReadOnlyList<PlanarPolygon> units, IEnumerable<PlanarPoint> points)
    {
        var counts = new int[units.Count];
        foreach (var p in points)
        {
            for (int u = 0; u < units.Count; u++)
            {
                if (!units[u].Contains(p.X, p.Y)) continue;
                counts[u]++;
                break;
            }
        }
        return counts;
    }

    internal void Validate()
    {
        if (Ids.Count != Base.Count || Ids.Count != Test.Count)
            throw new ArgumentException("Ids, base counts and test counts must have the same length.");
        if (Base.Any(c => c < 0) || Test.Any(c => c < 0))
            throw new ArgumentException("Counts cannot be negative.");
    }

    internal int BaseTotal => Base.Sum();
    internal int TestTotal => Test.Sum();

    /// <summary>Mean similarity over all units and over the units non-empty in either period.</summary>
    internal static (double? Global, double? Robust) SValues(IReadOnlyList<SpptUnit> units)
    {
        double? global = units.Count == 0 ? null : units.Average(u => u.SIndex == 0 ? 1.0 : 0.0);
        var robustUnits = units.Where(u => u.BaseCount + u.TestCount > 0).ToArray();
        double? robust = robustUnits.Length == 0 ? null : robustUnits.Average(u => u.SIndex == 0 ? 1.0 : 0.0);
        return (global, robust);
    }

    internal static double? Percent(int count, int total) => total == 0 ? null : 100.0 * count / total;
}
