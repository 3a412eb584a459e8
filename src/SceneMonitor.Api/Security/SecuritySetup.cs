using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Privacy;

namespace SceneMonitor.Api.Security;

/// <summary>Authentication (JWT bearer, API keys, optional OpenID Connect), authorisation policies, rate
/// limits, CORS and security headers, wired in one place. See docs/privacy.md and docs/deployment.md.</summary>
public static class SecuritySetup
{
    /// <summary>Forwards to the API-key scheme when a key is presented (X-Api-Key, Basic on GIS reads,
    /// Open311's api_key), else to JWT bearer.</summary>
    public const string DefaultScheme = "SceneMonitor";
    /// <summary>Short-lived cookie holding the identity provider's answer until a token is issued.</summary>
    public const string ExternalScheme = "External";
    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string LoginRateLimit = "login";
    public const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static WebApplicationBuilder AddSceneMonitorSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        // ASP.NET Core's "Request starting/finished" lines carry the whole URL, and Open311 clients send
        // their API key in it (api_key, as GeoReport v2 says): those lines are never written, whatever
        // Logging:LogLevel says (a rule in code comes after the configuration's and wins).
        builder.Logging.AddFilter(HostingDiagnostics, LogLevel.Warning);
        services.AddOptions<AuthOptions>().BindConfiguration("Auth");
        services.AddOptions<PrivacyOptions>().BindConfiguration("Privacy");
        services.AddOptions<RetentionOptions>().BindConfiguration("Retention");
        services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimits");
        services.AddOptions<CorsSettings>().BindConfiguration("Cors");
        services.AddOptions<SecurityHeadersOptions>().BindConfiguration("SecurityHeaders");

        services.AddSingleton<SigningKeyProvider>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<Privacy>();
        services.AddScoped<AccountService>();
        services.AddSingleton<AccountStatusCache>();
        services.AddScoped<AccountBootstrapper>();
        services.AddScoped<AuditStore>();
        services.AddScoped<Auditor>();
        services.AddScoped<ObservationRetention>();
        services.AddScoped<RetentionRunner>();
        services.AddHostedService<RetentionService>();

        var auth = services.AddAuthentication(o =>
            {
                o.DefaultScheme = DefaultScheme;
                o.DefaultChallengeScheme = DefaultScheme;
            })
            .AddPolicyScheme(DefaultScheme, "Bearer token or API key", o =>
                o.ForwardDefaultSelector = http =>
                    http.Request.Headers.ContainsKey(ApiKeys.Header) ? ApiKeys.Scheme
                    // GIS reads take the key as a Basic password; without credentials they answer the
                    // Basic challenge, so QGIS asks for them. A bearer token goes to JWT as everywhere.
                    : BasicKeys.AppliesTo(http.Request) && (!http.Request.Headers.ContainsKey("Authorization") || BasicKeys.IsBasic(http.Request)) ? ApiKeys.Scheme
                    // Open311 clients put the key in the request itself (api_key); a bearer token still wins.
                    : http.Request.Path.StartsWithSegments(ApiKeys.Open311Path) && !http.Request.Headers.ContainsKey("Authorization") ? ApiKeys.Scheme
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.Events = new JwtBearerEvents { OnTokenValidated = CheckAccountStillValid };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeys.Scheme, null);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenService>((o, tokens) => o.TokenValidationParameters = tokens.ValidationParameters());

