using System.Text.Json.Nodes;
using SceneMonitor.Core.Privacy;

namespace SceneMonitor.Api.Features.Displacement;

/// <summary>What a planner gets of a displacement result: no cells, vectors, ellipses, centres or
/// target layer, only the summary under the small-count rule (<see cref="SmallCounts"/>):
/// <list type="bullet">
/// <item>every count from 1 to k − 1 is hidden;</item>
/// <item>the rings are parts of "all rings" (per period): a hidden ring hides every ring and keeps
/// the all-rings count, which the main WDQ and the WDD use (a reader who got "all rings" by another
/// request could otherwise subtract the shown rings);</item>
/// <item>no centre shift: two answers whose after periods differ by one day would give the centre's
/// move, and (n + 1)·B′ − n·B places the one observation added relative to the before centre;</item>
/// <item>a derived figure (success measure, WDQ, net effect, WDD, SPPT, class counts)
/// is published only when every count it is computed from is, since a ratio or a difference of a
/// hidden count gives it back;</item>
/// <item>notes are kept only when both period totals are published, and never the ellipses' notes
/// (they tell how few points a period had);</item>
/// <item>the catchment (rings, control start, gap, control used: the request's own choices) is
/// kept; the sensitivity table is kept whole only when every count its rows use, and every
/// difference between nested buffers or controls, is published, else left out
/// (<see cref="PlannerSensitivity"/>).</item>
/// </list></summary>
public sealed record DisplacementPlannerSummary(string Detail, Guid Id, DateTimeOffset CreatedAt, JsonObject Parameters, PlannerSummary Summary)
{
    public static DisplacementPlannerSummary Of(DisplacementResult result, SmallCounts rule)
    {
        var s = result.Summary;
        var (before, after) = (rule.Count(s.CountBefore), rule.Count(s.CountAfter));
        var (targetBefore, targetAfter) = (s.TargetBefore is { } tb ? rule.Count(tb) : null, s.TargetAfter is { } ta ? rule.Count(ta) : null);
        var totals = rule.AllPublished(before, after);
        var wdq = s.Wdq is { } w ? Wdq(w, targetBefore, targetAfter, rule) : null;
        var wddInputs = wdq is not null && rule.AllPublished(targetBefore, targetAfter, wdq.AllRings.Before, wdq.AllRings.After, wdq.ControlBefore, wdq.ControlAfter);
        return new DisplacementPlannerSummary("summary", result.Id, result.CreatedAt, (JsonObject)result.Parameters.DeepClone(), new PlannerSummary(
            before, after, targetBefore, targetAfter,
            null, wdq, wddInputs ? s.Wdd : null, totals ? s.Sppt : null, totals ? s.ClassCounts : null,
            totals ? s.Notes.Where(n => !n.StartsWith("Ellipse", StringComparison.Ordinal)).ToList() : [],
            rule.K) { Catchment = s.Catchment, Sensitivity = PlannerSensitivity.Of(s.Sensitivity, s.Wdq, rule) });
    }

    private static PlannerWdq Wdq(WdqSummary w, long? targetBefore, long? targetAfter, SmallCounts rule)
    {
        var before = rule.Protect(w.AllRings.Before, w.Rings.Select(r => (long)r.Before).ToArray());
        var after = rule.Protect(w.AllRings.After, w.Rings.Select(r => (long)r.After).ToArray());
        var (controlBefore, controlAfter) = (rule.Count(w.ControlBefore), rule.Count(w.ControlAfter));
        PlannerRing Ring(WdqRing r, long? b, long? a) =>
            rule.AllPublished(targetBefore, targetAfter, b, a, controlBefore, controlAfter)
                ? new PlannerRing(r.Inner, r.Outer, b, a, r.SuccessMeasure, r.BufferDisplacementMeasure, r.Wdq, r.TotalNetEffect, r.InterpretationCode, r.Interpretation)
                : new PlannerRing(r.Inner, r.Outer, b, a, null, null, null, null, null, null);
        return new PlannerWdq(Ring(w.AllRings, before.Total, after.Total),
            w.Rings.Select((r, i) => Ring(r, before.Parts[i], after.Parts[i])).ToList(), controlBefore, controlAfter);
    }
}

/// <param name="MinCount">k: counts from 1 to k − 1 are null.</param>
public sealed record PlannerSummary(long? CountBefore, long? CountAfter, long? TargetBefore, long? TargetAfter, CentreShiftSummary? CentreShift,
    PlannerWdq? Wdq, WddSummary? Wdd, SpptSummary? Sppt, IReadOnlyDictionary<string, int>? ClassCounts, IReadOnlyList<string> Notes, int MinCount)
{
    public CatchmentSummary? Catchment { get; init; }
    public SensitivitySummary? Sensitivity { get; init; }
}

public sealed record PlannerWdq(PlannerRing AllRings, IReadOnlyList<PlannerRing> Rings, long? ControlBefore, long? ControlAfter);

/// <summary>A ring's counts (null when hidden) and its measures (null unless every count they use is published).</summary>
public sealed record PlannerRing(double Inner, double Outer, long? Before, long? After, double? SuccessMeasure, double? BufferDisplacementMeasure,
    double? Wdq, double? TotalNetEffect, string? InterpretationCode, string? Interpretation);
