namespace SceneMonitor.Core.Domain;

/// <summary>A local account: someone who records or reads observations (staff, never a person observed).</summary>
public sealed class Account
{
    public int Id { get; set; }
    /// <summary>Login name, stored lower case; unique.</summary>
    public required string Username { get; set; }
    /// <summary>ASP.NET Core Identity password hash (PBKDF2); null for accounts that sign in only through OpenID Connect.</summary>
    public string? PasswordHash { get; set; }
    /// <summary>One of <see cref="Security.Roles.All"/>.</summary>
    public required string Role { get; set; }
    /// <summary>Organisation the account works for; recorders may retract only their organisation's observations.</summary>
    public string? Organisation { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastLoginAt { get; set; }
    /// <summary>Random value carried by every token issued for the account. It is replaced whenever the
    /// account is deactivated, reactivated, or its role, organisation or password changes, so a token
    /// issued before the change never works again, even after the change is undone.</summary>
    public string SecurityStamp { get; set; } = NewSecurityStamp();

    public static string NewSecurityStamp() => Guid.NewGuid().ToString("N");
}
