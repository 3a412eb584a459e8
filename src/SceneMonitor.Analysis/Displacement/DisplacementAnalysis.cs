using SceneMonitor.Analysis.Centrography;
using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Grid;
using SceneMonitor.Analysis.Hotspots;

namespace SceneMonitor.Analysis.Displacement;

/// <summary>
/// The whole two-period displacement analysis in one call, for stored data: grid counts, Gi* per
/// period, change classes, displacement vectors, ellipses and centre shift, and — when a target
/// and a control area are given — the WDQ per buffer ring and the WDD.
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

        var cells = AnalyseCells(grid, input, notes);
        var vectors = DisplacementVectors.Link(grid,
            cells.Select(c => new CellChange(c.Key, c.CountA, c.CountB, c.BinA, c.BinB)).ToArray(),
            input.MaxLinkDistance, input.Projection);

        var (counts, wdq, wdd) = InterventionMeasures(input, notes);
        return new DisplacementResult(cells, vectors,
            StandardDeviationalEllipse.Of(input.PeriodA), StandardDeviationalEllipse.Of(input.PeriodB),
            CentreShift.Between(input.PeriodA, input.PeriodB), counts, wdq, wdd, notes);
    }

    private static List<DisplacementCell> AnalyseCells(CellGrid grid, DisplacementInput input, List<string> notes)
    {
        var counts = CellCounts.CountPerPeriod(grid, [input.PeriodA, input.PeriodB]);
        var keys = Universe(grid, input, counts, notes);
        if (keys.Count == 0) return [];

        var centres = keys.Select(grid.Centre).ToArray();
        var weights = SpatialWeights.Build(centres, input.Neighbourhood ?? Neighbourhood.Band(grid.AdjacencyBand));
        if (weights.Note is not null) notes.Add(weights.Note);
        var countsA = keys.Select(k => counts.TryGetValue(k, out var c) ? c[0] : 0).ToArray();
        var countsB = keys.Select(k => counts.TryGetValue(k, out var c) ? c[1] : 0).ToArray();
        var giA = GetisOrd.GiStar(countsA, weights, input.FalseDiscoveryRate);
        var giB = GetisOrd.GiStar(countsB, weights, input.FalseDiscoveryRate);
        if (giA.Note is not null) notes.Add("Period A: " + giA.Note);
        if (giB.Note is not null) notes.Add("Period B: " + giB.Note);

        var result = new List<DisplacementCell>(keys.Count);
        for (int i = 0; i < keys.Count; i++)
        {
            var (a, b) = (giA.Values[i], giB.Values[i]);
            var polygon = grid.Polygon(keys[i]);
            result.Add(new DisplacementCell(keys[i], polygon, input.Projection is null ? null : polygon.Select(input.Projection.Inverse).ToArray(),
                countsA[i], countsB[i], a.Z, b.Z, a.AdjustedP ?? a.P, b.AdjustedP ?? b.P, a.Bin, b.Bin,
                HotspotChange.Classify(a.Bin, b.Bin)));
        }
        return result;
    }

    private static List<CellKey> Universe(CellGrid grid, DisplacementInput input, Dictionary<CellKey, double[]> counts, List<string> notes)
    {
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

    private static (AreaCounts?, WdqRingsResult?, WddResult?) InterventionMeasures(DisplacementInput input, List<string> notes)
    {
        if (input.Target is null)
        {
            if (input.Control is not null) notes.Add("A control area without a target area is ignored.");
            return (null, null, null);
        }
        var counts = AreaCounting.Count(input.PeriodA, input.PeriodB, input.Target, input.RingDistances, input.Control, out int overlapping);
        if (overlapping > 0)
            notes.Add($"{overlapping} points lie both near the target (within its rings) and in or near the control area: the areas should be apart.");
        if (counts.Control is not { } control)
        {
            notes.Add("No control area: WDQ and WDD need one; only the counts are given.");
            return (counts, null, null);
        }
        if (counts.Rings.Count == 0) notes.Add("No buffer rings: the WDQ needs a buffer, so only the WDD's local part is computed.");
        var wdq = counts.Rings.Count == 0 ? null : Wdq.ComputeRings(counts.Target, counts.Rings, control);
        BeforeAfter? displacement = counts.Rings.Count == 0 ? null
            : new BeforeAfter(counts.Rings.Sum(r => r.Before), counts.Rings.Sum(r => r.After));
        var wdd = Wdd.Compute(counts.Target, control, displacement, counts.ControlBuffer, input.WddWeights);
        return (counts, wdq, wdd);
    }
}
