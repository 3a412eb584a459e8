using System.Globalization;
using SceneMonitor.Analysis.Projection;
using SceneMonitor.Core.MapClusters;
using SceneMonitor.Core.Privacy;

namespace SceneMonitor.Api.Features.MapClusters;

/// <summary>The cells of the map: the merge of <see cref="ClusterStore"/>'s per-category rows, and the grid sizes and bboxes planners get.</summary>
public static class ClusterQuery
{
    /// <summary>Cells from the per-category groups. With <paramref name="rule"/> (planners) a cell is
    /// left out below k, located by its centre and extent, and its categories protected with
    /// <see cref="SmallCounts"/> (total kept, every part hidden) (told only when none is from 1 to k − 1).</summary>
    public static List<ClusterCell> Merge(IEnumerable<ClusterStore.Group> groups, double cell, SmallCounts? rule)
    {
        var cells = new List<ClusterCell>();
        foreach (var g in groups.GroupBy(g => (g.I, g.J)).OrderBy(g => g.Key.I).ThenBy(g => g.Key.J))
        {
            var count = g.Sum(x => x.Count);
            var members = g.OrderByDescending(x => x.Count).ThenBy(x => x.Category, StringComparer.Ordinal).ToList();
            var id = string.Create(CultureInfo.InvariantCulture, $"{g.Key.I}:{g.Key.J}");
            if (rule is null)
            {
                cells.Add(new ClusterCell(id, count, Round(WebMercator.Lon(g.Sum(x => x.SumX) / count)), Round(WebMercator.Lat(g.Sum(x => x.SumY) / count)),
                    [Round(g.Min(x => x.MinLon)), Round(g.Min(x => x.MinLat)), Round(g.Max(x => x.MaxLon)), Round(g.Max(x => x.MaxLat))],
                    members.ToDictionary(x => x.Category, x => x.Count), null));
                continue;
            }
            var protectedCounts = rule.Protect(count, members.Select(x => (long)x.Count).ToList());
            if (protectedCounts.Total is null || count == 0) continue;
            var shown = protectedCounts.Parts.All(p => p is not null) ? members.ToDictionary(x => x.Category, x => x.Count) : [];
            cells.Add(new ClusterCell(id, count,
                Round(WebMercator.Lon((g.Key.I + 0.5) * cell)), Round(WebMercator.Lat((g.Key.J + 0.5) * cell)),
                [Round(WebMercator.Lon(g.Key.I * cell)), Round(WebMercator.Lat(g.Key.J * cell)), Round(WebMercator.Lon((g.Key.I + 1) * cell)), Round(WebMercator.Lat((g.Key.J + 1) * cell))],
                shown, count - shown.Values.Sum()));
        }
        return cells;
    }

    /// <summary>The smallest size of the power-of-two hierarchy of map tiles (Resolution0 × 2ⁿ) that is
    /// at least <paramref name="cell"/>: cells of these sizes nest, they never partly overlap.</summary>
    public static double NestedSize(double cell) => WebMercator.Resolution0 * Math.Pow(2, Math.Ceiling(Math.Log2(cell / WebMercator.Resolution0) - 1e-9));

    /// <summary>The bbox widened outwards to whole cells of the grid (clamped to the map's latitudes).</summary>
    public static double[] WholeCells(double[] bbox, double cell)
    {
        const double maxLat = 85.0511287798;
        double Snap(double metres, Func<double, double> round) => round(metres / cell) * cell;
        return [Math.Max(-180, WebMercator.Lon(Snap(WebMercator.X(bbox[0]), Math.Floor))),
                Math.Max(-maxLat, WebMercator.Lat(Snap(WebMercator.Y(Math.Max(bbox[1], -maxLat)), Math.Floor))),
                Math.Min(180, WebMercator.Lon(Snap(WebMercator.X(bbox[2]), Math.Ceiling))),
                Math.Min(maxLat, WebMercator.Lat(Snap(WebMercator.Y(Math.Min(bbox[3], maxLat)), Math.Ceiling)))];
    }

    private static double Round(double v) => Math.Round(v, 7);
}
