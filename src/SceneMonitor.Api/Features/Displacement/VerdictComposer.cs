namespace SceneMonitor.Api.Features.Displacement;

/// <summary>Turns <see cref="VerdictFacts"/> into the verdict a coordinator can repeat to a council
/// (docs/methods.md, "Verdict"): what happened in the target area and whether it is significant,
/// where the scene may have gone, how the surroundings fared, and how robust the conclusion is. Every
/// change is told as "fell/rose by N (x %)" with positive numbers, so no sign has to be decoded;
/// a sentence whose facts are missing is left out.</summary>
public static class VerdictComposer
{
    /// <summary>Places named in the text: enough to say where, few enough to read aloud.</summary>
    public const int MaxIncreases = 4, MaxDecreases = 3;

    /// <summary>A placebo rank counts as unusual when the real date is in the most extreme tenth of
    /// all dates (rank / dates ≤ 0.10, the one-sided placebo p-value: with 13 dates only rank 1), or
    /// when it is more extreme than every fake date: with a short history (8 dates) no rank reaches
    /// a tenth, yet "larger than at any earlier date" is what a reader needs to hear.</summary>
    public const double UnusualPlaceboShare = 0.10;

    public enum Direction { Down, Up, None }

    public static Verdict? Compose(VerdictFacts f)
    {
        var code = Code(f);
        var text = new Localized(Text(f, VerdictWords.Nl), Text(f, VerdictWords.Fr), Text(f, VerdictWords.En));
        if (text.En.Length == 0) return null;
        var places = (f.Increases ?? []).Take(MaxIncreases).Select(p => new VerdictPlace(p.Name, "increase", p.Before, p.After))
            .Concat((f.Decreases ?? []).Take(MaxDecreases).Select(p => new VerdictPlace(p.Name, "decrease", p.Before, p.After)))
            .ToList();
        return new Verdict(code, text, places);
    }

    /// <summary>Whether the change is significant, and which way: from the WDD's 95 % interval when
    /// there is one, else from the ITS level ratio's; null when neither was computed.</summary>
    public static Direction? Significance(VerdictFacts f) =>
        f.WddTotal is { } w ? (w.High < 0 ? Direction.Down : w.Low > 0 ? Direction.Up : Direction.None)
        : f.ItsTargetLevel is { } i ? (i.High < 1 ? Direction.Down : i.Low > 1 ? Direction.Up : Direction.None)
        : null;

    /// <summary>The stable code of the conclusion (listed in docs/methods.md, "Verdict").</summary>
    public static string Code(VerdictFacts f)
    {
        if (f.Target is not { } t) return "no_target";
        if (t.Before == 0 && t.After == 0) return "no_observations";
        if (t.After < t.Before && f.WdqCode == "displacement_erases") return "reduction_erased";
        return Significance(f) switch
        {
            Direction.Down => f.WdqCode switch
            {
                "diffusion" or "diffusion_greater" => "reduction_with_diffusion",
                "displacement_smaller" => "reduction_partly_displaced",
                _ => "reduction",
            },
            Direction.Up => "increase",
            Direction.None => "no_significant_change",
            _ => t.After < t.Before ? "target_fell_untested" : t.After > t.Before ? "target_rose_untested" : "no_change",
        };
    }

    private static string Text(VerdictFacts f, VerdictWords w)
    {
        var fell = f.Target is { } t && t.After < t.Before;
        var sentences = new List<string?>
        {
            f.Synthetic ? w.Synthetic() : null,
            f.Target is { } target ? w.AreaChange(null, target) : null,
            f.WddTotal is { } wdd ? w.Wdd(wdd) : null,
            f.ItsTargetLevel is { } its ? w.Its(its) : null,
            f.Increases is { } up ? (up.Count > 0 ? w.Increases(w.List(up.Take(MaxIncreases)), fell) : w.NoIncreases()) : null,
            f.Decreases is { Count: > 0 } down ? w.Decreases(w.List(down.Take(MaxDecreases))) : null,
            f.Buffer is { } buffer ? w.AreaChange(f.BufferOuter ?? 0, buffer) : null,
            BufferJudgement(f) is { } judgement ? w.Judgement(judgement) : null,
            f.SensitivityHolds is { } holds ? w.Sensitivity(holds) : null,
            f is { PlaceboRank: { } rank, PlaceboOf: { } of } && of > 0 ? w.Placebo(rank, of, rank == 1 || (double)rank / of <= UnusualPlaceboShare) : null,
            f.Swept ? null : w.NoSweeps(),
        };
        return string.Join(" ", sentences.Where(s => s is not null));
    }

    public enum Judgement { NetReductionRemains, GainErased, BenefitSpread, Unchanged, Worsened, Improved }

    /// <summary>How the surroundings fared relative to the control: read from the WDQ of all rings
    /// when it is interpreted, else from the two growth ratios (buffer after/before against control
    /// after/before); null when neither can be read.</summary>
    public static Judgement? BufferJudgement(VerdictFacts f) => f.WdqCode switch
    {
        "displacement_smaller" => Judgement.NetReductionRemains,
        "displacement_erases" => Judgement.GainErased,
        "diffusion" or "diffusion_greater" => Judgement.BenefitSpread,
        "no_buffer_change" => Judgement.Unchanged,
        _ => f is { Buffer: { Before: > 0 } b, Control: { Before: > 0 } c }
            ? ((double)b.After / b.Before).CompareTo((double)c.After / c.Before) switch { > 0 => Judgement.Worsened, < 0 => Judgement.Improved, _ => Judgement.Unchanged }
            : null,
    };
}
