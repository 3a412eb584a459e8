using System.Security.Claims;
using SceneMonitor.Core.Security;

namespace SceneMonitor.Api.Security;

/// <summary>The claims SceneMonitor's identities carry, whatever the way in (token, API key).</summary>
public static class UserClaims
{
    public const string Name = "name";
    public const string Role = "role";
    public const string Organisation = "org";
    /// <summary>How the user signed in: local, oidc or apikey.</summary>
    public const string Source = "auth";
    /// <summary>The account's security stamp when the token was issued (Account.SecurityStamp).</summary>
    public const string Stamp = "stamp";

    public const string Local = "local";
    public const string Oidc = "oidc";
    public const string ApiKey = "apikey";

    public static string? RoleOf(this ClaimsPrincipal user) => user.FindFirst(Role)?.Value;
    public static string? OrganisationOf(this ClaimsPrincipal user) => user.FindFirst(Organisation)?.Value;
    public static string NameOf(this ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "unknown" : "anonymous";

    /// <summary>Sees exact points and unsuppressed data (recorder, admin).</summary>
    public static bool SeesExactPoints(this ClaimsPrincipal user) => user.RoleOf() is Roles.Recorder or Roles.Admin;

    public static bool IsPlanner(this ClaimsPrincipal user) => user.RoleOf() == Roles.Planner;

    public static ClaimsIdentity Identity(string name, string role, string? organisation, string source, string authenticationType)
    {
        var claims = new List<Claim> { new(Name, name), new(Role, role), new(Source, source) };
        if (!string.IsNullOrEmpty(organisation)) claims.Add(new Claim(Organisation, organisation));
        return new ClaimsIdentity(claims, authenticationType, Name, Role);
    }
}
