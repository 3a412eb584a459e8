namespace SceneMonitor.Api.Features.Analysis;

/// <summary>
/// Collects validation messages per request field (JSON path such as "features.features[3].geometry")
/// for a 422 ValidationProblem (well-formed input that breaks a rule, as everywhere in the API;
/// unreadable JSON is a 400 before validation starts). Stops collecting after a few dozen, so one bad 50,000-point
/// collection does not produce a 50,000-line answer.
/// </summary>
public sealed class FieldErrors
{
    private const int MaxMessages = 20;
    private readonly Dictionary<string, List<string>> _errors = new();
    private int _count;

    public bool Any => _count > 0;

    public void Add(string field, string message)
    {
        if (_count >= MaxMessages) return;
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = new List<string>();
        list.Add(message);
        _count++;
    }

    /// <summary>Checks a required number: present, finite and within [min, max].</summary>
    public double Number(double? value, string field, double min, double max, string what)
    {
        if (value is not { } v) { Add(field, $"is required: {what}"); return 0; }
        if (!double.IsFinite(v) || v < min || v > max) { Add(field, $"must be {what} between {min} and {max}"); return 0; }
        return v;
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public IResult ToResult() => Infrastructure.Problems.Invalid(ToDictionary(), "The analysis request is invalid.");
}
