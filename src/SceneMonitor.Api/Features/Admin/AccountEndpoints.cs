using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Domain;
using SceneMonitor.Core.Security;

namespace SceneMonitor.Api.Features.Admin;

/// <summary>Admin: local accounts. Accounts are deactivated, never deleted, so the audit log keeps meaning.</summary>
public static class AccountEndpoints
{
    public sealed record AccountInput(string? Username, string? Password, string? Role, string? Organisation, bool? Active);
    public sealed record AccountResponse(int Id, string Username, string Role, string? Organisation, bool Active, bool HasPassword, DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt);

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/accounts").WithTags("Admin").RequireAuthorization(Policies.Admin);
        group.MapGet("/", List).WithSummary("All accounts (never their password hashes).");
        group.MapPost("/", Create).Accepts<AccountInput>("application/json").WithSummary("Create an account: username, password, role, organisation.");
        group.MapPut("/{id:int}", Update).Accepts<AccountInput>("application/json")
            .WithSummary("Change role, organisation, active or password (fields left out stay as they are). Tokens issued before the change stop working at once and for good."); 
        return app;
    }

    private static async Task<Ok<List<AccountResponse>>> List(SceneMonitorDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Accounts.AsNoTracking().OrderBy(a => a.Username).ToListAsync(ct)).Select(ToResponse).ToList());

    private static async Task<Results<Created<AccountResponse>, ProblemHttpResult>> Create(
        HttpContext http, SceneMonitorDb db, AccountService accounts, Auditor audit, TimeProvider clock, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<AccountInput>(http.Request, ct);
        if (problem is not null) return problem;
        var errors = accounts.Validate(input!.Username, input.Password, input.Role, input.Organisation, creating: true);
        if (errors.Count > 0) return Problems.Invalid(errors, "The account is invalid; nothing was stored.");
        var name = AccountService.Normalise(input.Username!);
        if (await db.Accounts.AnyAsync(a => a.Username == name, ct))
            return Problems.Invalid(new Dictionary<string, string[]> { ["username"] = ["is taken"] }, "The account is invalid; nothing was stored.");

        var account = new Account { Username = name, Role = input.Role!, Organisation = Blank(input.Organisation), Active = input.Active ?? true, CreatedAt = clock.GetUtcNow() };
        account.PasswordHash = AccountService.HashPassword(account, input.Password!);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(http, AuditActions.AdminChange, new { entity = "account", op = "create", id = account.Id, username = name, role = account.Role, organisation = account.Organisation }, 1, ct);
        return TypedResults.Created($"/api/admin/accounts/{account.Id}", ToResponse(account));
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> Update(
        int id, HttpContext http, SceneMonitorDb db, AccountService accounts, AccountStatusCache statuses, Auditor audit, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<AccountInput>(http.Request, ct);
        if (problem is not null) return problem;
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null) return Problems.NotFound($"Account {id}");
        var errors = accounts.Validate(null, input!.Password, input.Role, input.Organisation, creating: false);
        if (input.Username is not null && AccountService.Normalise(input.Username) != account.Username)
            errors["username"] = ["cannot be changed (the audit log refers to it); create a new account instead"];
        var role = input.Role ?? account.Role;
        var organisation = input.Organisation is null ? account.Organisation : Blank(input.Organisation);
        if (role == Roles.Recorder && organisation is null) errors["organisation"] = ["is required for recorders"];
        // Never lock everyone out: the last active admin stays an active admin.
        if (account.Role == Roles.Admin && account.Active && (role != Roles.Admin || input.Active == false)
            && !await db.Accounts.AnyAsync(a => a.Id != id && a.Role == Roles.Admin && a.Active, ct))
            errors["role"] = ["this is the last active admin account; make another admin first"];
        if (errors.Count > 0) return Problems.Invalid(errors, "The change is invalid; nothing was changed.");

        // A new stamp ends every token issued before the change, for good: undoing the change later
        // does not bring them back (comparing role and organisation alone would).
        if (role != account.Role || organisation != account.Organisation || (input.Active is { } a && a != account.Active) || input.Password is not null)
            account.SecurityStamp = Account.NewSecurityStamp();
        account.Role = role;
        account.Organisation = organisation;
        if (input.Active is { } active) account.Active = active;
        if (input.Password is not null) account.PasswordHash = AccountService.HashPassword(account, input.Password);
        await db.SaveChangesAsync(ct);
        statuses.Invalidate(account.Username);
        await audit.WriteAsync(http, AuditActions.AdminChange, new
        {
            entity = "account", op = "update", id, username = account.Username, role = input.Role, organisation = input.Organisation,
            active = input.Active, passwordChanged = input.Password is not null,
        }, 1, ct);
        return TypedResults.Ok(ToResponse(account));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static AccountResponse ToResponse(Account a) =>
        new(a.Id, a.Username, a.Role, a.Organisation, a.Active, a.PasswordHash is not null, a.CreatedAt, a.LastLoginAt);
}
