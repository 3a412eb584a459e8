using SceneMonitor.Analysis.Centrography;
using SceneMonitor.Analysis.Grid;
using SceneMonitor.Analysis.Hotspots;
using SceneMonitor.Analysis.Sppt;
using SceneMonitor.Analysis.Statistics;

namespace SceneMonitor.Analysis.Displacement;

/// <summary>
/// The whole two-period displacement analysis in one call, the only place it is put together, for
/// points a caller posts and for stored observations alike: grid counts, Gi* per period (permutation
/// p-values, FDR), hot-spot change classes, the tested change per cell, displacement vectors between
/// cells that lost and gained significantly, ellipses and centre shift, and — when a target and a control area
/// are given — the WDQ per buffer ring and the WDD; SPPT over areal units when they are given; the
/// sensitivity of WDQ/TNE/WDD to the buffer width and control when band counts are given.
/// </summary>
public static class DisplacementAnalysis
{
    /// <summary>Above this many cells the bounding-box universe falls back to occupied cells.</summary>
    public const int MaxCells = 200_000;

    public static DisplacementResult Run(DisplacementInput input)
    {
        var grid = CellGrid.Create(input.GridKind, input.CellSize);
        var notes = new List<string>();
        if (input.PeriodA.Count == 0) notes.Add("Period A has no points.");
        if (input.PeriodB.Count == 0) notes.Add("Period B has no points.");

        var (cells, change, coldReachable) = AnalyseCells(grid, input, notes);
        var vectors = DisplacementVectors.Link(grid,
            cells.Select(c => new CellChange(c.Key, c.CountA, c.CountB, c.Change)).ToArray(),
            input.MaxLinkDistance, input.Projection);

        var (counts, areas, wdq, wdd) = InterventionMeasures(input, notes);
        var sppt = input.Sppt is not { } s ? null
            : s.Method == SpptMethod.Proportion ? SpptProportionDifference.Run(s.Counts, PAdjustMethod.BenjaminiYekutieli)
            : SpptResampling.Run(s.Counts, s.Samples, s.Percent, s.Seed);
        return new DisplacementResult(cells, vectors,
            StandardDeviationalEllipse.Of(input.PeriodA), StandardDeviationalEllipse.Of(input.PeriodB),
            CentreShift.Between(input.PeriodA, input.PeriodB), counts, areas, wdq, wdd, sppt, notes)
        {
            CellChange = change,
            Gi = new GiSettings(input.GiPermutations, input.Seed, input.FalseDiscoveryRate, coldReachable),
            SpptMethod = input.Sppt?.Method,
            Sensitivity = input.Bands is { } bands ? Sensitivity.Compute(bands) : null,
            Time = input.Series is { } series ? TimeSeries.TimeAnalysis.Run(series) : null,
        };
    }

    private static (List<DisplacementCell>, CellChangeResult?, bool ColdReachable) AnalyseCells(CellGrid grid, DisplacementInput input, List<string> notes)
    {
        var counts = CellCounts.CountPerPeriod(grid, [input.PeriodA, input.PeriodB]);
        var keys = Universe(grid, input, counts, notes);
        if (keys.Count == 0) return ([], null, false);

        var centres = keys.Select(grid.Centre).ToArray();
        var weights = SpatialWeights.Build(centres, input.Neighbourhood ?? Neighbourhood.Band(grid.AdjacencyBand));
        if (weights.Note is not null) notes.Add(weights.Note);
        var countsA = keys.Select(k => counts.TryGetValue(k, out var c) ? c[0] : 0).ToArray();
        var countsB = keys.Select(k => counts.TryGetValue(k, out var c) ? c[1] : 0).ToArray();
        var giA = GetisOrd.GiStar(countsA, weights, input.FalseDiscoveryRate, input.GiPermutations, input.Seed);
        var giB = GetisOrd.GiStar(countsB, weights, input.FalseDiscoveryRate, input.GiPermutations, input.Seed);
        if (giA.Note is not null) notes.Add("Period A: " + giA.Note);
        if (giB.Note is not null) notes.Add("Period B: " + giB.Note);
        var change = CellChangeTest.Run(countsA, countsB);

        var result = new List<DisplacementCell>(keys.Count);
        for (int i = 0; i < keys.Count; i++)
        {
            var (a, b) = (giA.Values[i], giB.Values[i]);
            var polygon = grid.Polygon(keys[i]);
            result.Add(new DisplacementCell(keys[i], polygon, input.Projection is null ? null : polygon.Select(input.Projection.Inverse).ToArray(),
                countsA[i], countsB[i], a.Z, b.Z, a.AdjustedP ?? a.P, b.AdjustedP ?? b.P, a.Bin, b.Bin,
                HotspotChange.Classify(a.Bin, b.Bin), change.Cells[i].Change, change.Cells[i].AdjustedP));
        }
        return (result, change, giA.ColdSpotsReachable || giB.ColdSpotsReachable);
    }