        var oidc = config.GetSection("Auth:Oidc").Get<OidcOptions>() ?? new OidcOptions();
        if (oidc.Enabled) AddOidc(auth, oidc);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(DefaultScheme).RequireAuthenticatedUser().Build())
            .AddPolicies();

        services.AddRateLimiter(o =>
        {
            o.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await Results.Problem(title: "Too many requests; wait a moment and try again.", statusCode: StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(context.HttpContext);
            };
            o.AddPolicy(LoginRateLimit, http =>
            {
                var limit = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.LoginPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            // Writes are limited per user (or per address when anonymous); reads are not, and the login
            // has its own limit. The limiter runs after authorisation, so refused calls do not count.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
                    || http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == LoginRateLimit)
                    return RateLimitPartition.GetNoLimiter("reads");
                var perMinute = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.WritesPerMinute;
                var key = http.User.Identity?.IsAuthenticated == true ? "user:" + http.User.NameOf() : "ip:" + http.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perMinute, TokensPerPeriod = perMinute, ReplenishmentPeriod = TimeSpan.FromMinutes(1), QueueLimit = 0,
                });
            });
        });

        var origins = config.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        services.AddCors(o =>
        {
            // Closed unless origins are configured: no Access-Control-Allow-Origin is ever sent then.
            if (origins.Length > 0)
                o.AddDefaultPolicy(p => p.WithOrigins(origins).WithHeaders("Authorization", "Content-Type", ApiKeys.Header)
                    .WithMethods("GET", "POST", "PUT", "DELETE").SetPreflightMaxAge(TimeSpan.FromHours(1)));
        });
        return builder;
    }

    private static AuthorizationBuilder AddPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (policy, roles) in Policies.RolesOf)
            builder.AddPolicy(policy, p => p.AddAuthenticationSchemes(DefaultScheme).RequireAuthenticatedUser().RequireRole(roles));
        return builder;
    }

    private static void AddOidc(AuthenticationBuilder auth, OidcOptions oidc)
    {
        if (string.IsNullOrWhiteSpace(oidc.Authority) || string.IsNullOrWhiteSpace(oidc.ClientId))
            throw new InvalidOperationException("Auth:Oidc:Enabled is true but Auth:Oidc:Authority or Auth:Oidc:ClientId is missing.");
        auth.AddCookie(ExternalScheme, o =>
            {
                o.Cookie.Name = "sm.external";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
                o.SlidingExpiration = false;
            })
            .AddOpenIdConnect(OidcScheme, o =>
            {
                o.SignInScheme = ExternalScheme;
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.CallbackPath = oidc.CallbackPath;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = true;
                o.SaveTokens = false;
                o.Scope.Clear();
                foreach (var scope in oidc.Scopes) o.Scope.Add(scope);
            });
    }

    /// <summary>A token works only while its account is as it was when the token was issued: the
    /// account's security stamp, replaced on deactivation, role, organisation or password change, must
    /// still be the token's. A local token needs its live account. An identity-provider token needs the
    /// provider to be enabled and its role to be one the mapping rules still give; when a local account
    /// of that name exists (how an admin blocks someone) it must be active and hold the token's stamp,
    /// and a token with a stamp but no such account is refused (accounts are never deleted).</summary>
    private static async Task CheckAccountStillValid(Microsoft.AspNetCore.Authentication.JwtBearer.TokenValidatedContext context)
    {
        var user = context.Principal!;
        var services = context.HttpContext.RequestServices;
        var account = await services.GetRequiredService<AccountStatusCache>().GetAsync(user.NameOf(), services, context.HttpContext.RequestAborted);
        var stamp = user.FindFirst(UserClaims.Stamp)?.Value;
        var oidc = services.GetRequiredService<IOptions<AuthOptions>>().Value.Oidc;
        var refusal = user.FindFirst(UserClaims.Source)?.Value switch
        {
            UserClaims.Local when account is null || !account.Active || account.SecurityStamp != stamp
                || account.Role != user.RoleOf() || account.Organisation != user.OrganisationOf() => "The account was changed or deactivated; sign in again.",
            UserClaims.Local => null,
            UserClaims.Oidc when !oidc.Enabled => "Sign-in through the identity provider is not enabled.",
            UserClaims.Oidc when !OidcMapping.Permits(user.RoleOf(), user.OrganisationOf(), oidc) => "The identity provider's users cannot have this role.",
            UserClaims.Oidc when (account == null ? stamp != null : !account.Active || account.SecurityStamp != stamp)
                => "The account was changed or deactivated; sign in again.",
            UserClaims.Oidc => null,
            _ => "The token was not issued by this service's sign-in.",
        };
        if (refusal is not null) context.Fail(refusal);
    }

    /// <summary>Security headers, CORS, authentication, authorisation and rate limits, in that order.
    /// Call after static files (the landing page and its assets need no sign-in).</summary>
    public static WebApplication UseSceneMonitorSecurity(this WebApplication app)
    {
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Loads or creates the signing key, then the first admin and demo accounts.</summary>
    public static async Task InitialiseSecurityAsync(this IServiceProvider services, CancellationToken ct)
    {
        await services.GetRequiredService<SigningKeyProvider>().InitialiseAsync(ct);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountBootstrapper>().EnsureAccountsAsync(ct);
    }

    /// <summary>Adds <paramref name="policy"/> to every endpoint of the group that is not a GET or HEAD,
    /// on top of what the group requires already (policies combine: both must pass).</summary>
    public static TBuilder RequireAuthorizationForWrites<TBuilder>(this TBuilder builder, string policy) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<Microsoft.AspNetCore.Routing.HttpMethodMetadata>().LastOrDefault()?.HttpMethods;
            if (methods is null || methods.Any(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m)))
                endpoint.Metadata.Add(new AuthorizeAttribute(policy));
        });
        return builder;
    }
}
