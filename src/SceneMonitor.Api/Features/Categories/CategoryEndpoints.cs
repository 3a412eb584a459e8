using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Domain;

namespace SceneMonitor.Api.Features.Categories;

public static partial class CategoryEndpoints
{
    public sealed record CategoryResponse(string Code, string LabelNl, string LabelFr, string LabelEn, string Icon, string Colour, bool Active, bool Core);
    public sealed record CategoryInput(string? Code, string? LabelNl, string? LabelFr, string? LabelEn, string? Icon, string? Colour, bool? Active);

    public static IEndpointRouteBuilder MapCategoryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/categories").WithTags("Categories");
        group.MapGet("/", async (SceneMonitorDb db, CancellationToken ct) =>
            TypedResults.Ok(await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder)
                .Select(c => new CategoryResponse(c.Code, c.LabelNl, c.LabelFr, c.LabelEn, c.Icon, c.Colour, c.Active, c.Core))
                .ToListAsync(ct)))
            .RequireAuthorization(Policies.Read)
            .WithSummary("All categories with labels in Dutch, French and English.");
        group.MapPost("/", Create).RequireAuthorization(Policies.Admin).Accepts<CategoryInput>("application/json")
            .WithSummary("Admin: add a category (code, labels in nl/fr/en, icon, colour). Names describe places and traces, never people.");
        group.MapPut("/{code}", Update).RequireAuthorization(Policies.Admin).Accepts<CategoryInput>("application/json")
            .WithSummary("Admin: change labels, icon or colour, or (de)activate with 'active'. Core categories cannot be deactivated; categories are never deleted.");
        return app;
    }

    private static async Task<Results<Created<CategoryResponse>, ProblemHttpResult>> Create(HttpContext http, SceneMonitorDb db, Auditor audit, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<CategoryInput>(http.Request, ct);
        if (problem is not null) return problem;
        var errors = Validate(input!, creating: true);
        if (input!.Code is { } code && await db.Categories.AnyAsync(c => c.Code == code, ct)) errors["code"] = ["exists already"];
        if (errors.Count > 0) return Problems.Invalid(errors, "The category is invalid; nothing was stored.");

        var category = new Category
        {
            Code = input.Code!, LabelNl = input.LabelNl!.Trim(), LabelFr = input.LabelFr!.Trim(), LabelEn = input.LabelEn!.Trim(),
            Icon = input.Icon!, Colour = input.Colour!, Active = input.Active ?? true, Core = false,
            SortOrder = (await db.Categories.MaxAsync(c => (int?)c.SortOrder, ct) ?? 0) + 1,
        };
        db.Categories.Add(category);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(http, AuditActions.AdminChange, new { entity = "category", op = "create", input }, 1, ct);
        return TypedResults.Created($"/api/categories/{category.Code}", ToResponse(category));
    }

    private static async Task<Results<Ok<CategoryResponse>, ProblemHttpResult>> Update(string code, HttpContext http, SceneMonitorDb db, Auditor audit, CancellationToken ct)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Code == code, ct);
        if (category is null) return Problems.NotFound($"Category {code}");
        var (input, problem) = await JsonBody.ReadAsync<CategoryInput>(http.Request, ct);
        if (problem is not null) return problem;
        var errors = Validate(input!, creating: false);
        if (input!.Code is not null && input.Code != code) errors["code"] = ["cannot be changed: codes are stable API identifiers"];
        if (category.Core && input.Active == false) errors["active"] = ["core categories cannot be deactivated"];
        if (errors.Count > 0) return Problems.Invalid(errors, "The change is invalid; nothing was changed.");

        if (input.LabelNl is not null) category.LabelNl = input.LabelNl.Trim();
        if (input.LabelFr is not null) category.LabelFr = input.LabelFr.Trim();
        if (input.LabelEn is not null) category.LabelEn = input.LabelEn.Trim();
        if (input.Icon is not null) category.Icon = input.Icon;
        if (input.Colour is not null) category.Colour = input.Colour;
        if (input.Active is { } active) category.Active = active;
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(http, AuditActions.AdminChange, new { entity = "category", op = "update", code, input }, 1, ct);
        return TypedResults.Ok(ToResponse(category));
    }

    private static Dictionary<string, string[]> Validate(CategoryInput input, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        if (creating && (input.Code is null || !CodePattern().IsMatch(input.Code)))
            errors["code"] = ["is required: 2–64 lower-case letters, digits or '_', starting with a letter"];
        foreach (var (field, value) in new[] { ("labelNl", input.LabelNl), ("labelFr", input.LabelFr), ("labelEn", input.LabelEn) })
            if ((creating || value is not null) && (string.IsNullOrWhiteSpace(value) || value.Length > 100))
                errors[field] = ["is required (1–100 characters)"];
        if ((creating || input.Icon is not null) && (input.Icon is null || !IconPattern().IsMatch(input.Icon)))
            errors["icon"] = ["is required: an icon name of 1–32 lower-case letters, digits or '-'"];
        if ((creating || input.Colour is not null) && (input.Colour is null || !ColourPattern().IsMatch(input.Colour)))
            errors["colour"] = ["is required: #rrggbb"];
        return errors;
    }

    private static CategoryResponse ToResponse(Category c) => new(c.Code, c.LabelNl, c.LabelFr, c.LabelEn, c.Icon, c.Colour, c.Active, c.Core);

    [GeneratedRegex("^[a-z][a-z0-9_]{1,63}$")] private static partial Regex CodePattern();
    [GeneratedRegex("^[a-z0-9-]{1,32}$")] private static partial Regex IconPattern();
    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")] private static partial Regex ColourPattern();
}