    private static List<CellKey> Universe(CellGrid grid, DisplacementInput input, Dictionary<CellKey, double[]> counts, List<string> notes)
    {
        if (input.Universe == CellUniverse.Given) return GivenCells(input, notes);
        var occupied = counts.Keys.OrderBy(k => k.I).ThenBy(k => k.J).ToList();
        if (input.Universe == CellUniverse.OccupiedCells || occupied.Count == 0) return occupied;

        var all = input.PeriodA.Concat(input.PeriodB).ToArray();
        double minX = all.Min(p => p.X), maxX = all.Max(p => p.X), minY = all.Min(p => p.Y), maxY = all.Max(p => p.Y);
        double estimate = ((maxX - minX) / grid.Size + 3) * ((maxY - minY) / grid.Size + 3);
        if (estimate > MaxCells)
        {
            notes.Add($"The bounding box holds about {estimate:0} cells (limit {MaxCells}): only occupied cells were analysed.");
            return occupied;
        }
        return grid.CellsCovering(minX, minY, maxX, maxY).Union(occupied).OrderBy(k => k.I).ThenBy(k => k.J).ToList();
    }

    /// <summary>The study area's cells, or with <see cref="DisplacementInput.OnlySweptCells"/> those
    /// searched in both periods, so a shift cannot merely show where teams looked.</summary>
    private static List<CellKey> GivenCells(DisplacementInput input, List<string> notes)
    {
        var all = input.Cells ?? throw new ArgumentException("CellUniverse.Given needs Cells.", nameof(input));
        var chosen = all;
        if (input.OnlySweptCells)
        {
            var swept = all.Where(c => c.SweptA && c.SweptB).ToList();
            if (swept.Count > 0)
            {
                notes.Add($"Only the {swept.Count} of {all.Count} cells swept in both periods are compared.");
                chosen = swept;
            }
            else notes.Add("No cell was swept in both periods; all cells are compared, so shifts may reflect where teams looked.");
        }
        return chosen.Select(c => c.Key).OrderBy(k => k.I).ThenBy(k => k.J).ToList();
    }

    /// <summary>WDQ per ring and in all, and one WDD: the control serves as the control of both the
    /// target and the buffer, its counts scaled to each one's area (Wheeler &amp; Ratcliffe's weights),
    /// since a control is usually far larger than the area it stands in for
    /// (<see cref="Wdd.SharedControl"/>).</summary>
    private static (AreaCounts?, AreaSizes?, WdqRingsResult?, WddResult?) InterventionMeasures(DisplacementInput input, List<string> notes)
    {
        if (input.Zones is { } z)
            return Measures(new AreaCounts(z.Target, z.Rings, z.Control), new AreaSizes(z.TargetArea, z.RingAreas, z.ControlArea), notes);
        if (input.Target is null)
        {
            if (input.Control is not null) notes.Add("A control area without a target area is ignored.");
            notes.Add("No target area: WDQ and WDD need one.");
            return (null, null, null, null);
        }
        var counts = AreaCounting.Count(input.PeriodA, input.PeriodB, input.Target, input.RingDistances, input.Control, out int overlapping);
        if (overlapping > 0)
            notes.Add($"{overlapping} points lie both near the target (within its rings) and in the control area: the areas should be apart.");
        return Measures(counts, AreaCounting.Areas(input.Target, input.RingDistances, input.Control), notes);
    }

    private static (AreaCounts?, AreaSizes?, WdqRingsResult?, WddResult?) Measures(AreaCounts counts, AreaSizes areas, List<string> notes)
    {
        if (counts.Control is not { } control || areas.Control is not { } controlArea)
        {
            notes.Add("No control area: WDQ and WDD need one; only the counts are given.");
            return (counts, areas, null, null);
        }
        if (counts.Rings.Count == 0) notes.Add("No buffer rings: the WDQ needs a buffer, so only the WDD's local part is computed.");
        var wdq = counts.Rings.Count == 0 ? null : Wdq.ComputeRings(counts.Target, counts.Rings, control);
        BeforeAfter? buffer = counts.Rings.Count == 0 ? null : new BeforeAfter(counts.Rings.Sum(r => r.Before), counts.Rings.Sum(r => r.After));
        if (controlArea <= 0) notes.Add("The control area has no extent: its counts are not scaled to the target's area.");
        var wdd = Wdd.SharedControl(counts.Target, buffer, control, Wdd.AreaWeight(areas.Target, controlArea), Wdd.AreaWeight(areas.Rings.Sum(), controlArea));
        return (counts, areas, wdq, wdd);
    }
}
