using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Displacement;

/// <summary>The catchment fields of a displacement request: <c>rings</c> (outer edges in metres),
/// <c>controlFrom</c> (where the control starts; default the last ring's edge, so no band counts
/// nowhere) and <c>controlAreas</c> (predefined area ids as the control, instead of a drawn
/// <c>control</c>). Rule violations are named per field (422).</summary>
public static class CatchmentRequest
{
    public const int MaxRings = 8;
    /// <summary>Farthest ring edge or control start: well past the 1 km buffers the literature uses,
    /// and within the 2 km study area of an intervention.</summary>
    public const double MaxDistance = 3000;
    /// <summary>Planners' distances are multiples of this, so two answers with different rings differ
    /// by a band at least this wide (as wide as the planners' smallest area), never a sliver.</summary>
    public const double PlannerStep = 250;
    public const int MaxControlAreas = 20;

    public sealed record Parsed(double[]? Rings, IReadOnlyList<int> AreaIds, Geometry? AreasGeometry, string? Label);

    public static async Task<Parsed> ParseAsync(SceneMonitorDb db, DisplacementRequest r, bool drawnControl, ObservationView view,
        Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var rings = r.Rings?.ToArray();
        if (rings is not null && (rings.Length is 0 or > MaxRings || rings.Any(d => !double.IsFinite(d) || d <= 0 || d > MaxDistance)
            || rings.Zip(rings.Skip(1)).Any(x => x.Second <= x.First)))
            errors["rings"] = [$"must be 1 to {MaxRings} distances in metres from the target's edge, each above 0 and at most {MaxDistance}, increasing"];
        else if (rings is not null && view.AggregatesOnly && rings.Any(d => d % PlannerStep != 0))
            errors["rings"] = [$"must be multiples of {PlannerStep} m for your role"];

        var last = rings is { Length: > 0 } && !errors.ContainsKey("rings") ? rings[^1] : Core.Analyses.DisplacementParameters.DefaultRings[^1];
        if (r.ControlFrom is { } from)
        {
            if (!double.IsFinite(from) || from < 0 || from > MaxDistance)
                errors["controlFrom"] = [$"must be a distance in metres from the target's edge, from 0 to {MaxDistance}"];
            else if (from < last)
                errors["controlFrom"] = [$"must be at least the last ring's outer edge ({last} m): the control may not overlap the buffer. Leave it out to start the control where the rings end"];
            else if (view.AggregatesOnly && from % PlannerStep != 0)
                errors["controlFrom"] = [$"must be a multiple of {PlannerStep} m for your role"];
        }

        if (r.ControlAreas is not { } ids) return new Parsed(rings, [], null, null);
        if (drawnControl) { errors["controlAreas"] = ["give either control (a drawn polygon) or controlAreas, not both"]; return new Parsed(rings, [], null, null); }
        var distinct = ids.Distinct().Order().ToList();
        if (distinct.Count is 0 or > MaxControlAreas)
        {
            errors["controlAreas"] = [$"must list 1 to {MaxControlAreas} area ids (see GET /api/areas)"];
            return new Parsed(rings, [], null, null);
        }
        var areas = await db.Areas.AsNoTracking().Where(a => distinct.Contains(a.Id)).OrderBy(a => a.Id).ToListAsync(ct);
        var missing = distinct.Except(areas.Select(a => a.Id)).ToList();
        if (missing.Count > 0)
        {
            errors["controlAreas"] = [$"unknown area ids: {string.Join(", ", missing)} (see GET /api/areas)"];
            return new Parsed(rings, [], null, null);
        }
        var union = NetTopologySuite.Operation.Union.UnaryUnionOp.Union(areas.Select(a => a.Geometry).ToList());
        union.SRID = 4326;
        return new Parsed(rings, distinct, union, string.Join(", ", areas.Select(a => a.Name)));
    }
}
