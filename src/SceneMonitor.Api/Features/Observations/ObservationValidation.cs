using Microsoft.EntityFrameworkCore;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Observations;

/// <summary>Builds the validator with the current categories and service region.</summary>
public sealed class ObservationValidation(SceneMonitorDb db, ServiceRegionProvider regions, TimeProvider clock)
{
    public async Task<Dictionary<string, string[]>> ValidateAsync(ObservationInput input, CancellationToken ct) =>
        (await CreateAsync(ct)).Validate(input);

    /// <summary>Errors keyed "observations[i].field" so a client can point at the row.</summary>
    public async Task<Dictionary<string, string[]>> ValidateBatchAsync(IReadOnlyList<ObservationInput> items, CancellationToken ct)
    {
        var validator = await CreateAsync(ct);
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null) { errors[$"observations[{i}]"] = ["must be an object"]; continue; }
            foreach (var (field, messages) in validator.Validate(items[i]))
                errors[$"observations[{i}].{field}"] = messages;
        }
        return errors;
    }

    private async Task<ObservationValidator> CreateAsync(CancellationToken ct)
    {
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Active, ct);
        return new ObservationValidator(await regions.GetAsync(ct), categories, clock);
    }
}
