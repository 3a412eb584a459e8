using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Domain;
using SceneMonitor.Core.Security;

namespace SceneMonitor.Api.Security;

/// <summary>Local accounts: password hashing with ASP.NET Core Identity's hasher (PBKDF2, salted),
/// sign-in checks and the validation of account fields.</summary>
public sealed class AccountService(SceneMonitorDb db, IOptions<AuthOptions> options, TimeProvider clock)
{
    private static readonly PasswordHasher<Account> Hasher = new();
    // Verified when the name is unknown, so a wrong name costs as long as a wrong password.
    private static readonly string DummyHash = Hasher.HashPassword(new Account { Username = "", Role = Roles.Planner }, "not a password");

    public static string Normalise(string username) => username.Trim().ToLowerInvariant();

    public static string HashPassword(Account account, string password) => Hasher.HashPassword(account, password);

    /// <summary>The active account with that name and password, or null (same answer whatever is wrong).</summary>
    public async Task<Account?> SignInAsync(string username, string password, CancellationToken ct)
    {
        var name = Normalise(username);
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Username == name, ct);
        if (account?.PasswordHash is null)
        {
            Hasher.VerifyHashedPassword(new Account { Username = "", Role = Roles.Planner }, DummyHash, password);
            return null;
        }
        var result = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed || !account.Active) return null;
        if (result == PasswordVerificationResult.SuccessRehashNeeded) account.PasswordHash = Hasher.HashPassword(account, password);
        account.LastLoginAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return account;
    }

    /// <summary>Field errors for a new or changed account (null fields are "unchanged" when updating).</summary>
    public Dictionary<string, string[]> Validate(string? username, string? password, string? role, string? organisation, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        if (creating || username is not null)
        {
            if (string.IsNullOrWhiteSpace(username) || username.Trim().Length > 128 || !username.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
                errors["username"] = ["is required: 1–128 letters, digits, '.', '-', '_' or '@'"];
            else if (username.StartsWith("apikey:", StringComparison.OrdinalIgnoreCase) || Normalise(username) == "system")
                errors["username"] = ["is reserved"];
        }
        if (creating || role is not null)
        {
            if (!Roles.IsValid(role)) errors["role"] = [$"must be one of {string.Join(", ", Roles.All)}"];
        }
        if (password is not null || creating)
        {
            var min = options.Value.MinPasswordLength;
            if (password is null || password.Length < min || password.Length > 200)
                errors["password"] = [$"must be {min}–200 characters (a passphrase is easiest)"];
        }
        if (organisation is { Length: > 128 }) errors["organisation"] = ["is longer than 128 characters"];
        if (role == Roles.Recorder && creating && string.IsNullOrWhiteSpace(organisation))
            errors["organisation"] = ["is required for recorders: they may retract only their organisation's observations"];
        return errors;
    }
}
