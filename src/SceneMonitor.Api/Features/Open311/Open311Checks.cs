using SceneMonitor.Api.Security;

namespace SceneMonitor.Api.Features.Open311;

/// <summary>Who may call, and for which jurisdiction; answers in the spec's error shape.</summary>
public static class Open311Checks
{
    /// <summary>The path's format (.xml, .json or none), then jurisdiction_id from the query or, for a POST,
    /// its already-read <paramref name="form"/>.</summary>
    public static Open311Reply? Jurisdiction(HttpRequest request, Open311Options options, IFormCollection? form = null)
    {
        if (Open311Error.Format(request) is { } badFormat) return badFormat;
        var given = request.Query["jurisdiction_id"].FirstOrDefault() ?? form?["jurisdiction_id"].FirstOrDefault();
        if (options.Jurisdiction is null || given is null || given == options.Jurisdiction) return null;
        return Open311Error.Result(StatusCodes.Status404NotFound, $"jurisdiction_id '{given}' is not served here; this endpoint serves '{options.Jurisdiction}'");
    }

    /// <summary>Null when the caller's role is one of <paramref name="policy"/>'s roles.</summary>
    public static Open311Reply? Role(HttpContext http, string policy, string what)
    {
        if (http.User.Identity?.IsAuthenticated != true)
            return Open311Error.Result(StatusCodes.Status401Unauthorized, $"api_key is missing, invalid or revoked; {what} needs a valid key");
        return Policies.RolesOf[policy].Contains(http.User.RoleOf())
            ? null
            : Open311Error.Result(StatusCodes.Status403Forbidden, $"this key's role ({http.User.RoleOf()}) may not {what}");
    }

    /// <summary>True when the caller presented no credential at all (no api_key, X-Api-Key or Authorization):
    /// such a GET gets the status-only answer. A key that was presented but is wrong still gets 401, so a
    /// misconfigured client learns that its key fails instead of silently reading less.</summary>
    public static bool KeyLess(HttpContext http) =>
        http.User.Identity?.IsAuthenticated != true
        && !http.Request.Query.ContainsKey(ApiKeys.Open311Field)
        && !http.Request.Headers.ContainsKey(ApiKeys.Header)
        && !http.Request.Headers.ContainsKey("Authorization");
}
