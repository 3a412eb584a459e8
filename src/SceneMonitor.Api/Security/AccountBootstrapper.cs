using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Demo;
using SceneMonitor.Core.Domain;
using SceneMonitor.Core.Security;

namespace SceneMonitor.Api.Security;

/// <summary>Creates the first admin when there is none, and the demo accounts (one per role) when the
/// synthetic demo data set is present and Demo:Accounts is on (./scenemonitor run turns it on).</summary>
public sealed class AccountBootstrapper(SceneMonitorDb db, IOptions<AuthOptions> auth, IOptions<DemoOptions> demo, TimeProvider clock, ILogger<AccountBootstrapper> log)
{
    /// <summary>Demo accounts: name, role, password (documented in docs/user-guide-admin.md; demo data only).</summary>
    public static readonly (string Username, string Role, string Password)[] DemoAccounts =
    [
        ("recorder", Roles.Recorder, "demo-recorder"),
        ("analyst", Roles.Analyst, "demo-analyst"),
        ("planner", Roles.Planner, "demo-planner"),
        ("admin-demo", Roles.Admin, "demo-admin"),
    ];

    public async Task EnsureAccountsAsync(CancellationToken ct)
    {
        await EnsureAdminAsync(ct);
        if (demo.Value.Accounts && await DemoSeeder.HasDemoRowsAsync(db, ct))
            await EnsureDemoAccountsAsync(ct);
    }

    private async Task EnsureAdminAsync(CancellationToken ct)
    {
        if (await db.Accounts.AnyAsync(a => a.Role == Roles.Admin && a.Active && a.PasswordHash != null, ct)) return;
        var o = auth.Value.BootstrapAdmin;
        var name = AccountService.Normalise(o.Username);
        if (await db.Accounts.AnyAsync(a => a.Username == name, ct))
        {
            log.LogWarning("No active admin account, and '{Name}' exists already: not touching it. Set another Auth:BootstrapAdmin:Username.", name);
            return;
        }
        var generated = string.IsNullOrEmpty(o.Password);
        var password = generated ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_') : o.Password!;
        var admin = new Account { Username = name, Role = Roles.Admin, Organisation = o.Organisation, CreatedAt = clock.GetUtcNow() };
        admin.PasswordHash = AccountService.HashPassword(admin, password);
        db.Accounts.Add(admin);
        await db.SaveChangesAsync(ct);
        if (generated)
        {
            // Straight to the console, once, never to the log files.
            Console.WriteLine($"""

                ==== SceneMonitor: first admin account created ====
                  username: {name}
                  password: {password}
                This password is shown only now. Sign in and create personal accounts; set
                Auth:BootstrapAdmin:Password to choose it yourself.
                ===================================================

                """);
        }
        else log.LogInformation("Created the first admin account '{Name}' from Auth:BootstrapAdmin.", name);
    }

    private async Task EnsureDemoAccountsAsync(CancellationToken ct)
    {
        var created = new List<string>();
        foreach (var (username, role, password) in DemoAccounts)
        {
            if (await db.Accounts.AnyAsync(a => a.Username == username, ct)) continue;
            var account = new Account { Username = username, Role = role, Organisation = DemoDataGenerator.Organisation, CreatedAt = clock.GetUtcNow() };
            account.PasswordHash = AccountService.HashPassword(account, password);
            db.Accounts.Add(account);
            created.Add($"  {username,-11} {role,-9} password: {password}");
        }
        if (created.Count == 0) return;
        await db.SaveChangesAsync(ct);
        Console.WriteLine($"""

            ==== SceneMonitor: demo accounts (SYNTHETIC DEMO DATA only; see docs/user-guide-admin.md) =====
            {string.Join(Environment.NewLine, created)}
            ======================================================================================

            """);
    }
}
