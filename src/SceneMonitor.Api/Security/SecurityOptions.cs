namespace SceneMonitor.Api.Security;

/// <summary>Bound from "Auth".</summary>
public sealed class AuthOptions
{
    /// <summary>HMAC-SHA256 key for the API's tokens, at least 32 bytes (base64, or plain text of 32+
    /// characters). When empty, a random key is generated at first start and kept in the database
    /// (table settings), so restarts keep tokens valid.</summary>
    public string? SigningKey { get; set; }
    public string Issuer { get; set; } = "SceneMonitor";
    public string Audience { get; set; } = "SceneMonitor";
    /// <summary>How long a token from the login is valid (default: one working shift).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);
    public int MinPasswordLength { get; set; } = 12;
    /// <summary>Seconds a token's account check (active, role, organisation) is remembered; a change
    /// through another instance of the API takes effect within this time. 0: check every request.</summary>
    public int AccountCheckSeconds { get; set; } = 5;
    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();
    public OidcOptions Oidc { get; set; } = new();
}

/// <summary>Bound from "Auth:BootstrapAdmin": the first admin, created when no admin account exists.</summary>
public sealed class BootstrapAdminOptions
{
    public string Username { get; set; } = "admin";
    /// <summary>When empty a random password is generated and printed once to the console.</summary>
    public string? Password { get; set; }
    public string Organisation { get; set; } = "administration";
}

/// <summary>Bound from "Auth:Oidc": sign-in through a city's own identity provider. Off by default.</summary>
public sealed class OidcOptions
{
    public bool Enabled { get; set; }
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string[] Scopes { get; set; } = ["openid", "profile"];
    public string CallbackPath { get; set; } = "/signin-oidc";
    /// <summary>Claim that carries the user's name (what the audit log shows).</summary>
    public string NameClaim { get; set; } = "preferred_username";
    /// <summary>Claim whose values give the role (may occur several times).</summary>
    public string RoleClaim { get; set; } = "roles";
    /// <summary>Identity provider value to SceneMonitor role, e.g. "SceneMonitor.Analysts": "analyst".
    /// A value that already is a role name (recorder, analyst, planner, admin) maps to itself.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = [];
    public string OrganisationClaim { get; set; } = "org";
    /// <summary>Organisation for users whose token has no organisation claim.</summary>
    public string? DefaultOrganisation { get; set; }
    /// <summary>Whether an identity-provider user may receive the admin role through the mapping.</summary>
    public bool AllowAdmin { get; set; }
}

/// <summary>Bound from "Privacy": how coarsely analysts and planners see data.</summary>
public sealed class PrivacyOptions
{
    /// <summary>Grid spacing (metres) analysts' points are snapped to, and old observations coarsened to.</summary>
    public double GridMetres { get; set; } = 50;
    /// <summary>Metric CRS of that grid; 0: the region pack's metricEpsg (RegionSetup).</summary>
    public int Srid { get; set; }
    /// <summary>k: aggregate cells or counts below this are suppressed for planners and in exports.</summary>
    public int MinCount { get; set; } = 3;
    /// <summary>Smallest bbox or polygon (m² on the ground) a planner may choose; predefined areas are always allowed.</summary>
    public double PlannerMinAreaM2 { get; set; } = 250_000;
}

/// <summary>Bound from "Retention". Admins can change the ages at run time (stored in the database).</summary>
public sealed class RetentionOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>Observations older than this many months are coarsened to the grid, notes removed.</summary>
    public int ObservationMonths { get; set; } = 24;
    /// <summary>Audit lines older than this are removed (never fewer than 6 months: the database refuses).</summary>
    public int AuditMonths { get; set; } = 24;
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan StartDelay { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Bound from "RateLimits".</summary>
public sealed class RateLimitOptions
{
    /// <summary>Login attempts per client address per minute.</summary>
    public int LoginPerMinute { get; set; } = 10;
    /// <summary>Writes (POST, PUT, PATCH, DELETE) per user per minute.</summary>
    public int WritesPerMinute { get; set; } = 120;
}

/// <summary>Bound from "Cors": closed unless origins are listed.</summary>
public sealed class CorsSettings
{
    public string[] AllowedOrigins { get; set; } = [];
}
