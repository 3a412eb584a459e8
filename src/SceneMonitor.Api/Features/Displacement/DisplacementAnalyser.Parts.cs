using System.Globalization;
using System.Text.Json.Nodes;
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

    private static JsonObject DisplacementVectorsFor(IReadOnlyList<DisplacementData.Cell> cells, GiStarResult giA, GiStarResult giB,
        DisplacementParameters p, List<string> notes)
    {
        _ = (cells, giA, giB, p, notes);
        return Collection([]);
    }
}
