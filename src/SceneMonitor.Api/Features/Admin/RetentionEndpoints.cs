using Microsoft.AspNetCore.Http.HttpResults;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;

namespace SceneMonitor.Api.Features.Admin;

/// <summary>Admin: retention ages and running the retention job now.</summary>
public static class RetentionEndpoints
{
    public sealed record RetentionInput(int? ObservationMonths, int? AuditMonths);

    public static IEndpointRouteBuilder MapRetentionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/retention").WithTags("Admin").RequireAuthorization(Policies.Admin);
        group.MapGet("/", Get).WithSummary("Retention in force: observation age (coarsened after), audit age (removed after), grid, schedule.");
        group.MapPut("/", Update).Accepts<RetentionInput>("application/json").WithSummary("Change the observation and/or audit retention age (months).");
        group.MapPost("/run", Run).WithSummary("Run the retention job now; answers what was coarsened and removed.");
        return app;
    }

    private static async Task<Ok<RetentionRunner.Settings>> Get(RetentionRunner retention, CancellationToken ct) =>
        TypedResults.Ok(await retention.GetSettingsAsync(ct));

    private static async Task<Results<Ok<RetentionRunner.Settings>, ProblemHttpResult>> Update(HttpContext http, RetentionRunner retention, Auditor audit, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<RetentionInput>(http.Request, ct);
        if (problem is not null) return problem;
        var errors = RetentionRunner.Validate(input!.ObservationMonths, input.AuditMonths);
        if (input.ObservationMonths is null && input.AuditMonths is null) errors["body"] = ["give observationMonths and/or auditMonths"];
        if (errors.Count > 0) return Problems.Invalid(errors, "The retention settings are invalid; nothing was changed.");
        var before = await retention.GetSettingsAsync(ct);
        await retention.SaveSettingsAsync(input.ObservationMonths, input.AuditMonths, ct);
        await audit.WriteAsync(http, AuditActions.AdminChange, new { entity = "retention", op = "update", before = new { before.ObservationMonths, before.AuditMonths }, after = input }, 1, ct);
        return TypedResults.Ok(await retention.GetSettingsAsync(ct));
    }

    private static async Task<Ok<RetentionRunner.Outcome>> Run(HttpContext http, RetentionRunner retention, CancellationToken ct) =>
        TypedResults.Ok(await retention.RunAsync(http.User.NameOf(), http.User.RoleOf(), http.User.OrganisationOf(), ct));
}
