using System.Text.Json.Nodes;
using SceneMonitor.Analysis.Displacement;
using SceneMonitor.Analysis.Statistics;
using AnalysisResult = SceneMonitor.Analysis.Displacement.DisplacementResult;

namespace SceneMonitor.Api.Features.Displacement;

/// <summary>The presenter's statistical summaries: the change test per cell, how Gi* p-values were
/// obtained (with the cold-spot caveat) and which SPPT ran (with the resampling test's caveat).</summary>
public sealed partial class DisplacementPresenter
{
    public CellChangeSummary? CellChangeSummary(AnalysisResult r) => r.CellChange is not { } c ? null : new(
        "conditional-binomial", AdjustmentCode(c.Adjustment), c.Alpha, V(c.ExpectedShare, 4), c.Increase, c.Decrease, c.None);

    public static GiSummary? GiSummary(AnalysisResult r)
    {
        if (r.Gi is not { } g) return null;
        var how = g.Permutations > 0
            ? $"Gi* p-values are conditional-permutation pseudo p-values ({g.Permutations} permutations, seed {g.Seed})"
            : "Gi* p-values come from the normal approximation";
        var fdr = g.FalseDiscoveryRate ? ", corrected for the false discovery rate (BH) over each period's cells" : ", not corrected for multiple testing";
        var cold = g.ColdSpotsReachable ? "" : " No cold spot can be reached with these counts: even a cell empty among empty neighbours would not be significantly low (too many cells hold the lowest count), so the absence of cold spots says nothing.";
        return new(g.Permutations > 0 ? "permutation" : "normal", g.Permutations, g.Seed, g.FalseDiscoveryRate, g.ColdSpotsReachable,
            how + fdr + "." + cold);
    }

    public SpptSummary? SpptSummary(AnalysisResult r)
    {
        if (r.Sppt is not { } s) return null;
        bool resample = r.SpptMethod == SpptMethod.Resample;
        var caveat = resample
            ? "Andresen's resampling test, as asked: it is liberal (it declares changes too readily); the proportion-difference test with Benjamini–Yekutieli adjustment is the default."
            : null;
        var note = caveat is null ? s.Note : s.Note is null ? caveat : caveat + " " + s.Note;
        return new SpptSummary(V(s.GlobalS, 4), V(s.RobustS, 4), s.Units.Count, resample ? "resample" : "proportion", note, resample ? null : "BY");
    }

    public static string ChangeCode(CellChangeClass c) => c switch
    {
        CellChangeClass.Increase => "increase",
        CellChangeClass.Decrease => "decrease",
        _ => "none",
    };

    public static string AdjustmentCode(PAdjustMethod m) => m switch
    {
        PAdjustMethod.BenjaminiYekutieli => "BY",
        PAdjustMethod.BenjaminiHochberg => "BH",
        _ => "none",
    };

    private JsonObject Counts(BeforeAfter c) => new() { ["before"] = V(c.Before, 0), ["after"] = V(c.After, 0) };
}
