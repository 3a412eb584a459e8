using Microsoft.Extensions.Options;
using SceneMonitor.Api.Infrastructure;

namespace SceneMonitor.Api.Security;

/// <summary>Bound from "SecurityHeaders".</summary>
public sealed class SecurityHeadersOptions
{
    /// <summary>Replaces the built-in Content-Security-Policy entirely when set.</summary>
    public string? ContentSecurityPolicy { get; set; }
}

/// <summary>Headers on every response: a CSP that allows only the app's own scripts and styles (no
/// inline script) and the base-map tiles, no framing, no MIME sniffing, no referrer.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<MapOptions> map, IOptions<SecurityHeadersOptions> options)
{
    private readonly string _csp = options.Value.ContentSecurityPolicy ?? BuildCsp(map.Value.TileUrl);

    public static string BuildCsp(string tileUrl)
    {
        var tiles = TileOrigin(tileUrl);
        return "default-src 'self'; script-src 'self'; style-src 'self'; " +
               $"img-src 'self' data:{(tiles is null ? "" : " " + tiles)}; connect-src 'self'; font-src 'self'; " +
               "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    /// <summary>"https://{s}.tile.example.org/{z}/{x}/{y}.png" → "https://*.tile.example.org".</summary>
    public static string? TileOrigin(string tileUrl)
    {
        var schemeEnd = tileUrl.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0) return null;
        var hostEnd = tileUrl.IndexOf('/', schemeEnd + 3);
        var origin = hostEnd < 0 ? tileUrl : tileUrl[..hostEnd];
        // Placeholders in the host ({s}, {a-c}) become a wildcard label.
        return System.Text.RegularExpressions.Regex.Replace(origin, @"\{[^}]*\}", "*");
    }

    public Task InvokeAsync(HttpContext context)
    {
        var h = context.Response.Headers;
        h.ContentSecurityPolicy = _csp;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        h["Cross-Origin-Opener-Policy"] = "same-origin";
        h["Permissions-Policy"] = "geolocation=(self), camera=(), microphone=(), payment=()";
        return next(context);
    }
}
