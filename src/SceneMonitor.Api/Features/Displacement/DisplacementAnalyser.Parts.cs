using SceneMonitor.Core.Analyses;
using System.Globalization;
using System.Text.Json.Nodes;
using SceneMonitor.Analysis.Displacement;
using SceneMonitor.Analysis.Grid;
using SceneMonitor.Analysis.Hotspots;
using SceneMonitor.Analysis.Sppt;

namespace SceneMonitor.Api.Features.Displacement;

public static partial class DisplacementAnalyser
{
    /// <summary>SPPT (Andresen's resampling test, seeded) with the neighbourhoods as areal units:
    /// is the after-pattern similar to the before-pattern across the study area?</summary>
    private static SpptSummary SpptFor(DisplacementParameters p, DisplacementData.Result data, List<string> notes)
    {
        var counts = new SpptCounts(
            data.Units.Select(u => u.Id.ToString(CultureInfo.InvariantCulture)).ToArray(),
            data.Units.Select(u => u.Before).ToArray(), data.Units.Select(u => u.After).ToArray());
        var result = SpptResampling.Run(counts, p.SpptSamples, p.SpptPercent, p.Seed);
        if (result.Note is not null) notes.Add($"SPPT: {result.Note}");
        return new SpptSummary(Round(result.GlobalS, 4), Round(result.RobustS, 4), data.Units.Count, "resample", result.Note);
    }

    /// <summary>Vectors from losing to gaining hot-spot clusters (library rule: a cluster's loss
    /// is split over the gaining clusters within the maximum distance by their share of the gain).</summary>
    private static JsonObject DisplacementVectorsFor(IReadOnlyList<DisplacementData.Cell> cells, GiStarResult giA, GiStarResult giB,
        DisplacementParameters p, List<string> notes)
    {
        var grid = CellGrid.Create(p.Grid == "square" ? GridKind.Square : GridKind.Hexagon, p.CellSize);
        var changes = cells.Select((c, i) => new CellChange(new CellKey(c.I, c.J), c.CountA, c.CountB, giA.Values[i].Bin, giB.Values[i].Bin)).ToList();
        var result = DisplacementVectors.Link(grid, changes, p.MaxVectorDistance);
        if (result.Note is not null) notes.Add($"Vectors: {result.Note}");
        var features = new JsonArray();
        foreach (var v in result.Vectors)
            features.Add(Feature(LineGeometry(v.From, v.To), new JsonObject
            {
                ["fromCluster"] = v.FromCluster, ["toCluster"] = v.ToCluster,
                ["distance"] = Round(v.DistanceMetres, 0), ["bearing"] = Round(v.BearingDegrees, 1), ["weight"] = Round(v.Weight, 2),
            }));
        return Collection(features);
    }
}
