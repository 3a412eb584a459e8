using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Core.Audit;

namespace SceneMonitor.Api.Security;

/// <summary>Endpoint filters that apply the role rules to analysis endpoints without touching them:
/// every run is audited; analysts and planners may not ask for cells finer than the privacy grid;
/// planners get only the summary of a stored-data analysis, with counts below k suppressed.</summary>
public static class AnalysisShaping
{
    /// <summary>Names of summary members that hold observation counts (suppressed below k for planners).</summary>
    private static readonly HashSet<string> CountMembers =
        ["countBefore", "countAfter", "targetBefore", "targetAfter", "before", "after", "controlBefore", "controlAfter", "total", "countsPerPeriod"];

    /// <summary>What a planner keeps of a stored-data analysis result.</summary>
    private static readonly string[] PlannerMembers = ["id", "createdAt", "parameters", "summary"];

    /// <summary>Writes an "analysis" audit line (method, path, query) before the analysis runs.</summary>
    public static async ValueTask<object?> Audit(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        await http.RequestServices.GetRequiredService<Auditor>()
            .WriteAsync(http, AuditActions.Analysis, Auditor.Query(http.Request), null, http.RequestAborted);
        return await next(context);
    }

    /// <summary>Refuses cellSize below the privacy grid for readers who see coarsened data, in the query
    /// or in a JSON body (read with buffering, so the handler still reads it from the start).</summary>
    public static async ValueTask<object?> MinimumCellSize(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.SeesExactPoints()) return await next(context);
        var grid = http.RequestServices.GetRequiredService<Privacy>().Settings.GridMetres;
        double? cellSize = null;
        if (double.TryParse(http.Request.Query["cellSize"].FirstOrDefault(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var q))
            cellSize = q;
        else if (http.Request.HasJsonContentType())
        {
            http.Request.EnableBuffering();
            try
            {
                using var doc = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("cellSize", out var c) && c.TryGetDouble(out var b))
                    cellSize = b;
            }
            catch (JsonException) { /* the handler reports malformed JSON itself */ }
            http.Request.Body.Position = 0;
        }
        if (cellSize < grid)
            return Problems.Invalid(new Dictionary<string, string[]> { ["cellSize"] = [$"must be at least {grid} m for your role (the privacy grid)"] });
        return await next(context);
    }

    /// <summary>For planners: only id, parameters and summary of the result, small counts suppressed.</summary>
    public static async ValueTask<object?> PlannerSummary(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (!http.User.IsPlanner()) return result;
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var inner = result;
        while (inner is INestedHttpResult nested) inner = nested.Result; // Results<A, B> wraps the actual result
        JsonNode? node = inner switch
        {
            ContentHttpResult { StatusCode: null or 200, ResponseContent: { } text } => JsonNode.Parse(text),
            IStatusCodeHttpResult { StatusCode: null or 200 } and IValueHttpResult { Value: { } value } => JsonSerializer.SerializeToNode(value, value.GetType(), options),
            _ => null,
        };
        if (node is not JsonObject full) return result;
        var shaped = new JsonObject { ["detail"] = "summary" };
        foreach (var member in PlannerMembers)
            if (full[member] is { } v) shaped[member] = v.DeepClone();
        SuppressCounts(shaped["summary"], http.RequestServices.GetRequiredService<Privacy>());
        return TypedResults.Json(shaped, options);
    }

    private static void SuppressCounts(JsonNode? node, Privacy privacy)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (value is JsonValue v && CountMembers.Contains(key) && v.TryGetValue<int>(out var n) && privacy.IsSmall(n)) o[key] = null;
                    else if (value is JsonArray counts && CountMembers.Contains(key))
                        o[key] = new JsonArray(counts.Select(c => c is JsonValue cv && cv.TryGetValue<int>(out var m) && privacy.IsSmall(m) ? null : c?.DeepClone()).ToArray());
                    else SuppressCounts(value, privacy);
                }
                break;
            case JsonArray a:
                foreach (var item in a) SuppressCounts(item, privacy);
                break;
        }
    }
}
