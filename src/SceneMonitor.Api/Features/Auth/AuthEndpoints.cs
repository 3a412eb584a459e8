using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Data;

namespace SceneMonitor.Api.Features.Auth;

/// <summary>Sign-in: local accounts get a bearer token from POST /api/auth/login; with Auth:Oidc:Enabled,
/// /api/auth/oidc/login sends the browser to the city's identity provider and back with a token.</summary>
public static class AuthEndpoints
{
    public sealed record LoginRequest(string? Username, string? Password);
    public sealed record UserResponse(string Name, string Role, string? Organisation);
    public sealed record LoginResponse(string Token, DateTimeOffset ExpiresAt, UserResponse User);

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Authentication");
        group.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(SecuritySetup.LoginRateLimit)
            .Accepts<LoginRequest>("application/json")
            .WithSummary("Exchange a local account's name and password for a bearer token (send it as 'Authorization: Bearer <token>').");
        group.MapGet("/me", Me).RequireAuthorization(Policies.Read).WithSummary("Who the token belongs to: name, role, organisation.");

        var oidc = app.ServiceProvider.GetRequiredService<IOptions<AuthOptions>>().Value.Oidc;
        if (oidc.Enabled)
        {
            group.MapGet("/oidc/login", OidcLogin).AllowAnonymous().RequireRateLimiting(SecuritySetup.LoginRateLimit)
                .WithSummary("Start sign-in at the identity provider (browser navigation, not fetch).");
            group.MapGet("/oidc/complete", OidcComplete).AllowAnonymous()
                .WithSummary("Where the identity provider's answer lands: issues a token and returns to the page with it in the URL fragment.");
        }
        return app;
    }

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Login(
        HttpContext http, AccountService accounts, TokenService tokens, Auditor audit, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<LoginRequest>(http.Request, ct);
        if (problem is not null) return problem;
        if (string.IsNullOrWhiteSpace(body!.Username) || string.IsNullOrEmpty(body.Password) || body.Username.Length > 128 || body.Password.Length > 200)
            return Problems.BadRequest(string.IsNullOrWhiteSpace(body.Username) ? "username" : "password", "username and password are required");

        var account = await accounts.SignInAsync(body.Username, body.Password, ct);
        if (account is null)
        {
            await audit.WriteAsync(http, AuditActions.FailedLogin, new { username = AccountService.Normalise(body.Username) }, null,
                (AccountService.Normalise(body.Username), null, null), ct);
            return TypedResults.Problem(title: "Wrong username or password, or the account is deactivated.", statusCode: StatusCodes.Status401Unauthorized);
        }
        var issued = tokens.Issue(account.Username, account.Role, account.Organisation, UserClaims.Local, account.SecurityStamp);
        await audit.WriteAsync(http, AuditActions.Login, new { method = "password" }, null, (account.Username, account.Role, account.Organisation), ct);
        return TypedResults.Ok(new LoginResponse(issued.Token, issued.ExpiresAt, new UserResponse(account.Username, account.Role, account.Organisation)));
    }

    private static Ok<UserResponse> Me(HttpContext http) =>
        TypedResults.Ok(new UserResponse(http.User.NameOf(), http.User.RoleOf()!, http.User.OrganisationOf()));

    private static ChallengeHttpResult OidcLogin() =>
        TypedResults.Challenge(new AuthenticationProperties { RedirectUri = "/api/auth/oidc/complete" }, [SecuritySetup.OidcScheme]);

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> OidcComplete(
        HttpContext http, TokenService tokens, Auditor audit, SceneMonitorDb db, IOptions<AuthOptions> options, CancellationToken ct)
    {
        var external = await http.AuthenticateAsync(SecuritySetup.ExternalScheme);
        await http.SignOutAsync(SecuritySetup.ExternalScheme);
        if (!external.Succeeded) return TypedResults.Problem(title: "Sign-in at the identity provider did not complete; start again.", statusCode: StatusCodes.Status401Unauthorized);

        var (user, error) = OidcMapping.Map(external.Principal, options.Value.Oidc);
        // A local account of the same name is how an admin blocks the user; its stamp goes into the
        // token, so deactivating the account ends the token for good, even if it is reactivated.
        var local = user is null ? null : await db.Accounts.AsNoTracking().Where(a => a.Username == user.Name)
            .Select(a => new { a.Active, a.SecurityStamp }).FirstOrDefaultAsync(ct);
        if (local is { Active: false })
            (user, error) = (null, "the account is deactivated");
        if (user is null)
        {
            var name = external.Principal.NameOf();
            await audit.WriteAsync(http, AuditActions.FailedLogin, new { method = "oidc", reason = error }, null, (name, null, null), ct);
            return TypedResults.Problem(title: $"Signed in at the identity provider, but {error}.", statusCode: StatusCodes.Status403Forbidden);
        }
        var issued = tokens.Issue(user.Name, user.Role, user.Organisation, UserClaims.Oidc, local?.SecurityStamp);
        await audit.WriteAsync(http, AuditActions.Login, new { method = "oidc" }, null, (user.Name, user.Role, user.Organisation), ct);
        // The fragment never reaches a server; the page stores the token and clears the address bar.
        return TypedResults.Redirect($"/#token={Uri.EscapeDataString(issued.Token)}&expiresAt={Uri.EscapeDataString(issued.ExpiresAt.ToString("O"))}");
    }
}
