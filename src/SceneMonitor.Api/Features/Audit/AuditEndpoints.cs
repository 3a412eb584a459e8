using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;

namespace SceneMonitor.Api.Features.Audit;

/// <summary>GET /api/audit for admins. There is deliberately no route that writes, changes or deletes
/// audit lines: they are written by the app as things happen, and the database refuses changes.</summary>
public static class AuditEndpoints
{
    public const int MaxLimit = 1000;

    public sealed record AuditLine(long Id, DateTimeOffset At, string Actor, string? Role, string? Organisation, string Action, string? Target, JsonElement? Parameters, int? RowCount);
    public sealed record AuditPage(IReadOnlyList<AuditLine> Items, string? Next);

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", List).WithTags("Admin").RequireAuthorization(Policies.Admin)
            .WithQuery(FilterParser.Period, [OpenApiQuery.Text("action", "One audit action."), OpenApiQuery.Text("user", "User name."),
                OpenApiQuery.Whole("limit", "Lines per page (default 100)."), OpenApiQuery.Whole("before", "The id from the previous page's 'next' link.")])
            .WithSummary("Audit lines, newest first: filters from, to (half-open), action, user; paged with limit and the 'next' link (before=<id>).");
        return app;
    }

    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> List(HttpRequest request, AuditStore store, CancellationToken ct)
    {
        var q = request.Query;
        if (!FilterParser.TryTime(q, "from", out var from, out var p1)) return p1!;
        if (!FilterParser.TryTime(q, "to", out var to, out var p2)) return p2!;
        var action = q["action"].FirstOrDefault();
        if (action is not null && !AuditActions.All.Contains(action)) return Problems.BadRequest("action", $"must be one of {string.Join(", ", AuditActions.All)}");
        var limit = 100;
        if (q.TryGetValue("limit", out var l) && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            return Problems.BadRequest("limit", $"must be a whole number from 1 to {MaxLimit}");
        long? before = null;
        if (q.TryGetValue("before", out var b))
        {
            if (!long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return Problems.BadRequest("before", "must be the id from a previous page's 'next' link");
            before = id;
        }
        var user = q["user"].FirstOrDefault();
        var rows = await store.ListAsync(new AuditStore.Query(from, to, action, string.IsNullOrWhiteSpace(user) ? null : user.Trim(), before, limit + 1), ct);
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(limit);
            var rest = q.Where(kv => kv.Key != "before").SelectMany(kv => kv.Value.Select(v => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(v ?? "")}"))
                .Append($"before={rows[^1].Id.ToString(CultureInfo.InvariantCulture)}");
            next = $"{request.PathBase}{request.Path}?{string.Join('&', rest)}";
        }
        var items = rows.Select(e => new AuditLine(e.Id, e.At, e.Actor, e.Role, e.Organisation, e.Action, e.Target,
            e.Parameters is null ? null : JsonDocument.Parse(e.Parameters).RootElement.Clone(), e.RowCount)).ToList();
        return TypedResults.Ok(new AuditPage(items, next));
    }
}
