using System.Text.Json.Nodes;
using SceneMonitor.Analysis.Displacement;
using SceneMonitor.Core.Analyses;
using SceneMonitor.Core.Demo;
using SceneMonitor.Core.Geodata;
using AnalysisResult = SceneMonitor.Analysis.Displacement.DisplacementResult;

namespace SceneMonitor.Api.Features.Displacement;

/// <summary>Gathers the <see cref="VerdictFacts"/> of a stored-data result (counts, WDD, WDQ, the
/// changed cells named by <see cref="VerdictPlaces"/>, effort and the synthetic flag) and composes the
/// verdict. It reads the same result every role's analysis produced, on that caller's view, so
/// analysts read the conclusion of their coarse view; planners never get it (not in
/// <see cref="DisplacementPlannerSummary"/>).</summary>
public sealed class VerdictService(PlaceNamer namer, DisplacementData data)
{
    public async Task<Verdict?> ComposeAsync(DisplacementParameters p, DisplacementData.Result loaded, AnalysisResult r, DisplacementSummary s, CancellationToken ct) =>
        VerdictComposer.Compose(await FactsAsync(p, loaded, r, s, ct));

    public async Task<VerdictFacts> FactsAsync(DisplacementParameters p, DisplacementData.Result loaded, AnalysisResult r, DisplacementSummary s, CancellationToken ct)
    {
        var counts = r.Counts;
        var (increases, decreases) = VerdictPlaces.OneDirectionEach(
            await VerdictPlaces.NameAsync(r.Cells, CellChangeClass.Increase, namer, ct),
            await VerdictPlaces.NameAsync(r.Cells, CellChangeClass.Decrease, namer, ct));
        return new VerdictFacts
        {
            Target = counts is null ? null : new Counts(Whole(counts.Target.Before), Whole(counts.Target.After)),
            Buffer = counts is { Rings.Count: > 0 } ? new Counts(Whole(counts.Rings.Sum(x => x.Before)), Whole(counts.Rings.Sum(x => x.After))) : null,
            BufferOuter = counts is { Rings.Count: > 0 } ? p.RingDistances[^1] : null,
            Control = counts?.Control is { } c ? new Counts(Whole(c.Before), Whole(c.After)) : null,
            WddTotal = s.Wdd is { } wdd ? new Estimate(wdd.Total, wdd.CiLow, wdd.CiHigh) : null,
            WdqCode = s.Wdq?.AllRings.InterpretationCode,
            Increases = increases,
            Decreases = decreases,
            ItsTargetLevel = s.Its?.Target is { LevelRatio: { } level, LevelLow: { } low, LevelHigh: { } high } ? new Estimate(level, low, high) : null,
            SensitivityHolds = s.Sensitivity?.Holds,
            PlaceboRank = s.Placebo?.Target?.Rank,
            PlaceboOf = s.Placebo?.Target?.Of,
            Swept = loaded.Cells.Any(x => x.SweptA || x.SweptB),
            Synthetic = p.InterventionId is { } id && await data.InterventionAsync(id, ct) is { Name: DemoSeeder.InterventionName },
        };
    }

    /// <summary>Names each arrow's start and end the way the verdict names places (a gazetteer place
    /// within 350 m, else the neighbourhood), so the map can say "from Brussel-Zuid to Clemenceau".
    /// The features of <paramref name="vectors"/> are the library's vectors in order.</summary>
    public async Task NameVectorsAsync(AnalysisResult r, JsonObject vectors, CancellationToken ct)
    {
        var list = r.Vectors.Vectors;
        if (vectors["features"] is not JsonArray features || features.Count != list.Count || list.Count == 0) return;
        var names = await namer.NameAsync(list.SelectMany(v => new[] { v.From, v.To }).ToList(), ct);
        for (var i = 0; i < list.Count; i++)
        {
            var properties = features[i]!["properties"]!.AsObject();
            properties["fromName"] = Name(names[2 * i]);
            properties["toName"] = Name(names[2 * i + 1]);
        }
    }

    private static JsonObject? Name(PlaceName? n) => n is null ? null : new JsonObject { ["nl"] = n.Nl, ["fr"] = n.Fr, ["en"] = n.En };

    private static long Whole(double count) => (long)Math.Round(count);
}
