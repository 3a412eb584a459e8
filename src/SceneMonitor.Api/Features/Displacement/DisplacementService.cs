using SceneMonitor.Analysis.Projection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SceneMonitor.Analysis.Displacement;
using SceneMonitor.Core.Analyses;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Domain;

namespace SceneMonitor.Api.Features.Displacement;

/// <summary>Runs a displacement analysis or returns the saved one: the same parameters on the same
/// data give the same stored result (and id), so two teams see the same numbers.</summary>
public sealed class DisplacementService(SceneMonitorDb db, DisplacementData data, VerdictService verdicts, TimeProvider clock, IOptions<JsonOptions> json)
{
    public const string Kind = "displacement";
    public const int MethodVersion = 2;

    public async Task<(DisplacementResult Result, bool Reused)> RunAsync(DisplacementParameters p, string? user, CancellationToken ct)
    {
        var parameters = Describe(p);
        parameters["dataVersion"] = await data.DataVersionAsync(ct);
        var hash = Hash(p, parameters);

        var saved = await db.Analyses.AsNoTracking().Where(a => a.Kind == Kind && a.ParametersHash == hash)
            .OrderBy(a => a.CreatedAt).FirstOrDefaultAsync(ct);
        if (saved is not null)
            return (JsonSerializer.Deserialize<DisplacementResult>(saved.ResultJson, json.Value.SerializerOptions)!, true);

        // Load (Core, on the caller's view) → analyse (the library, as for posted points) → present.
        var loaded = await data.LoadAsync(p, ct);
        var input = DisplacementData.Input(p, loaded);
        var analysis = DisplacementAnalysis.Run(input);
        var result = DisplacementPresenter.Stored(MetricProjection.ForEpsg(p.View.Srid)).Result(Guid.NewGuid(), clock.GetUtcNow(), parameters, input, analysis, loaded.Zones,
            CatchmentSummary.Of(p));
        result = result with { Summary = result.Summary with { Verdict = await verdicts.ComposeAsync(p, loaded, analysis, result.Summary, ct) } };
        await verdicts.NameVectorsAsync(analysis, result.Vectors, ct);
        db.Analyses.Add(new SavedAnalysis
        {
            Id = result.Id, Kind = Kind, ParametersHash = hash, CreatedAt = result.CreatedAt, CreatedBy = user,
            ParametersJson = parameters.ToJsonString(), ResultJson = JsonSerializer.Serialize(result, json.Value.SerializerOptions),
        });
        await db.SaveChangesAsync(ct);
        return (result, false);
    }

    /// <summary>The view a saved result was computed on ("exact" or "coarse"; planners' analyses run on
    /// the coarse view too, they only see less of the result), from its stored parameters.</summary>
    public static string ViewOf(SavedAnalysis saved) =>
        JsonNode.Parse(saved.ParametersJson)?["view"]?.GetValue<string>() ?? "exact"; // saved before views were recorded: exact

    /// <summary>What shaped the analysis, as stored with it, hashed, shown in the result and audited.</summary>
    public static JsonObject Describe(DisplacementParameters p) => new()
    {
        // A saved result is reused only when computed by the same method: bump on any change to what
        // a result holds, so no one reads a result without the parts the page now expects.
        ["methodVersion"] = MethodVersion,
        ["view"] = p.View.Level,
        ["studyArea"] = p.StudyAreaLabel,
        ["interventionId"] = p.InterventionId,
        ["categories"] = new JsonArray(p.Categories.Select(c => (JsonNode)c).ToArray()),
        ["before"] = new JsonObject { ["from"] = p.Before.From.ToUniversalTime(), ["to"] = p.Before.To.ToUniversalTime() },
        ["after"] = new JsonObject { ["from"] = p.After.From.ToUniversalTime(), ["to"] = p.After.To.ToUniversalTime() },
        ["cellSize"] = p.CellSize,
        ["grid"] = p.Grid,
        ["band"] = p.K is null ? p.EffectiveBand : null,
        ["k"] = p.K,
        ["fdr"] = p.Fdr,
        ["gi"] = new JsonObject { ["pValues"] = p.Permutations > 0 ? "permutation" : "normal", ["permutations"] = p.Permutations, ["seed"] = p.Seed },
        ["cellChange"] = new JsonObject { ["test"] = "conditional-binomial", ["adjustment"] = "BY", ["alpha"] = CellChangeTest.DefaultAlpha },
        ["onlySweptCells"] = p.OnlySweptCells,
        ["maxVectorDistance"] = p.MaxVectorDistance,
        ["rings"] = new JsonArray(p.RingDistances.Select(d => (JsonNode)d).ToArray()),
        ["controlFrom"] = p.EffectiveControlFrom,
        ["control"] = p.ControlKind,
        ["controlAreas"] = p.ControlAreaIds.Count == 0 ? null : new JsonArray(p.ControlAreaIds.Select(i => (JsonNode)i).ToArray()),
        ["sppt"] = p.SpptMethod == "resample"
            ? new JsonObject { ["method"] = "resample", ["samples"] = p.SpptSamples, ["percent"] = p.SpptPercent, ["seed"] = p.Seed, ["units"] = "neighbourhoods" }
            : new JsonObject { ["method"] = "proportion", ["adjustment"] = "BY", ["confidence"] = 95, ["units"] = "neighbourhoods" },
        ["crs"] = $"{MetricProjection.ForEpsg(p.View.Srid).Label} for every distance and area: cells, neighbours, vectors, ellipses, and the study area, rings and control measured from the target's edge",
    };

    private static string Hash(DisplacementParameters p, JsonObject parameters)
    {
        var text = new StringBuilder(parameters.ToJsonString());
        foreach (var g in new[] { p.StudyArea, p.Target, p.Control })
            text.Append('|').Append(g is null ? "" : Convert.ToHexString(g.ToBinary()));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
