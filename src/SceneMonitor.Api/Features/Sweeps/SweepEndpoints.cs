using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using SceneMonitor.Api.Features.Observations;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Security;
using SceneMonitor.Core.Sweeps;

namespace SceneMonitor.Api.Features.Sweeps;

/// <summary>Observation effort: an outreach round or syringe patrol that looked for traces in an area
/// (a polygon, or a route buffered by its width) during [from, to). Analyses can keep to swept cells.</summary>
public static class SweepEndpoints
{
    public sealed record SweepInput(string? Source, JsonElement? Area, JsonElement? Route, double? WidthMetres, DateTimeOffset? From, DateTimeOffset? To);
    public sealed record SweepResponse(int Id, string Source, string? Organisation, JsonElement Area, DateTimeOffset From, DateTimeOffset To);

    public static IEndpointRouteBuilder MapSweepEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sweeps").WithTags("Sweeps");
        group.MapGet("/", List).RequireAuthorization(Policies.Points).WithQuery(FilterParser.Period).WithSummary("Sweeps overlapping [from, to).");
        group.MapPost("/", Create).RequireAuthorization(Policies.Record).Accepts<SweepInput>("application/json")
            .WithSummary("Record a sweep: either 'area' (Polygon) or 'route' (LineString) with 'widthMetres'.");
        group.MapDelete("/{id:int}", Delete).RequireAuthorization(Policies.Record)
            .WithSummary("Delete a sweep; recorders only their own organisation's.");
        return app;
    }

    /// <summary>Analysts see where and when was searched, not which organisation's team went where.</summary>
    private static async Task<Results<Ok<List<SweepResponse>>, ProblemHttpResult>> List(HttpRequest request, SceneMonitorDb db, CancellationToken ct)
    {
        var showOrganisation = request.HttpContext.User.SeesExactPoints();
        if (!FilterParser.TryTime(request.Query, "from", out var from, out var p1)) return p1!;
        if (!FilterParser.TryTime(request.Query, "to", out var to, out var p2)) return p2!;
        var q = db.Sweeps.AsNoTracking();
        if (from is { } f) q = q.Where(s => s.To > f);
        if (to is { } t) q = q.Where(s => s.From < t);
        var rows = await q.OrderBy(s => s.From).Take(5000).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(s => new SweepResponse(s.Id, s.Source, showOrganisation ? s.Organisation : null, GeoJsonGeometry.Write(s.Area), s.From, s.To)).ToList());
    }

    private static async Task<Results<Created<SweepResponse>, ProblemHttpResult>> Create(HttpRequest request, SweepStore store, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<SweepInput>(request, ct);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input!.Source)) errors["source"] = ["is required (e.g. outreach, syringe_patrol)"];
        if (input.From is null) errors["from"] = ["is required"];
        else if (!QueryTime.InRange(input.From.Value)) errors["from"] = [QueryTime.OutOfRange];
        if (input.To is null) errors["to"] = ["is required"];
        else if (!QueryTime.InRange(input.To.Value)) errors["to"] = [QueryTime.OutOfRange];
        else if (input.From is not null && input.To <= input.From) errors["to"] = ["must be after from"];

        Geometry? area = null;
        double width = 0;
        if (input.Area is { ValueKind: JsonValueKind.Object })
        {
            var (g, error) = GeoJsonGeometry.ReadPolygonal(input.Area);
            if (error is not null) errors["area"] = [error]; else area = g;
        }
        else if (input.Route is { ValueKind: JsonValueKind.Object } route)
        {
            area = ReadRoute(route, errors);
            width = input.WidthMetres ?? 0;
            if (width is <= 0 or > 500) errors["widthMetres"] = ["is required with a route: 1–500 metres either side"];
        }
        else errors["area"] = ["give either 'area' (GeoJSON Polygon) or 'route' (GeoJSON LineString) with 'widthMetres'"];
        if (errors.Count > 0) return Problems.Invalid(errors, "The sweep is invalid; nothing was stored.");

        var who = ObservationEndpoints.Recorder(request);
        var (id, stored) = await store.InsertAsync(
            new SweepStore.NewSweep(input.Source!, who.Organisation, area!, width, input.From!.Value, input.To!.Value, who.RecordedBy), ct);
        return TypedResults.Created($"/api/sweeps/{id}", new SweepResponse(id, input.Source!, who.Organisation, GeoJsonGeometry.Write(stored), input.From.Value, input.To.Value));
    }

    private static Geometry? ReadRoute(JsonElement route, Dictionary<string, string[]> errors)
    {
        if (route.TryGetProperty("type", out var type) && type.GetString() == "LineString" && route.TryGetProperty("coordinates", out var coords)
            && coords.ValueKind == JsonValueKind.Array && coords.GetArrayLength() >= 2)
        {
            try
            {
                var points = coords.EnumerateArray().Select(c => new Coordinate(c[0].GetDouble(), c[1].GetDouble())).ToArray();
                // 1e999 reads as infinity; PostGIS would fail on it far from here.
                if (points.All(p => double.IsFinite(p.X) && double.IsFinite(p.Y) && p.X is >= -180 and <= 180 && p.Y is >= -90 and <= 90))
                    return new LineString(points) { SRID = 4326 };
            }
            catch (Exception e) when (e is InvalidOperationException or IndexOutOfRangeException or FormatException) { }
        }
        errors["route"] = ["must be a GeoJSON LineString with at least two [lon, lat] positions of finite numbers (lon -180..180, lat -90..90)"];
        return null;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, HttpContext http, SceneMonitorDb db, CancellationToken ct)
    {
        var sweep = await db.Sweeps.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.Organisation }).FirstOrDefaultAsync(ct);
        if (sweep is null) return Problems.NotFound($"Sweep {id}");
        if (http.User.RoleOf() != Roles.Admin && sweep.Organisation != http.User.OrganisationOf())
            return TypedResults.Problem(title: $"Sweep {id} belongs to another organisation; only that organisation or an admin can delete it.", statusCode: StatusCodes.Status403Forbidden);
        await db.Sweeps.Where(s => s.Id == id).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }
}
