using System.Security.Claims;
using SceneMonitor.Core.Security;

namespace SceneMonitor.Api.Security;

/// <summary>Turns an identity provider's user into a SceneMonitor user: name, role (from the role
/// claim through Auth:Oidc:RoleMap) and organisation. A user without a recognised role gets nothing.</summary>
public static class OidcMapping
{
    public sealed record Mapped(string Name, string Role, string? Organisation);

    public static (Mapped? User, string? Error) Map(ClaimsPrincipal principal, OidcOptions o)
    {
        var name = principal.FindFirst(o.NameClaim)?.Value ?? principal.FindFirst("email")?.Value ?? principal.FindFirst("sub")?.Value;
        if (string.IsNullOrWhiteSpace(name)) return (null, $"the identity provider sent no '{o.NameClaim}' claim");

        // Highest-privilege role wins when several values map, so the order of claims does not matter;
        // admin only when explicitly allowed.
        var roles = principal.FindAll(o.RoleClaim).SelectMany(c => c.Value.Split(' ', ',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => o.RoleMap.TryGetValue(v, out var mapped) ? mapped : v)
            .Where(Roles.IsValid)
            .Where(r => r != Roles.Admin || o.AllowAdmin)
            .ToList();
        var role = new[] { Roles.Admin, Roles.Recorder, Roles.Analyst, Roles.Planner }.FirstOrDefault(roles.Contains);
        if (role is null) return (null, $"no SceneMonitor role in the '{o.RoleClaim}' claim; ask an administrator to map one in Auth:Oidc:RoleMap");

        var organisation = principal.FindFirst(o.OrganisationClaim)?.Value ?? o.DefaultOrganisation;
        if (role == Roles.Recorder && string.IsNullOrWhiteSpace(organisation))
            return (null, $"recorders need an organisation: send a '{o.OrganisationClaim}' claim or set Auth:Oidc:DefaultOrganisation");
        return (new Mapped(name.Trim().ToLowerInvariant(), role, organisation), null);
    }

    /// <summary>Whether the mapping rules can give a user this role (checked again on every request
    /// with a provider's token, so a rule tightened later, e.g. AllowAdmin off, applies at once).</summary>
    public static bool Permits(string? role, string? organisation, OidcOptions o) =>
        Roles.IsValid(role) && (role != Roles.Admin || o.AllowAdmin) && (role != Roles.Recorder || !string.IsNullOrWhiteSpace(organisation));
}
