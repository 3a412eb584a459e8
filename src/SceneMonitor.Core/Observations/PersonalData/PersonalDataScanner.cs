using System.Text.RegularExpressions;

namespace SceneMonitor.Core.Observations;

/// <summary>Finds personal data in free text (notes, retraction reasons, Open311 descriptions,
/// intervention descriptions) so that stored text describes places and traces, never people: contact
/// details, identifiers, names and descriptions of persons. The text is normalised first
/// (<see cref="ScanText"/>), so invisible or look-alike characters do not hide anything.
/// Deliberately errs on the side of refusing: the recorder can rephrase, a stored name cannot be
/// undone. A finding's message says what kind of data was found and what to write instead; it never
/// repeats the text.</summary>
public static partial class PersonalDataScanner
{
    public sealed record Finding(string Kind, string Message);

    private const string Instead = "describe places and traces, never people";

    public static Finding? Scan(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = ScanText.Normalise(text);
        return Contacts(t) ?? Identifiers(t) ?? PersonMentions.Find(t);
    }

    internal static Finding Name() => new("name",
        $"seems to name a person; write where and what was found instead (e.g. \"sleeping place behind the stairs\"): {Instead}");

    internal static Finding Description() => new("person_description",
        $"seems to describe a person (gender, age, clothing, build, appearance or what they do); describe the place and the traces instead (e.g. \"consumption site behind the stairs, 5 pipes\"): {Instead}");

    private static Finding? Contacts(string t)
    {
        if (Email().IsMatch(t)) return new("email", $"contains an e-mail address; leave contact details out: {Instead}");
        if (Handle().IsMatch(t)) return new("handle", $"contains what looks like a social media handle (@…); leave contact details out: {Instead}");
        return null;
    }

    private static Finding? Identifiers(string t)
    {
        foreach (Match m in Iban().Matches(t))
            if (IsIban(m.Value)) return new("iban", $"contains what looks like a bank account number (IBAN); leave it out: {Instead}");
        foreach (Match m in NationalRegisterNumber().Matches(t))
            if (IsBirthDate(Digits(m.Value))) return new("national_register_number", $"contains what looks like a national register number; leave it out: {Instead}");
        if (CardNumber().IsMatch(t) || DocumentNumber().IsMatch(t) || DocumentWord().IsMatch(ScanText.Fold(t)))
            return new("identity_document", $"contains what looks like an identity document, card or account number; leave it out: {Instead}");
        if (LicencePlate().IsMatch(t) || ForeignPlate().Matches(t).Any(m => m.Value.Any(char.IsLetter) && m.Value.Any(char.IsDigit)) || PlateWord().IsMatch(t))
            return new("licence_plate", $"contains what looks like a licence plate; leave vehicles' plates out: {Instead}");
        var withoutTimes = Time().Replace(Date().Replace(t, " § "), " § ");
        foreach (Match m in PhoneCandidate().Matches(withoutTimes))
        {
            var digits = Digits(m.Value);
            var international = m.Value.StartsWith('+') || digits.StartsWith("00", StringComparison.Ordinal);
            if (digits.Length is >= 9 and <= 15 && (international || digits[0] == '0'))
                return new("phone", $"contains what looks like a phone number; leave contact details out: {Instead}");
        }
        return null;
    }

    private static string Digits(string s) => string.Concat(s.Where(char.IsAsciiDigit));

    // YYMMDD: month 1–12, or +20/+40 for bis numbers (month unknown: 00); day 0–31.
    private static bool IsBirthDate(string d)
    {
        var month = int.Parse(d.AsSpan(2, 2)) % 20;
        var day = int.Parse(d.AsSpan(4, 2));
        return int.Parse(d.AsSpan(2, 2)) < 60 && month <= 12 && day <= 31;
    }

    // ISO 13616: move the first four characters to the end, letters as 10–35, the number mod 97 is 1.
    // The match may have taken a following word as a group ("… 7034 hier"): shorter cuts at group ends are tried too.
    private static bool IsIban(string text)
    {
        var s = string.Concat(text.Where(char.IsAsciiLetterOrDigit)).ToUpperInvariant();
        for (var n = s.Length; n >= 15; n = n % 4 == 0 ? n - 4 : n - n % 4)
            if (n <= 34 && Mod97(s[4..n] + s[..4]) == 1) return true;
        return false;
    }

