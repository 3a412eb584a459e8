namespace SceneMonitor.Analysis.Displacement;

/// <summary>
/// Reading of a WDQ (Bowers &amp; Johnson 2003; Ratcliffe's WDQ guide). Codes are stable so a
/// front end can translate them; <see cref="WdqText.English"/> gives the English text.
/// </summary>
public enum WdqInterpretation
{
    /// <summary>The WDQ could not be computed because a control count is zero (see the reason).</summary>
    Undefined,
    /// <summary>SM = 0 because the target had no events in either period: nothing to displace.</summary>
    NoTargetEvents,
    /// <summary>SM = 0 with events in the target: it changed exactly as the control did.</summary>
    ZeroSuccessMeasure,
    /// <summary>SM ≥ 0: the target did not improve relative to the control, so WDQ is not interpreted.</summary>
    NoSuccessInTarget,
    /// <summary>WDQ &gt; 1: the buffer improved more than the target (diffusion greater than the direct effect).</summary>
    DiffusionGreaterThanDirectEffect,
    /// <summary>0 &lt; WDQ ≤ 1: the buffer improved too (diffusion of benefits).</summary>
    DiffusionOfBenefits,
    /// <summary>WDQ = 0: no change in the buffer relative to the control.</summary>
    NoDisplacementOrDiffusion,
    /// <summary>−1 &lt; WDQ &lt; 0: displacement to the buffer, smaller than the gain in the target.</summary>
    DisplacementSmallerThanDirectEffect,
    /// <summary>WDQ = −1: displacement to the buffer cancels the gain in the target.</summary>
    DisplacementEqualsDirectEffect,
    /// <summary>WDQ &lt; −1: displacement to the buffer exceeds the gain in the target.</summary>
    DisplacementExceedsDirectEffect,
}

public static class WdqText
{
    public static string English(WdqInterpretation code) => code switch
    {
        WdqInterpretation.Undefined => "The WDQ is undefined for these counts.",
        WdqInterpretation.NoTargetEvents => "The target area had no events in either period, so there is no success to measure and the WDQ is undefined.",
        WdqInterpretation.ZeroSuccessMeasure => "The target area changed exactly as the control area did (no success), so the WDQ is undefined.",
        WdqInterpretation.NoSuccessInTarget => "The target area did not improve relative to the control area, so the WDQ is not interpreted.",
        WdqInterpretation.DiffusionGreaterThanDirectEffect => "Diffusion of benefits greater than the direct effect: the buffer improved even more than the target.",
        WdqInterpretation.DiffusionOfBenefits => "Diffusion of benefits: the buffer area improved as well.",
        WdqInterpretation.NoDisplacementOrDiffusion => "No displacement and no diffusion: the buffer did not change relative to the control.",
        WdqInterpretation.DisplacementSmallerThanDirectEffect => "Some displacement to the buffer, smaller than the gain in the target: a net benefit remains.",
        WdqInterpretation.DisplacementEqualsDirectEffect => "Displacement to the buffer equals the gain in the target: no net effect.",
        WdqInterpretation.DisplacementExceedsDirectEffect => "Displacement to the buffer exceeds the gain in the target: the gain is erased.",
        _ => throw new ArgumentException($"Unknown code {code}.", nameof(code)),
    };
}
