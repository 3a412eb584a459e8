using System.Text.Json;
using System.Text.Json.Nodes;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Domain;

namespace SceneMonitor.Api.Security;

/// <summary>Writes audit lines for the current request's user. Callers write before they send data,
/// so a read whose audit line cannot be written fails instead of going unrecorded. Whatever the
/// parameters hold, secrets (API keys, tokens, passwords) are redacted first (<see cref="AuditSecrets"/>).</summary>
public sealed class Auditor(AuditStore store)
{
    /// <summary><paramref name="parameters"/> are what shaped the answer (area, target, periods,
    /// filters, cell size), so the line tells what was asked.</summary>
    public Task WriteAsync(HttpContext http, string action, object? parameters, int? rowCount, CancellationToken ct) =>
        WriteAsync(http, action, parameters, rowCount, null, ct);

    /// <summary>With <paramref name="actor"/> for requests that have no user yet (login attempts).</summary>
    public Task WriteAsync(HttpContext http, string action, object? parameters, int? rowCount, (string Name, string? Role, string? Organisation)? actor, CancellationToken ct)
    {
        var user = http.User;
        return store.AppendAsync(new AuditEntry
        {
            Actor = actor?.Name ?? user.NameOf(),
            Role = actor is { } a ? a.Role : user.RoleOf(),
            Organisation = actor is { } b ? b.Organisation : user.OrganisationOf(),
            Action = action,
            Target = $"{http.Request.Method} {http.Request.Path}",
            Parameters = Serialise(parameters),
            RowCount = rowCount,
        }, ct);
    }

    private static string? Serialise(object? parameters)
    {
        if (parameters is null) return null;
        var node = parameters as JsonNode ?? JsonSerializer.SerializeToNode(parameters);
        // A caller's JsonObject is left as it was: redact a copy.
        if (ReferenceEquals(node, parameters)) node = node.DeepClone();
        return AuditSecrets.Redact(node)?.ToJsonString();
    }

    /// <summary>The query string as a JSON object of arrays (what a filter was).</summary>
    public static Dictionary<string, string?[]> Query(HttpRequest request) =>
        request.Query.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
}
