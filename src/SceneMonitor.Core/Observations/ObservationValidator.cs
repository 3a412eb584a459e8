using System.Text.RegularExpressions;

namespace SceneMonitor.Core.Observations;

/// <summary>Checks one observation against the rules of the observation store and returns every
/// problem keyed by field name (the keys used in ProblemDetails "errors").</summary>
public sealed partial class ObservationValidator(ServiceRegion region, IReadOnlyDictionary<string, bool> categoryActiveByCode, TimeProvider clock)
{
    public const int MaxQuantity = 10_000;
    public const int MaxNoteLength = 280;
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public Dictionary<string, string[]> Validate(ObservationInput o)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        if (string.IsNullOrWhiteSpace(o.Category)) Add("category", "is required");
        else if (!categoryActiveByCode.TryGetValue(o.Category, out var active)) Add("category", $"unknown category '{o.Category}'");
        else if (!active) Add("category", $"category '{o.Category}' is no longer active");

        ValidateLocation(o.Longitude, o.Latitude, Add);

        if (o.ObservedAt is null) Add("observedAt", "is required (ISO 8601 with offset, e.g. 2026-03-01T21:30:00+01:00)");
        else if (o.ObservedAt > clock.GetUtcNow() + ClockSkew) Add("observedAt", "is in the future");
        else if (o.ObservedAt < Earliest) Add("observedAt", "is before 2000-01-01");

        if (o.Quantity is { } q && (q < 1 || q > MaxQuantity)) Add("quantity", $"must be between 1 and {MaxQuantity}");

        if (string.IsNullOrWhiteSpace(o.Source)) Add("source", "is required (e.g. outreach, prevention, syringe_patrol)");
        else if (!Slug().IsMatch(o.Source)) Add("source", "must be 1–64 lowercase letters, digits or _ (e.g. syringe_patrol)");

        if (o.ExternalRef is { } r && (r.Length is 0 or > 128)) Add("externalRef", "must be 1–128 characters");

        if (o.Note is { } note)
        {
            if (note.Length > MaxNoteLength) Add("note", $"is {note.Length} characters; at most {MaxNoteLength} allowed");
            if (PersonalDataScanner.Scan(note) is { } finding) Add("note", finding.Message);
        }
        return errors;
    }

    private void ValidateLocation(double? lon, double? lat, Action<string, string> add)
    {
        if (lon is null) add("longitude", "is required");
        if (lat is null) add("latitude", "is required");
        if (lon is null || lat is null) return;
        if (!double.IsFinite(lon.Value) || lon is < -180 or > 180) { add("longitude", "must be between -180 and 180"); return; }
        if (!double.IsFinite(lat.Value) || lat is < -90 or > 90) { add("latitude", "must be between -90 and 90"); return; }
        if (region.Contains(lon.Value, lat.Value)) return;
        var swapped = lat is >= -180 and <= 180 && lon is >= -90 and <= 90 && region.Contains(lat.Value, lon.Value);
        var message = swapped
            ? "latitude and longitude seem to be swapped: the point falls inside the service region only the other way round"
            : $"the point is outside the service region ({region.Name} plus {region.MarginMetres:0} m)";
        add("latitude", message);
        add("longitude", message);
    }

    [GeneratedRegex("^[a-z0-9_]{1,64}$")]
    private static partial Regex Slug();
}
