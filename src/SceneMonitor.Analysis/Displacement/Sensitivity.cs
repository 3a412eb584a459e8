namespace SceneMonitor.Analysis.Displacement;

/// <summary>One distance band around the target: the points whose distance d to the target's edge
/// satisfies <see cref="Inner"/> &lt; d ≤ <see cref="Outer"/> (the target itself is the band 0–0,
/// d = 0). Its counts and area in all, within the service region, and within the chosen control
/// polygon (before the part near the target is taken out of that control).</summary>
public sealed record CatchmentBand(double Inner, double Outer,
    BeforeAfter All, double Area, BeforeAfter InRegion, double RegionArea, BeforeAfter InControl, double ControlArea);

/// <summary>The control the user chose (drawn or predefined areas), as used by the main result:
/// its counts and area beyond <see cref="From"/> metres from the target.</summary>
public sealed record ChosenControl(BeforeAfter Counts, double Area, double From);

/// <summary>Counts per distance band measured once (for stored data in PostGIS), from which every
/// sensitivity row is derived: <see cref="Bands"/> starts with the target (0–0) and continues with
/// contiguous bands whose edges include every width of <see cref="Widths"/>.</summary>
public sealed record CatchmentBands(IReadOnlyList<CatchmentBand> Bands, BeforeAfter Region, double RegionArea, ChosenControl? Chosen)
{
    public IReadOnlyList<double> Widths { get; init; } = Sensitivity.DefaultWidths;
}

/// <summary>How the WDD's 95 % interval reads: a significant decrease or increase, or neither.</summary>
public enum WddChange { None, Decrease, Increase }

/// <summary>One row: a buffer of 0..<see cref="BufferWidth"/> m around the target against one control.</summary>
public sealed record SensitivityRow(double BufferWidth, string Control, BeforeAfter Target, BeforeAfter Buffer, BeforeAfter ControlCounts,
    WdqResult Wdq, WddResult Wdd, WddChange Change);

/// <param name="Holds">True when every row reads the same way: the same WDQ class (diffusion, no
/// change, displacement smaller than the gain, displacement erasing it, not interpreted) and the same
/// WDD reading (significant decrease, significant increase, or neither).</param>
public sealed record SensitivityResult(IReadOnlyList<SensitivityRow> Rows, bool Holds, string Note);

/// <summary>
/// The WDQ, TNE and WDD for several buffer widths and control choices (docs/methods.md,
/// "Sensitivity"), so a reader sees whether the conclusion depends on where the buffer stops.
/// For width W the buffer is 0 &lt; d ≤ W; the controls are the service region beyond W
/// ("region-beyond") and, when the user chose one, that control less any part within W
/// ("chosen"). Each row is computed exactly as the main result (<see cref="Wdq.Compute"/>,
/// <see cref="Wdd.SharedControl"/> with area weights), so the row that matches the main
/// catchment repeats its figures.
/// </summary>
public static class Sensitivity
{
    public static readonly IReadOnlyList<double> DefaultWidths = [250, 500, 750, 1000];

    public static SensitivityResult Compute(CatchmentBands input)
    {
        var bands = input.Bands;
        if (bands.Count == 0 || bands[0].Outer != 0) throw new ArgumentException("The first band must be the target (0–0).", nameof(input));
        var target = bands[0];
        var rows = new List<SensitivityRow>();
        foreach (var width in input.Widths)
        {
            if (!bands.Any(b => b.Outer == width)) throw new ArgumentException($"No band ends at the width {width} m.", nameof(input));
            var inBuffer = bands.Skip(1).Where(b => b.Outer <= width).ToList();
            var buffer = Sum(inBuffer.Select(b => b.All));
            var bufferArea = inBuffer.Sum(b => b.Area);

            // The region beyond W: the region's total less its part in the target and the buffer.
            var near = bands.Where(b => b.Outer <= width).ToList();
            var beyond = Minus(input.Region, Sum(near.Select(b => b.InRegion)));
            rows.Add(Row(width, "region-beyond", target, buffer, bufferArea, beyond, input.RegionArea - near.Sum(b => b.RegionArea)));

            if (input.Chosen is { } chosen)
            {
                // The chosen control already excludes d ≤ From; a wider buffer takes its part out too.
                var overlap = bands.Skip(1).Where(b => b.Inner >= chosen.From && b.Outer <= width).ToList();
                rows.Add(Row(width, "chosen", target, buffer, bufferArea,
                    Minus(chosen.Counts, Sum(overlap.Select(b => b.InControl))), chosen.Area - overlap.Sum(b => b.ControlArea)));
            }
        }
        var holds = rows.Select(Reading).Distinct().Count() <= 1;
        return new SensitivityResult(rows, holds, Note(rows, holds));
    }

