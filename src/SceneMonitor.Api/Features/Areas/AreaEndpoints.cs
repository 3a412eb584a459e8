using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Core.Domain;

namespace SceneMonitor.Api.Features.Areas;

public static class AreaEndpoints
{
    public sealed record CategoryCount(string Category, int Count, long Quantity);
    public sealed record AreaSummary(int AreaId, string Name, string Kind, DateTimeOffset? From, DateTimeOffset? To, int Total, IReadOnlyList<CategoryCount> Categories);

    public static IEndpointRouteBuilder MapAreaEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/areas").WithTags("Areas");
        group.MapGet("/", List).WithSummary("Areas as GeoJSON (filter with kind=region|municipality|neighbourhood|custom).");
        group.MapGet("/{id:int}/summary", Summary).WithSummary("Counts per category of observations inside the area in [from, to).");
        return app;
    }

    private static async Task<Results<GeoJsonResult, ProblemHttpResult>> List(HttpRequest request, NpgsqlDataSource db, CancellationToken ct)
    {
        string? kind = null;
        if (request.Query.TryGetValue("kind", out var kindText))
        {
            if (!Enum.TryParse<AreaKind>(kindText, ignoreCase: true, out var k))
                return Problems.BadRequest("kind", "must be one of region, municipality, neighbourhood, custom");
            kind = k.ToString();
        }
        return new GeoJsonResult(async (w, ct2) =>
        {
            await using var cmd = db.CreateCommand("""
                SELECT id, name, name_fr, name_nl, kind, code, ST_AsGeoJSON(geometry, 7)
                FROM areas WHERE @kind::text IS NULL OR kind = @kind ORDER BY kind, name
                """);
            cmd.Parameters.AddWithValue("kind", NpgsqlTypes.NpgsqlDbType.Text, (object?)kind ?? DBNull.Value);
            await using var r = await cmd.ExecuteReaderAsync(ct2);
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteStartArray("features");
            while (await r.ReadAsync(ct2))
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteNumber("id", r.GetInt32(0));
                w.WritePropertyName("geometry");
                w.WriteRawValue(r.GetString(6), skipInputValidation: true);
                w.WriteStartObject("properties");
                w.WriteNumber("id", r.GetInt32(0));
                w.WriteString("name", r.GetString(1));
                w.WriteString("nameFr", r.IsDBNull(2) ? null : r.GetString(2));
                w.WriteString("nameNl", r.IsDBNull(3) ? null : r.GetString(3));
                w.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(r.GetString(4)));
                w.WriteString("code", r.IsDBNull(5) ? null : r.GetString(5));
                w.WriteEndObject();
                w.WriteEndObject();
                await w.FlushAsync(ct2);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<Results<Ok<AreaSummary>, ProblemHttpResult>> Summary(int id, HttpRequest request, NpgsqlDataSource db, CancellationToken ct)
    {
        if (!FilterParser.TryTime(request.Query, "from", out var from, out var p1)) return p1!;
        if (!FilterParser.TryTime(request.Query, "to", out var to, out var p2)) return p2!;
        if (from is not null && to is not null && from >= to) return Problems.BadRequest("to", "must be after 'from'");

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var areaCmd = new NpgsqlCommand("SELECT name, kind FROM areas WHERE id = @id", conn);
        areaCmd.Parameters.AddWithValue("id", id);
        string name, kind;
        await using (var r = await areaCmd.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct)) return Problems.NotFound($"Area {id}");
            (name, kind) = (r.GetString(0), r.GetString(1));
        }

        await using var cmd = new NpgsqlCommand("""
            SELECT c.code, count(o.id)::int, coalesce(sum(o.quantity), 0)::bigint
            FROM categories c
            LEFT JOIN observations o ON o.category_id = c.id AND NOT o.retracted
                 AND (@from::timestamptz IS NULL OR o.observed_at >= @from) AND (@to::timestamptz IS NULL OR o.observed_at < @to)
                 AND ST_Covers((SELECT geometry FROM areas WHERE id = @id), o.location)
            GROUP BY c.code, c.sort_order ORDER BY c.sort_order
            """, conn);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("from", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)from?.ToUniversalTime() ?? DBNull.Value);
        cmd.Parameters.AddWithValue("to", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)to?.ToUniversalTime() ?? DBNull.Value);
        var counts = new List<CategoryCount>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) counts.Add(new CategoryCount(r.GetString(0), r.GetInt32(1), r.GetInt64(2)));
        return TypedResults.Ok(new AreaSummary(id, name, JsonNamingPolicy.CamelCase.ConvertName(kind), from, to, counts.Sum(c => c.Count), counts));
    }
}
