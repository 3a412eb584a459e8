using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SceneMonitor.Core.Data;

namespace SceneMonitor.Api.Security;

/// <summary>API keys for machine clients: "smk_" + 32 random bytes (base64url). Only the SHA-256 is
/// stored; a key is looked up by its hash. A plain hash suffices (no PBKDF2) because the key is
/// 256 random bits, not a password a person chose.</summary>
public static class ApiKeys
{
    public const string Header = "X-Api-Key";
    public const string Scheme = "ApiKey";
    /// <summary>Open311 GeoReport v2 clients send the key as an `api_key` form or query field.</summary>
    public const string Open311Field = "api_key";
    public const string Open311Path = "/open311";
    private const string KeyPrefix = "smk_";

    public static string Generate() =>
        KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>What an admin sees to tell keys apart: "smk_" and the next 8 characters.</summary>
    public static string PrefixOf(string key) => key[..Math.Min(key.Length, KeyPrefix.Length + 8)];
}

/// <summary>Authenticates requests carrying an API key (X-Api-Key, Basic on GIS reads, Open311's api_key)
/// as the key's role and organisation.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, SceneMonitorDb db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = await PresentedKeyAsync();
        if (presented is null) return AuthenticateResult.NoResult();
        if (presented.Length is < 20 or > 200) return AuthenticateResult.Fail("Invalid API key.");
        var hash = ApiKeys.Hash(presented);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Hash == hash, Context.RequestAborted);
        if (key is null || key.RevokedAt is not null) return AuthenticateResult.Fail("Invalid or revoked API key.");

        var now = clock.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(5))
        {
            key.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }
        var identity = UserClaims.Identity($"apikey:{key.Name}", key.Role, key.Organisation, UserClaims.ApiKey, ApiKeys.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new System.Security.Claims.ClaimsPrincipal(identity), Scheme.Name));
    }

    /// <summary>On the GIS read paths, a 401 also asks for Basic (<see cref="BasicKeys"/>) so QGIS prompts.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (BasicKeys.AppliesTo(Request))
        {
            // Both ways in: a bearer token (as on every other path) or Basic, which makes QGIS prompt.
            Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.WWWAuthenticate, "Bearer");
            Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.WWWAuthenticate, BasicKeys.Challenge);
        }
        return base.HandleChallengeAsync(properties);
    }

    /// <summary>The X-Api-Key header; on GIS reads the password of Basic; under /open311 also the spec's
    /// `api_key` query or form field.</summary>
    private async Task<string?> PresentedKeyAsync()
    {
        if (Request.Headers.TryGetValue(ApiKeys.Header, out var header)) return header.ToString().Trim();
        if (BasicKeys.AppliesTo(Request) && BasicKeys.Key(Request) is { } basic) return basic;
        if (!Request.Path.StartsWithSegments(ApiKeys.Open311Path)) return null;
        if (Request.Query.TryGetValue(ApiKeys.Open311Field, out var query)) return query.ToString().Trim();
        if (!Request.HasFormContentType) return null;
        try
        {
            var form = await Request.ReadFormAsync(Context.RequestAborted);
            return form.TryGetValue(ApiKeys.Open311Field, out var field) ? field.ToString().Trim() : null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return null; // an unreadable form is reported by the endpoint, which reads it again
        }
    }
}
