using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Areas;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Domain;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Areas;

public static class AreaEndpoints
{
    /// <summary>Count and quantity are null when suppressed (planners: see <see cref="Summary"/>).</summary>
    public sealed record CategoryCount(string Category, int? Count, long? Quantity);
    /// <param name="Total">Observations in the area and period; for planners null when from 1 to k − 1.</param>
    public sealed record AreaSummary(int AreaId, string Name, string Kind, DateTimeOffset? From, DateTimeOffset? To, int? Total, IReadOnlyList<CategoryCount> Categories);
    public sealed record AreaInput(string? Name, string? NameFr, string? NameNl, JsonElement? Geometry);
    public sealed record AreaResponse(int Id, string Name, string? NameFr, string? NameNl, string Kind, JsonElement Geometry);

    public static IEndpointRouteBuilder MapAreaEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/areas").WithTags("Areas").RequireAuthorization(Policies.Read);
        group.MapGet("/", List)
            .WithQuery([OpenApiQuery.Text("kind", "region, municipality, neighbourhood or custom."),
                OpenApiQuery.Number("zoom", "Map zoom level (0 to 22): outlines simplified to half a pixel at that zoom; full detail without it.")])
            .Produces(StatusCodes.Status200OK, contentType: "application/geo+json").Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Areas as GeoJSON (filter with kind=region|municipality|neighbourhood|custom; zoom=n for outlines simplified for that zoom). Sent with an ETag and Cache-Control: private, no-cache; If-None-Match with the current ETag gives 304 Not Modified.");
        group.MapGet("/{id:int}/summary", Summary).WithQuery(FilterParser.Period)
            .WithSummary("Counts per category of observations inside the area in [from, to). Analysts and planners count on the coarsened view. Planners: from/to at midnight (422 otherwise); when a category is from 1 to k − 1 every category is null and only the total shows.");
        group.MapPost("/", Create).RequireAuthorization(Policies.Admin).Accepts<AreaInput>("application/json")
            .WithSummary("Admin: add a custom area (target, buffer or control zone): name and a GeoJSON Polygon or MultiPolygon.");
        group.MapPut("/{id:int}", Update).RequireAuthorization(Policies.Admin).Accepts<AreaInput>("application/json").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Admin: change a custom area's names or geometry (boundaries from geodata cannot be changed).");
        group.MapDelete("/{id:int}", Delete).RequireAuthorization(Policies.Admin).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Admin: delete a custom area.");
        return app;
    }

    private static async Task<IResult> List(HttpContext http, AreaStore store, AreaListCache cache, CancellationToken ct)
    {
        var request = http.Request;
        AreaKind? kind = null;
        if (request.Query.TryGetValue("kind", out var kindText))
        {
            if (!Enum.TryParse<AreaKind>(kindText, ignoreCase: true, out var k))
                return Problems.BadRequest("kind", "must be one of region, municipality, neighbourhood, custom");
            kind = k;
        }
        double? zoom = null;
        if (request.Query.TryGetValue("zoom", out var zoomText))
        {
            if (!double.TryParse(zoomText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var z)
                || !double.IsFinite(z) || z < 0 || z > AreaListCache.MaxZoom)
                return Problems.BadRequest("zoom", $"must be a map zoom level from 0 to {AreaListCache.MaxZoom}");
            zoom = z;
        }
        return await cache.GetAsync(http, store, kind, zoom, ct);
    }

    private static async Task<Results<Ok<AreaSummary>, ProblemHttpResult>> Summary(
        int id, HttpContext http, AreaStore store, Privacy privacy, Auditor audit, CancellationToken ct)
    {
        var request = http.Request;
        if (!FilterParser.TryTime(request.Query, "from", out var from, out var p1)) return p1!;
        if (!FilterParser.TryTime(request.Query, "to", out var to, out var p2)) return p2!;
        if (from is not null && to is not null && from >= to) return Problems.BadRequest("to", "must be after 'from'");
        if (privacy.CheckPlanner(http.User, new ObservationFilter { From = from, To = to }) is { } refused) return refused;

        if (await store.CountsAsync(id, from, to, privacy.ViewFor(http.User), ct) is not { } area) return Problems.NotFound($"Area {id}");
        var (name, kind) = (area.Name, area.Kind);
        var counts = area.Categories.Select(c => new CategoryCount(c.Category, c.Count, c.Quantity)).ToList();
        var total = counts.Sum(c => c.Count!.Value);
        await audit.WriteAsync(http, AuditActions.ReadAggregates, new { kind = "area_summary", areaId = id, from, to }, counts.Count, ct);
        if (http.User.IsPlanner())
        {
            // The total stays: the same total is what the time series, the area aggregates and the clusters
            // publish for this area and period, so it is the categories that give way.
            var group = privacy.Counts.Protect(total, counts.Select(c => (long)c.Count!.Value).ToList());
            counts = counts.Select((c, i) => group.Parts[i] is null ? c with { Count = null, Quantity = null } : c).ToList();
            return TypedResults.Ok(new AreaSummary(id, name, JsonNamingPolicy.CamelCase.ConvertName(kind), from, to, (int?)group.Total, counts));
        }
        return TypedResults.Ok(new AreaSummary(id, name, JsonNamingPolicy.CamelCase.ConvertName(kind), from, to, total, counts));
    }

    private static async Task<Results<Created<AreaResponse>, ProblemHttpResult>> Create(HttpContext http, SceneMonitorDb db, Auditor audit, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<AreaInput>(http.Request, ct);
        if (problem is not null) return problem;
        var area = new Area { Name = "", Kind = AreaKind.Custom, Geometry = NetTopologySuite.Geometries.Polygon.Empty };
        if (Apply(input!, area, creating: true) is { } errors) return Problems.Invalid(errors, "The area is invalid; nothing was stored.");
        db.Areas.Add(area);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(http, AuditActions.AdminChange, new { entity = "area", op = "create", id = area.Id, area.Name }, 1, ct);
        return TypedResults.Created($"/api/areas/{area.Id}", ToResponse(area));
    }

    private static async Task<Results<Ok<AreaResponse>, ProblemHttpResult>> Update(int id, HttpContext http, SceneMonitorDb db, Auditor audit, CancellationToken ct)
    {
        var area = await db.Areas.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (area is null) return Problems.NotFound($"Area {id}");
        if (area.Kind != AreaKind.Custom) return NotCustom(id);
        var (input, problem) = await JsonBody.ReadAsync<AreaInput>(http.Request, ct);
        if (problem is not null) return problem;
        if (Apply(input!, area, creating: false) is { } errors) return Problems.Invalid(errors, "The change is invalid; nothing was changed.");
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(http, AuditActions.AdminChange, new { entity = "area", op = "update", id, area.Name, geometryChanged = input!.Geometry is not null }, 1, ct);
        return TypedResults.Ok(ToResponse(area));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, HttpContext http, SceneMonitorDb db, Auditor audit, CancellationToken ct)
    {
        var area = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (area is null) return Problems.NotFound($"Area {id}");
        if (area.Kind != AreaKind.Custom) return NotCustom(id);
        if (await db.SceneSizeBenchmarks.CountAsync(b => b.AreaId == id, ct) is > 0 and var used)
            return TypedResults.Problem(title: $"Area {id} has {used} scene-size benchmark(s); delete those first.", statusCode: StatusCodes.Status409Conflict);
        await db.Areas.Where(a => a.Id == id).ExecuteDeleteAsync(ct);
        await audit.WriteAsync(http, AuditActions.AdminChange, new { entity = "area", op = "delete", id, area.Name }, 1, ct);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotCustom(int id) =>
        TypedResults.Problem(title: $"Area {id} is an official boundary loaded from geodata; only custom areas can be changed.", statusCode: StatusCodes.Status409Conflict);

    /// <summary>Validates first and changes the entity only when everything is valid.</summary>
    private static Dictionary<string, string[]>? Apply(AreaInput input, Area target, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        if ((creating || input.Name is not null) && (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 200)) errors["name"] = ["is required (1–200 characters)"];
        else if (PersonalDataScanner.Scan(input.Name) is { } finding) errors["name"] = [finding.Message]; // every role reads area names
        if (input.NameFr is { Length: > 200 }) errors["nameFr"] = ["is longer than 200 characters"];
        if (input.NameNl is { Length: > 200 }) errors["nameNl"] = ["is longer than 200 characters"];
        NetTopologySuite.Geometries.Geometry? geometry = null;
        if (creating || input.Geometry is not null)
        {
            var (g, error) = GeoJsonGeometry.ReadPolygonal(input.Geometry);
            if (error is not null) errors["geometry"] = [error]; else geometry = g;
        }
        if (errors.Count > 0) return errors;
        if (input.Name is not null) target.Name = input.Name.Trim();
        if (input.NameFr is not null) target.NameFr = input.NameFr.Trim();
        if (input.NameNl is not null) target.NameNl = input.NameNl.Trim();
        if (geometry is not null) target.Geometry = geometry;
        return null;
    }

    private static AreaResponse ToResponse(Area a) =>
        new(a.Id, a.Name, a.NameFr, a.NameNl, JsonNamingPolicy.CamelCase.ConvertName(a.Kind.ToString()), GeoJsonGeometry.Write(a.Geometry));
}
