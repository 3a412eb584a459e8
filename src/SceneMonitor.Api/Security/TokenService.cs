using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SceneMonitor.Api.Security;

/// <summary>Issues the API's bearer tokens (JWT, HMAC-SHA256) for a signed-in user.</summary>
public sealed class TokenService(SigningKeyProvider keys, IOptions<AuthOptions> options, TimeProvider clock)
{
    public sealed record Issued(string Token, DateTimeOffset ExpiresAt);

    /// <param name="securityStamp">The account's stamp; null only for an identity-provider user
    /// without a local account of that name.</param>
    public Issued Issue(string name, string role, string? organisation, string source, string? securityStamp)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var expires = now + o.TokenLifetime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = name,
            [UserClaims.Name] = name,
            [UserClaims.Role] = role,
            [UserClaims.Source] = source,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (!string.IsNullOrEmpty(organisation)) claims[UserClaims.Organisation] = organisation;
        if (securityStamp is not null) claims[UserClaims.Stamp] = securityStamp;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = o.Issuer,
            Audience = o.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });
        return new Issued(token, expires);
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = options.Value.Issuer,
        ValidAudience = options.Value.Audience,
        IssuerSigningKey = keys.Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = UserClaims.Name,
        RoleClaimType = UserClaims.Role,
        ClockSkew = TimeSpan.FromSeconds(30),
    };
}
