using Microsoft.EntityFrameworkCore;
using SceneMonitor.Core.Data;

namespace SceneMonitor.Api.Features.Categories;

public static class CategoryEndpoints
{
    public sealed record CategoryResponse(string Code, string LabelNl, string LabelFr, string LabelEn, string Icon, string Colour, bool Active, bool Core);

    public static IEndpointRouteBuilder MapCategoryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/categories", async (SceneMonitorDb db, CancellationToken ct) =>
            TypedResults.Ok(await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder)
                .Select(c => new CategoryResponse(c.Code, c.LabelNl, c.LabelFr, c.LabelEn, c.Icon, c.Colour, c.Active, c.Core))
                .ToListAsync(ct)))
            .WithTags("Categories").WithSummary("All categories with labels in Dutch, French and English.");
        return app;
    }
}
