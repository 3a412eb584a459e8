using System.Text;

namespace SceneMonitor.Api.Security;

/// <summary>An API key sent as the password of HTTP Basic (any user name), for GIS clients that cannot
/// send a custom header: QGIS before 3.26 has no "API Header" authentication, but every QGIS and GDAL
/// sends Basic. Accepted only for reads (GET, HEAD) of the data GIS clients load, so a password a browser
/// remembered and sends by itself can never write, and the browser's password prompt that a Basic
/// challenge brings up is never shown for the page's own API calls (those carry a bearer token).
/// The key is never put in a URL: URLs end up in proxy logs, browser history and project files.</summary>
public static class BasicKeys
{
    public const string Realm = "SceneMonitor";
    /// <summary>What a 401 on these paths answers, so QGIS asks for a user name and password.</summary>
    public const string Challenge = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";

    /// <summary>OGC API – Features, file exports, aggregated counts and the observation list: what the
    /// README tells QGIS and GDAL users to load.</summary>
    public static readonly string[] Paths = ["/ogc", "/api/exports", "/api/aggregates", "/api/observations"];

    public static bool AppliesTo(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && Paths.Any(p => request.Path.StartsWithSegments(p));

    public static bool IsBasic(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);

    /// <summary>The password of a Basic header (the user name when the password is empty, as in
    /// `curl -u smk_…:`); null when the header is not Basic; "" when it cannot be read.</summary>
    public static string? Key(HttpRequest request)
    {
        if (!IsBasic(request)) return null;
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization.ToString()["Basic ".Length..].Trim())); }
        catch (FormatException) { return ""; }
        var colon = decoded.IndexOf(':');
        if (colon < 0) return "";
        var password = decoded[(colon + 1)..].Trim();
        return password.Length > 0 ? password : decoded[..colon].Trim();
    }
}
