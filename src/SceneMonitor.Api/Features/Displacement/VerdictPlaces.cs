using SceneMonitor.Analysis.Displacement;
using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Core.Geodata;

namespace SceneMonitor.Api.Features.Displacement;

/// <summary>Names the cells that changed significantly, each place once (docs/methods.md, "Verdict"):
/// neighbouring changed cells form a group; a cell takes the gazetteer place within 350 m of its
/// centre, else the place of the nearest such cell of its group (a fringe cell of the Lemonnier
/// cluster is told as Lemonnier, not as a neighbourhood of its own); a group with no place near any
/// cell takes the neighbourhood of its cell with the largest change. One group may so name several
/// places (in the demo, Clemenceau, Lemonnier and Hallepoort form one connected group); cells with
/// the same name are counted together, largest change first.</summary>
public static class VerdictPlaces
{
    /// <summary>The named places of the cells with the given change, largest change first.</summary>
    public static async Task<IReadOnlyList<PlaceChange>> NameAsync(IReadOnlyList<DisplacementCell> cells, CellChangeClass change, PlaceNamer namer, CancellationToken ct)
    {
        // The cell's own tested change (conditional binomial, BY; docs/methods.md, "Change per cell").
        var changed = cells.Where(c => c.Change == change).Select(c => new Named(c, Centre(c.Polygon), Math.Abs(c.CountB - c.CountA))).ToList();
        if (changed.Count == 0) return [];
        foreach (var n in changed) n.Name = namer.Place(n.Centre);

        var groups = Groups(changed);
        var unnamed = new List<List<Named>>();
        foreach (var group in groups)
        {
            var named = group.Where(n => n.Name is not null).ToList();
            if (named.Count == 0) { unnamed.Add(group); continue; }
            foreach (var n in group.Where(n => n.Name is null))
                n.Name = named.MinBy(m => Distance(m.Centre, n.Centre))!.Name;
        }
        var peaks = unnamed.Select(g => g.MaxBy(n => n.Size)!).ToList();
        var neighbourhoods = await namer.NeighbourhoodsAsync(peaks.Select(p => p.Centre).ToList(), ct);
        for (var k = 0; k < unnamed.Count; k++)
            foreach (var n in unnamed[k]) n.Name = neighbourhoods[k];

        // By the words shown, so a place and a neighbourhood of the same name (Anneessens) are told once.
        return changed.Where(n => n.Name is not null).GroupBy(n => Localize(n.Name!))
            .Select(g => new PlaceChange(g.Key, (long)Math.Round(g.Sum(n => n.Cell.CountA)), (long)Math.Round(g.Sum(n => n.Cell.CountB))))
            .OrderByDescending(p => Math.Abs(p.After - p.Before)).ThenBy(p => p.Name.En, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A place named among both the increases and the decreases (two groups near it changed
    /// in opposite directions) is told only where its change is larger: "Hallepoort rose and fell"
    /// is no conclusion to repeat. The cells themselves stay on the map.</summary>
    public static (IReadOnlyList<PlaceChange> Increases, IReadOnlyList<PlaceChange> Decreases) OneDirectionEach(
        IReadOnlyList<PlaceChange> increases, IReadOnlyList<PlaceChange> decreases)
    {
        static long Size(PlaceChange p) => Math.Abs(p.After - p.Before);
        var up = increases.ToDictionary(p => p.Name);
        var down = decreases.ToDictionary(p => p.Name);
        return (increases.Where(p => !down.TryGetValue(p.Name, out var d) || Size(p) >= Size(d)).ToList(),
                decreases.Where(p => !up.TryGetValue(p.Name, out var u) || Size(p) > Size(u)).ToList());
    }

    private static Localized Localize(PlaceName n) => new(n.Nl, n.Fr, n.En);

    private sealed class Named(DisplacementCell cell, PlanarPoint centre, double size)
    {
        public DisplacementCell Cell { get; } = cell;
        public PlanarPoint Centre { get; } = centre;
        public double Size { get; } = size;
        public PlaceName? Name { get; set; }
    }

    /// <summary>Connected groups of cells that share an edge: centres closer than 1.05 × twice the
    /// apothem (centre to edge midpoint), which holds for hexagons and squares and excludes a square's
    /// diagonal neighbours.</summary>
    private static List<List<Named>> Groups(List<Named> cells)
    {
        var ring = cells[0].Cell.Polygon;
        var apothem = Distance(cells[0].Centre, new PlanarPoint((ring[0].X + ring[1].X) / 2, (ring[0].Y + ring[1].Y) / 2));
        var reach = 2 * apothem * 1.05;
        var group = Enumerable.Range(0, cells.Count).ToArray();
        int Root(int i) => group[i] == i ? i : group[i] = Root(group[i]);
        for (var i = 0; i < cells.Count; i++)
            for (var j = i + 1; j < cells.Count; j++)
                if (Distance(cells[i].Centre, cells[j].Centre) <= reach) group[Root(i)] = Root(j);
        return cells.Select((c, i) => (c, i)).GroupBy(x => Root(x.i)).Select(g => g.Select(x => x.c).ToList()).ToList();
    }

    /// <summary>The centre of a cell: the mean of its vertices (exact for the regular grid cells).</summary>
    private static PlanarPoint Centre(IReadOnlyList<PlanarPoint> ring)
    {
        var open = ring.Count > 1 && ring[0] == ring[^1] ? ring.Take(ring.Count - 1).ToList() : ring;
        return new PlanarPoint(open.Average(p => p.X), open.Average(p => p.Y));
    }

    private static double Distance(PlanarPoint a, PlanarPoint b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
