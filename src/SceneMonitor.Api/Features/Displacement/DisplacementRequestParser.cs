using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Analyses;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Displacement;

/// <summary>Validates a displacement request into <see cref="DisplacementParameters"/> for the caller's
/// view, naming every bad field. The view's rules are checked here, on the request as the handler
/// read it (one binder, member names case-insensitive), not by a filter reading the body again:
/// cells never finer than the privacy grid for coarse views; for planners whole days and chosen
/// areas of at least the planners' minimum (predefined areas and interventions' targets are fine).</summary>
public sealed class DisplacementRequestParser(SceneMonitorDb db, Privacy privacy)
{
    public const int MaxCells = 40_000;
    public const int MaxPermutations = 9_999;

    public async Task<(DisplacementParameters? Parameters, Dictionary<string, string[]>? Errors)> ParseAsync(
        DisplacementRequest r, ObservationView view, CancellationToken ct, Geometry? studyArea = null, string? studyLabel = null, Geometry? target = null)
    {
        var errors = new Dictionary<string, string[]>();
        var cellSize = CellSize(r.CellSize, view, errors);
        var grid = r.Grid ?? "hex";
        if (grid is not ("hex" or "square")) errors["grid"] = ["must be hex or square"];
        if (r.Band is { } band && (!double.IsFinite(band) || band <= 0 || band > 10_000)) errors["band"] = ["must be a distance in metres, above 0 and at most 10000"];
        if (r.K is { } k && k is < 1 or > 100) errors["k"] = ["must be between 1 and 100 nearest neighbours"];
        if (r.K is not null && r.Band is not null) errors["k"] = ["give either band or k, not both"];
        if (r.Permutations is { } perms && perms is < 0 or > MaxPermutations)
            errors["permutations"] = [$"must be between 0 (normal approximation) and {MaxPermutations} Gi* permutations"];
        var spptMethod = r.SpptMethod ?? "proportion";
        if (spptMethod is not ("proportion" or "resample")) errors["spptMethod"] = ["must be \"proportion\" (proportion differences, BY-adjusted) or \"resample\" (Andresen's resampling test)"];

        var before = Period(r.Before, "before", errors);
        var after = Period(r.After, "after", errors);
        if (before is not null && after is not null && before.From < after.To && after.From < before.To)
            errors["after"] = ["overlaps the before period; the two periods must not overlap"];
        if (view.AggregatesOnly)
            foreach (var (period, field) in new[] { (before, "before"), (after, "after") })
                if (period is not null && privacy.Granularity.CheckPeriod(period.From, period.To, field, field) is { } v) errors[v.Field] = [v.Message];

        var categories = r.Categories ?? [];
        var known = await db.Categories.Select(c => c.Code).ToListAsync(ct);
        var unknown = categories.Where(c => !known.Contains(c)).ToList();
        if (unknown.Count > 0) errors["categories"] = [$"unknown: {string.Join(", ", unknown)}"];

        if (studyArea is null) (studyArea, studyLabel) = await StudyAreaAsync(r.Area, errors, ct, view);
        if (target is null && r.Target is { ValueKind: not JsonValueKind.Null }) target = Polygonal(r.Target, "target", errors, view);
        var control = r.Control is { ValueKind: not JsonValueKind.Null } ? Polygonal(r.Control, "control", errors, view) : null;
        var catchment = await CatchmentRequest.ParseAsync(db, r, control is not null, view, errors, ct);
        control ??= catchment.AreasGeometry;

        if (studyArea is not null && errors.Count == 0)
        {
            // Rough size check in degrees² → m² at Brussels' latitude, to refuse grids that would be huge.
            var m2 = studyArea.Area * 111_320 * 70_000;
            var cellArea = grid == "hex" ? 2.598 * cellSize * cellSize : cellSize * cellSize;
            if (m2 / cellArea > MaxCells) errors["cellSize"] = [$"the study area would need about {m2 / cellArea:0} cells (at most {MaxCells}); use larger cells or a smaller area"];
        }
        if (errors.Count > 0) return (null, errors);
        return (new DisplacementParameters
        {
            View = view, StudyArea = studyArea!, StudyAreaLabel = studyLabel!, Target = target, Control = control,
            Categories = categories.Distinct().Order().ToList(), Before = before!, After = after!, CellSize = cellSize, Grid = grid,
            Band = r.Band, K = r.K, Fdr = r.Fdr ?? true, OnlySweptCells = r.OnlySweptCells ?? false, Seed = r.Seed ?? 1,
            Permutations = r.Permutations ?? 999, SpptMethod = spptMethod,
            RingDistances = catchment.Rings ?? [.. DisplacementParameters.DefaultRings],
            ControlFrom = r.ControlFrom, ControlAreaIds = catchment.AreaIds, ControlLabel = catchment.Label ?? (control is null ? null : "drawn"),
        }, null);
    }

