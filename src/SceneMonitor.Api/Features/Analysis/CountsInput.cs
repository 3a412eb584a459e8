using SceneMonitor.Analysis.Displacement;

namespace SceneMonitor.Api.Features.Analysis;

/// <summary>Before/after counts of one area as sent in a request (null = missing).</summary>
public sealed record CountsInput(double? Before, double? After)
{
    /// <summary>Required counts: both present, finite, not negative, at most a billion.</summary>
    public static BeforeAfter Read(CountsInput? input, string field, FieldErrors errors)
    {
        if (input is null)
        {
            errors.Add(field, "is required: {\"before\": n, \"after\": n}");
            return default;
        }
        double before = errors.Number(input.Before, $"{field}.before", 0, 1e9, "a count");
        double after = errors.Number(input.After, $"{field}.after", 0, 1e9, "a count");
        return new BeforeAfter(before, after);
    }
}
