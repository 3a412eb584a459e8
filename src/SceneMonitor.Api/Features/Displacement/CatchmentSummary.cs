using SceneMonitor.Core.Analyses;

namespace SceneMonitor.Api.Features.Displacement;

/// <summary>Which zones the result compares (docs/methods.md, "Catchment"): the rings' outer edges,
/// where the control starts, the band that counts nowhere when the caller asked for one
/// (<see cref="Gap"/>), which control was used and why, and the CRS every distance is measured in.</summary>
public sealed record CatchmentSummary(IReadOnlyList<double> Rings, double ControlFrom, CatchmentGap? Gap, ControlChoice Control, string Distances)
{
    public static CatchmentSummary Of(DisplacementParameters p)
    {
        var from = p.EffectiveControlFrom;
        var last = p.RingDistances.Length == 0 ? 0 : p.RingDistances[^1];
        var gap = from > last ? new CatchmentGap(last, from) : null;
        var gapText = gap is null ? "" : $" The band {last:0}–{from:0} m belongs to neither the buffer nor the control, as requested (controlFrom).";
        var overlap = $"Its part within {from:0} m of the target's edge is left out, so no observation counts in both the buffer and the control.";
        var control = p.ControlKind switch
        {
            "area" => new ControlChoice("area", p.ControlLabel ?? "areas", p.ControlAreaIds,
                $"Chosen by the user: the predefined area(s) {p.ControlLabel}. {overlap}{gapText}"),
            "drawn" => new ControlChoice("drawn", "drawn control area", [], $"Drawn by the user. {overlap}{gapText}"),
            _ => new ControlChoice("region-beyond", $"the region beyond {from:0} m", [],
                gap is null
                    ? $"Default: the rest of the service region, from where the buffer rings end ({from:0} m from the target's edge), so every observation in the region counts in exactly one zone."
                    : $"The rest of the service region beyond {from:0} m from the target's edge.{gapText}"),
        };
        return new CatchmentSummary(p.RingDistances, from, gap, control, $"EPSG:{p.View.Srid}");
    }
}

/// <summary>A band between the last ring and the control that counts in neither.</summary>
public sealed record CatchmentGap(double Inner, double Outer);

/// <param name="Kind">"region-beyond", "drawn" or "area".</param>
public sealed record ControlChoice(string Kind, string Label, IReadOnlyList<int> AreaIds, string Reason);

/// <summary>WDQ, TNE and WDD per buffer width and control (docs/methods.md, "Sensitivity").</summary>
/// <param name="Holds">Every row has the same WDQ interpretation and the same WDD reading (<c>wddChange</c>).</param>
public sealed record SensitivitySummary(IReadOnlyList<SensitivityRowSummary> Rows, bool Holds, string Note);

/// <param name="Control">"region-beyond" (the region beyond the buffer's edge) or "chosen" (the user's control).</param>
/// <param name="WddChange">"decrease" or "increase" when the WDD's 95 % interval excludes 0, else "none".</param>
public sealed record SensitivityRowSummary(double BufferWidth, string Control, double? Wdq, double? Tne, double Wdd, double WddLow, double WddHigh,
    string InterpretationCode, string WddChange, int TargetBefore, int TargetAfter, int BufferBefore, int BufferAfter, int ControlBefore, int ControlAfter);