    /// <summary>The cell size of a grid analysis (default 150 m): 25–2000 m, and for coarse views
    /// never finer than the privacy grid (the emerging analysis uses the same rule).</summary>
    public static double CellSize(double? requested, ObservationView view, Dictionary<string, string[]> errors)
    {
        var cellSize = requested ?? 150;
        if (!double.IsFinite(cellSize) || cellSize is < 25 or > 2000) errors["cellSize"] = ["must be between 25 and 2000 metres"];
        else if (!view.IsExact && cellSize < view.GridMetres) errors["cellSize"] = [$"must be at least {view.GridMetres} m for your role (the privacy grid)"];
        return cellSize;
    }

    private static Period? Period(PeriodInput? input, string field, Dictionary<string, string[]> errors)
    {
        if (input?.From is not { } from || input.To is not { } to)
        {
            errors[field] = ["is required: {\"from\": ISO 8601, \"to\": ISO 8601} (half-open)"];
            return null;
        }
        if (to <= from) { errors[field] = ["'to' must be after 'from'"]; return null; }
        return new Period(from, to);
    }

    /// <summary>A GeoJSON polygon drawn by the caller; for planners no smaller than their minimum.</summary>
    private Geometry? Polygonal(JsonElement? e, string field, Dictionary<string, string[]> errors, ObservationView view)
    {
        var (g, error) = GeoJsonGeometry.ReadPolygonal(e);
        if (error is not null) errors[field] = [error];
        else if (g is not null && view.AggregatesOnly && privacy.Granularity.CheckPolygon(g, field) is { } v) errors[v.Field] = [v.Message];
        return g;
    }

    /// <summary>An area id, a bbox [minLon, minLat, maxLon, maxLat] or a GeoJSON polygon, with a label.</summary>
    public async Task<(Geometry?, string?)> StudyAreaAsync(JsonElement? area, Dictionary<string, string[]> errors, CancellationToken ct, ObservationView view)
    {
        switch (area)
        {
            case { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var id):
                var a = await db.Areas.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
                if (a is null) { errors["area"] = [$"area {id} does not exist (see GET /api/areas)"]; return (null, null); }
                return (a.Geometry, $"area {a.Id}: {a.Name}");
            case { ValueKind: JsonValueKind.Array } arr:
                var v = arr.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number ? x.GetDouble() : double.NaN).ToArray();
                if (v.Length != 4 || v.Any(d => !double.IsFinite(d)) || v[0] >= v[2] || v[1] >= v[3])
                {
                    errors["area"] = ["a bbox must be [minLon, minLat, maxLon, maxLat] with min below max"];
                    return (null, null);
                }
                if (view.AggregatesOnly && privacy.Granularity.CheckBbox(v, "area") is { } small)
                {
                    errors[small.Field] = [small.Message];
                    return (null, null);
                }
                var box = new GeometryFactory(new PrecisionModel(), 4326).ToGeometry(new Envelope(v[0], v[2], v[1], v[3]));
                return (box, $"bbox {string.Join(",", v.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}");
            case { ValueKind: JsonValueKind.Object }:
                var g = Polygonal(area, "area", errors, view);
                return (g, "custom polygon");
            default:
                errors["area"] = ["is required: an area id, a bbox [minLon, minLat, maxLon, maxLat] or a GeoJSON Polygon"];
                return (null, null);
        }
    }
}
