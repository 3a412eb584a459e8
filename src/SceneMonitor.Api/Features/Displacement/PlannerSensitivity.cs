using SceneMonitor.Core.Privacy;

namespace SceneMonitor.Api.Features.Displacement;

/// <summary>The sensitivity table for planners: all of it or nothing. Its rows are published only
/// when every count they use is (<see cref="SmallCounts"/>) and so is every difference between two
/// nested counts of one period (buffers of different widths and the main rings; controls of one
/// kind and the main control): a buffer of 500 m minus one of 250 m is the band between them, and
/// a row's WDD and TNE give its buffer counts back, so a hidden band would show through the
/// difference of two published rows.</summary>
public static class PlannerSensitivity
{
    public static SensitivitySummary? Of(SensitivitySummary? s, WdqSummary? wdq, SmallCounts rule)
    {
        if (s is null || s.Rows.Count == 0) return null;
        var periods = new (Func<SensitivityRowSummary, (long Target, long Buffer, long Control)> Row, Func<WdqRing, long> Ring, long? MainControl)[]
        {
            (r => (r.TargetBefore, r.BufferBefore, r.ControlBefore), r => r.Before, wdq?.ControlBefore),
            (r => (r.TargetAfter, r.BufferAfter, r.ControlAfter), r => r.After, wdq?.ControlAfter),
        };
        foreach (var (row, ring, mainControl) in periods)
        {
            var counts = s.Rows.Select(row).ToList();
            if (!counts.All(c => rule.Publishable(c.Target) && rule.Publishable(c.Buffer) && rule.Publishable(c.Control))) return null;
            // The main rings as cumulative buffers (0 to each ring's outer edge), nested with the rows' buffers.
            var mainBuffers = wdq is null ? [] : wdq.Rings.Select(ring).Aggregate(new List<long>(), (acc, n) => { acc.Add((acc.Count == 0 ? 0 : acc[^1]) + n); return acc; });
            if (!DifferencesPublished(counts.Select(c => c.Buffer).Concat(mainBuffers), rule)) return null;
            foreach (var kind in s.Rows.Select((r, i) => (r.Control, counts[i].Control)).GroupBy(x => x.Item1))
                if (!DifferencesPublished(kind.Select(x => x.Item2).Concat(mainControl is { } m ? [m] : []), rule)) return null;
        }
        return s;
    }

    private static bool DifferencesPublished(IEnumerable<long> nested, SmallCounts rule)
    {
        var values = nested.Distinct().Order().ToList();
        return values.SelectMany((a, i) => values.Skip(i + 1).Select(b => b - a)).All(rule.Publishable);
    }
}
