using System.Text.RegularExpressions;

namespace SceneMonitor.Core.Observations;

/// <summary>Finds personal data in free text so that notes describe places and traces, never people.
/// Deliberately errs on the side of rejecting: the recorder can rephrase, a leaked name cannot be undone.</summary>
public static partial class PersonalDataScanner
{
    public sealed record Finding(string Kind, string Message);

    public static Finding? Scan(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Email().IsMatch(text)) return new("email", "contains an e-mail address");
        if (NationalRegisterNumber().IsMatch(text)) return new("national_register_number", "contains what looks like a national register number");
        if (Phone().IsMatch(text)) return new("phone", "contains what looks like a phone number");
        if (LicencePlate().IsMatch(text)) return new("licence_plate", "contains what looks like a licence plate");
        if (NamedPerson().IsMatch(text)) return new("name", "seems to name a person (\"named …\", \"genaamd …\", \"nommé …\")");
        return null;
    }

    [GeneratedRegex(@"[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex Email();

    // YY.MM.DD-XXX.CC with optional separators (Belgian rijksregisternummer / numéro de registre national).
    [GeneratedRegex(@"\b\d{2}[.\s]?(0[0-9]|1[0-2]|[2-5][0-9])[.\s]?\d{2}[-\s]?\d{3}[.\s]?\d{2}\b")]
    private static partial Regex NationalRegisterNumber();

    // International (+32 …, 0032 …) or national (0x… with 9–10 digits) numbers, separators allowed.
    [GeneratedRegex(@"(\+|00)\d{2}[\s./-]?\(?\d\)?([\s./-]?\d){7,10}\b|\b0\d([\s./-]?\d){7,8}\b")]
    private static partial Regex Phone();

    // Belgian plates since 2010 (1-ABC-123), older (ABC-123 / 123-ABC) and without separators.
    [GeneratedRegex(@"\b[1-9][-\s.]?[A-Z]{3}[-\s.]?\d{3}\b|\b[A-Z]{3}[-\s.]\d{3}\b|\b\d{3}[-\s.][A-Z]{3}\b", RegexOptions.IgnoreCase)]
    private static partial Regex LicencePlate();

    [GeneratedRegex(@"\b(named|called|genaamd|heet|nommée?|appelée?|s'appelle|surnommée?|bijnaam)\s+\p{L}", RegexOptions.IgnoreCase)]
    private static partial Regex NamedPerson();
}