    private static SensitivityRow Row(double width, string control, CatchmentBand target, BeforeAfter buffer, double bufferArea,
        BeforeAfter controlCounts, double controlArea)
    {
        var wdq = Wdq.Compute(target.All, buffer, controlCounts);
        var wdd = Wdd.SharedControl(target.All, buffer, controlCounts,
            Wdd.AreaWeight(target.Area, controlArea), Wdd.AreaWeight(bufferArea, controlArea));
        return new SensitivityRow(width, control, target.All, buffer, controlCounts, wdq, wdd, ChangeOf(wdd));
    }

    /// <summary>The WDD's reading from its 95 % interval (none when there is no interval).</summary>
    public static WddChange ChangeOf(WddResult wdd) =>
        wdd.Z is null ? WddChange.None : wdd.CiHigh < 0 ? WddChange.Decrease : wdd.CiLow > 0 ? WddChange.Increase : WddChange.None;

    private static string Note(List<SensitivityRow> rows, bool holds)
    {
        if (rows.Count == 0) return "No buffer width to compare.";
        string Widths(IEnumerable<SensitivityRow> rs) => string.Join(", ", rs.Select(r => $"{r.BufferWidth:0} m{(r.Control == "chosen" ? " (chosen control)" : "")}"));
        if (holds)
            return $"The reading is the same for every buffer width and control ({Widths(rows)}): {Reading(rows[0])}.";
        var groups = rows.GroupBy(Reading).Select(g => $"{g.Key} for {Widths(g)}");
        return "The reading depends on the buffer width or the control: " + string.Join("; ", groups) + ".";
    }

    // The reading a row gives: its WDQ class (the two diffusion classes as one, WDQ = −1 and < −1 as
    // one, as the result's codes do) and its WDD reading.
    private static string Reading(SensitivityRow r)
    {
        var wdq = r.Wdq.InterpretationCode switch
        {
            WdqInterpretation.DiffusionGreaterThanDirectEffect or WdqInterpretation.DiffusionOfBenefits => "WDQ: diffusion of benefits",
            WdqInterpretation.NoDisplacementOrDiffusion => "WDQ: no change in the buffer",
            WdqInterpretation.DisplacementSmallerThanDirectEffect => "WDQ: displacement smaller than the gain",
            WdqInterpretation.DisplacementEqualsDirectEffect or WdqInterpretation.DisplacementExceedsDirectEffect => "WDQ: displacement erases the gain",
            _ => "WDQ: not interpreted",
        };
        var change = r.Change switch
        {
            WddChange.Decrease => "WDD: significant decrease",
            WddChange.Increase => "WDD: significant increase",
            _ => "WDD: no significant change",
        };
        return $"{wdq}, {change}";
    }

    private static BeforeAfter Sum(IEnumerable<BeforeAfter> parts)
    {
        double before = 0, after = 0;
        foreach (var p in parts) { before += p.Before; after += p.After; }
        return new BeforeAfter(before, after);
    }

    // The parts are subsets of the whole (each point lies in one band), so this is never negative.
    private static BeforeAfter Minus(BeforeAfter a, BeforeAfter b) => new(a.Before - b.Before, a.After - b.After);
}
