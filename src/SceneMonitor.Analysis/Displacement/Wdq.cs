namespace SceneMonitor.Analysis.Displacement;

/// <summary>
/// WDQ figures. Null values are undefined for the given counts, and <see cref="Reason"/> says why.
/// </summary>
public sealed record WdqResult(
    double? SuccessMeasure,
    double? BufferDisplacementMeasure,
    double? Wdq,
    double? TotalNetEffect,
    double? GrossEffect,
    double? NetEffect,
    WdqInterpretation InterpretationCode,
    string Interpretation,
    string? Reason);

/// <summary>One result per buffer ring plus the result for all rings taken together as one buffer.</summary>
public sealed record WdqRingsResult(WdqResult AllRings, IReadOnlyList<WdqResult> Rings);

/// <summary>
/// Weighted Displacement Quotient (Bowers &amp; Johnson 2003; docs/methods.md, "WDQ"). R target, D buffer,
/// C control; b before, a after:
/// SM = Ra/Ca − Rb/Cb (success measure; negative = the target improved relative to control),
/// BDM = Da/Ca − Db/Cb (buffer displacement measure), WDQ = BDM / SM,
/// TNE = [Rb·(Ca/Cb) − Ra] + [Db·(Ca/Cb) − Da] (total net effect, in events prevented).
/// We also report, after Bowers &amp; Johnson's and Ratcliffe's use of the terms,
/// GE = Rb·(Ca/Cb) − Ra (gross effect: events prevented in the target, the control trend applied
/// to its before count) and NE = TNE (net effect: the gross effect after subtracting what moved
/// into the buffer, or adding what diffused there).
/// SM, BDM and TNE are undefined when a control count is zero; WDQ is also undefined when SM = 0
/// (<see cref="WdqInterpretation.NoTargetEvents"/> or <see cref="WdqInterpretation.ZeroSuccessMeasure"/>).
/// WDQ is computed for SM &gt; 0 but only interpreted when SM &lt; 0 (there is a success to displace).
/// </summary>
public static class Wdq
{
    private const double Tolerance = 1e-9;

    public static WdqResult Compute(BeforeAfter target, BeforeAfter buffer, BeforeAfter control)
    {
        target.Validate(nameof(target));
        buffer.Validate(nameof(buffer));
        control.Validate(nameof(control));

        if (control.Before == 0 || control.After == 0)
            return Undefined(null, null, null, null,
                "A control count is zero: the control trend (Ca/Cb) and the rates per control event are undefined.");

        double sm = target.After / control.After - target.Before / control.Before;
        double bdm = buffer.After / control.After - buffer.Before / control.Before;
        double trend = control.After / control.Before;
        double gross = target.Before * trend - target.After;
        double total = gross + (buffer.Before * trend - buffer.After);

        // Two different reasons for SM = 0, told apart so a reader is not sent looking at the control.
        if (target.Before == 0 && target.After == 0)
            return Undefined(sm, bdm, total, gross,
                "The target had no events in either period, so the success measure is zero: WDQ = BDM / SM is undefined.", WdqInterpretation.NoTargetEvents);
        if (Math.Abs(sm) < Tolerance)
            return Undefined(sm, bdm, total, gross,
                "The success measure is zero (the target changed exactly as the control did): WDQ = BDM / SM is undefined.", WdqInterpretation.ZeroSuccessMeasure);

        double wdq = bdm / sm;
        var code = sm < 0 ? Interpret(wdq) : WdqInterpretation.NoSuccessInTarget;
        return new WdqResult(sm, bdm, wdq, total, gross, total, code, WdqText.English(code), null);
    }

    /// <summary>
    /// Concentric buffer rings (e.g. 0–250 m, 250–500 m): each ring's BDM/WDQ/TNE against the same
    /// target and control, and all rings summed as one buffer, to show where an effect lands.
    /// </summary>
    public static WdqRingsResult ComputeRings(BeforeAfter target, IReadOnlyList<BeforeAfter> rings, BeforeAfter control)
    {
        var all = new BeforeAfter(rings.Sum(r => r.Before), rings.Sum(r => r.After));
        return new WdqRingsResult(Compute(target, all, control), rings.Select(r => Compute(target, r, control)).ToArray());
    }

    private static WdqInterpretation Interpret(double wdq)
    {
        if (wdq > 1 + Tolerance) return WdqInterpretation.DiffusionGreaterThanDirectEffect;
        if (wdq > Tolerance) return WdqInterpretation.DiffusionOfBenefits;
        if (wdq >= -Tolerance) return WdqInterpretation.NoDisplacementOrDiffusion;
        if (wdq > -1 + Tolerance) return WdqInterpretation.DisplacementSmallerThanDirectEffect;
        if (wdq >= -1 - Tolerance) return WdqInterpretation.DisplacementEqualsDirectEffect;
        return WdqInterpretation.DisplacementExceedsDirectEffect;
    }

    private static WdqResult Undefined(double? sm, double? bdm, double? total, double? gross, string reason,
        WdqInterpretation code = WdqInterpretation.Undefined) =>
        new(sm, bdm, null, total, gross, total, code, WdqText.English(code), reason);
}
