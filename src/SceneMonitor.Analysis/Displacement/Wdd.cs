using SceneMonitor.Analysis.Statistics;

namespace SceneMonitor.Analysis.Displacement;

/// <summary>
/// Optional weights for the WDD. Area weights scale one area's counts (e.g. a control twice the
/// size of the target gets 0.5); time weights scale every count of one period (e.g. an after
/// period of 6 months against 12 before gets After = 2). A count n with weight w enters as w·n and
/// its Poisson variance as w²·n; w is the product of the area and the period weight.
/// </summary>
public sealed record WddWeights(
    double Treated = 1, double Control = 1, double Displacement = 1, double DisplacementControl = 1,
    double Before = 1, double After = 1);

/// <summary>Null z/p when the variance is zero (all eight counts zero); <see cref="Note"/> says so.</summary>
public sealed record WddResult(
    double Local, double Displacement, double Total, double Variance, double Se,
    double? Z, double? P, double CiLow, double CiHigh, string? Note);

/// <summary>
/// Weighted Displacement Difference (Wheeler &amp; Ratcliffe 2018; docs/methods.md, "WDD"):
/// local = (T1 − T0) − (C1 − C0), displacement = (D1 − D0) − (DC1 − DC0), total = local + displacement,
/// Var = sum of the eight counts, each times its weight squared (Poisson: variance = count), se = √Var, z = total / se,
/// p two-sided normal, 95 % interval total ± 1.96·se. A negative total is a crime (event) reduction.
/// Without a displacement area the displacement term is 0 and only the four local counts enter the variance.
/// </summary>
public static class Wdd
{
    public static WddResult Compute(BeforeAfter treated, BeforeAfter control,
        BeforeAfter? displacement = null, BeforeAfter? displacementControl = null, WddWeights? weights = null)
    {
        treated.Validate(nameof(treated));
        control.Validate(nameof(control));
        displacement?.Validate(nameof(displacement));
        displacementControl?.Validate(nameof(displacementControl));
        var w = weights ?? new WddWeights();
        double[] all = [w.Treated, w.Control, w.Displacement, w.DisplacementControl, w.Before, w.After];
        if (all.Any(v => !(v > 0) || double.IsInfinity(v))) throw new ArgumentException("Weights must be positive and finite.", nameof(weights));

        var notes = EmptyTargetNote(treated);
        var (tChange, tVar) = Change(treated, w.Treated, w);
        var (cChange, cVar) = Change(control, w.Control, w);
        double local = tChange - cChange;
        double variance = tVar + cVar;

        double displacementTerm = 0;
        if (displacement is { } d)
        {
            var (dChange, dVar) = Change(d, w.Displacement, w);
            displacementTerm = dChange;
            variance += dVar;
            if (displacementControl is { } dc)
            {
                var (dcChange, dcVar) = Change(dc, w.DisplacementControl, w);
                displacementTerm -= dcChange;
                variance += dcVar;
            }
            else
            {
                notes.Add("No displacement control area: the displacement area's change is not adjusted for the background trend.");
            }
        }
        else if (displacementControl is not null)
        {
            notes.Add("A displacement control area without a displacement area is ignored.");
        }

        return Result(local, displacementTerm, variance, notes);
    }

    /// <summary>The WDD when one control area stands in for both the target and the buffer (as in the
    /// displacement analysis), scaled by <paramref name="controlWeight"/> and
    /// <paramref name="bufferControlWeight"/>: local = ΔT − w_C·ΔC, displacement = ΔD − w_DC·ΔC.
    /// The control's counts enter twice, so they are not independent terms: their variance is
    /// (w_C + w_DC)²·(C0 + C1), where adding them as two areas would give (w_C² + w_DC²)·(C0 + C1)
    /// and understate the interval.</summary>
    public static WddResult SharedControl(BeforeAfter treated, BeforeAfter? buffer, BeforeAfter control, double controlWeight, double bufferControlWeight)
    {
        treated.Validate(nameof(treated));
        buffer?.Validate(nameof(buffer));
        control.Validate(nameof(control));
        if (!(controlWeight > 0) || !(bufferControlWeight > 0) || double.IsInfinity(controlWeight) || double.IsInfinity(bufferControlWeight))
            throw new ArgumentException("Weights must be positive and finite.");
        double cChange = control.After - control.Before;
        double local = treated.After - treated.Before - controlWeight * cChange;
        double displacement = buffer is { } d ? d.After - d.Before - bufferControlWeight * cChange : 0;
        double w = controlWeight + (buffer is null ? 0 : bufferControlWeight);
        double variance = treated.Before + treated.After + (buffer is { } b ? b.Before + b.After : 0) + w * w * (control.Before + control.After);
        return Result(local, displacement, variance, EmptyTargetNote(treated));
    }

    /// <summary>A target with no events before or after cannot show an effect: the local part is then
    /// only the control's change (scaled), which can still come out "significant" and must not be read
    /// as a success or failure at the target.</summary>
    private static List<string> EmptyTargetNote(BeforeAfter treated) =>
        treated.Before == 0 && treated.After == 0
            ? ["The target had no events in either period: the WDD reflects only the buffer's and the control's changes, not an effect in the target."]
            : [];

    /// <summary>An area's weight against its control, area / control area; 1 where an area is unknown
    /// or empty, since the weights must be positive.</summary>
    public static double AreaWeight(double area, double controlArea) =>
        area > 0 && controlArea > 0 && double.IsFinite(area / controlArea) ? area / controlArea : 1;

    // The total, its standard error, z, p and 95 % interval, the same for both forms.
    private static WddResult Result(double local, double displacement, double variance, List<string> notes)
    {
        double total = local + displacement;
        if (variance <= 0)
        {
            notes.Add("All counts are zero: the variance is zero, so there is no z-score or interval width.");
            return new WddResult(local, displacement, total, 0, 0, null, null, total, total, string.Join(" ", notes));
        }
        double se = Math.Sqrt(variance), z = total / se;
        return new WddResult(local, displacement, total, variance, se, z, Normal.TwoSidedP(z),
            total - Normal.Z975 * se, total + Normal.Z975 * se, notes.Count == 0 ? null : string.Join(" ", notes));
    }

    // Weighted after − before and its variance for one area.
    private static (double Change, double Variance) Change(BeforeAfter counts, double areaWeight, WddWeights w)
    {
        double wb = areaWeight * w.Before, wa = areaWeight * w.After;
        return (wa * counts.After - wb * counts.Before, wa * wa * counts.After + wb * wb * counts.Before);
    }
}