    private static int Mod97(string s)
    {
        var r = 0;
        foreach (var c in s)
            r = char.IsAsciiDigit(c) ? (r * 10 + (c - '0')) % 97 : (r * 100 + (c - 'A' + 10)) % 97;
        return r;
    }

    // Spaces are allowed around @ and dots ("jan . peeters @ example . be").
    [GeneratedRegex(@"[\w.%+-]+\s*@\s*[\w-]+(?:\s*\.\s*[\w-]+)*\s*\.\s*\p{L}{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\w.])@[\w.]{2,}")]
    private static partial Regex Handle();

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Iban();

    // YY.MM.DD-XXX.CC, any of . space - / between the groups or none (rijksregisternummer / numéro national).
    [GeneratedRegex(@"(?<!\d)\d{2}[.\s/-]?\d{2}[.\s/-]?\d{2}[.\s/-]{0,2}\d{3}[.\s/-]?\d{2}(?!\d)")]
    private static partial Regex NationalRegisterNumber();

    // Belgian eID card (591-1234567-89) and old bank account numbers (000-1234567-89) share the 3-7-2 form.
    [GeneratedRegex(@"(?<!\d)\d{3}[-.\s]?\d{7}[-.\s]?\d{2}(?!\d)")]
    private static partial Regex CardNumber();

    // Passports and residence cards: one or two capitals then 6–9 digits (EM123456, B123456789).
    [GeneratedRegex(@"\b[A-Z]{1,2}\d{6,9}\b")]
    private static partial Regex DocumentNumber();

    // A document named, then something with a digit in it ("paspoort nr AB12345").
    [GeneratedRegex(@"\b(?:paspoort|passport|passeport|identiteitskaart|id-kaart|eid|carte d'identite|identity card|id card|rijbewijs|permis de conduire|driving licen[cs]e|verblijfskaart|titre de sejour|residence permit|rijksregister\w*|registre national|rrn|niss|inss|bsn)\b\W{0,6}(?:\w+\W{1,3}){0,2}[a-z]*\d[\w.-]{2,}")]
    private static partial Regex DocumentWord();

    // Belgian plates since 2010 (1-ABC-123, 1ABC123), older ones (ABC-123, 123-ABC).
    [GeneratedRegex(@"\b[1-9][-\s.]?[A-Z]{3}[-\s.]?\d{3}\b|\b[A-Z]{3}[-\s.]\d{3}\b|\b\d{3}[-\s.][A-Z]{3}\b", RegexOptions.IgnoreCase)]
    private static partial Regex LicencePlate();

    // French (AB-123-CD) and Dutch (12-ABC-3, XX-99-XX …) plates: three groups of letters and digits.
    [GeneratedRegex(@"\b[A-Z0-9]{1,3}-[A-Z0-9]{2,3}-[A-Z0-9]{1,3}\b")]
    private static partial Regex ForeignPlate();

    [GeneratedRegex(@"\b(?:nummerplaat\w*|kenteken\w*|plaque|immatriculation|licen[cs]e plate|number plate|plate)\b\W{0,4}[\w-]*\d[\w-]*", RegexOptions.IgnoreCase)]
    private static partial Regex PlateWord();

    // Dates and clock times, masked before looking for phone numbers (31/12/2026 21:30 has 12 digits).
    [GeneratedRegex(@"(?<!\d[./\s-]?)(?:\d{4}-\d{2}-\d{2}|(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:\d{4}|\d{2}))(?![./-]?\d)")]
    private static partial Regex Date();

    [GeneratedRegex(@"(?<!\d[./\s-]?)(?:[01]?\d|2[0-3])[:hu]\d{2}(?!\d)", RegexOptions.IgnoreCase)]
    private static partial Regex Time();

    // Digits with any spacing or punctuation between them ("0 4 7 0 / 12 34 56", "+32 (0)470…").
    [GeneratedRegex(@"(?<![\w+])(?:\+|00)?\d(?:[\s./()-]{0,3}\d){7,16}(?!\w)")]
    private static partial Regex PhoneCandidate();
}
