using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SceneMonitor.Core.Observations;

/// <summary>The text as the scanner reads it. A note can hide a phone number or a name from a
/// pattern with full-width characters ("０４７０"), zero-width or other invisible characters
/// ("Ja\u200Bn"), look-alike letters from other scripts ("Jаn" with a Cyrillic а) or a spelled-out
/// "(at)"; all of these are undone here so that every pattern sees the plain form.</summary>
public static partial class ScanText
{
    public static string Normalise(string text)
    {
        // The app runs with invariant globalization, where Normalize leaves full-width forms alone:
        // they are folded by hand below (U+FF01–U+FF5E are ASCII shifted by 0xFEE0).
        var s = WellFormed(text).Normalize(NormalizationForm.FormKC);
        var b = new StringBuilder(s.Length);
        foreach (var raw in s)
        {
            var c = raw is >= '\uff01' and <= '\uff5e' ? (char)(raw - 0xFEE0) : raw == '\u3000' ? ' ' : raw;
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.Format) continue; // zero-width space/joiners, soft hyphen, bidi marks, BOM
            if (category is UnicodeCategory.SpaceSeparator || c is '\t' or '\r') { b.Append(' '); continue; }
            b.Append(LookAlikes.TryGetValue(c, out var latin) ? latin : c);
        }
        s = b.ToString();
        s = BracketedAt().Replace(s, "@");
        s = BracketedDot().Replace(s, ".");
        s = SpelledAt().Replace(s, m => $"{m.Groups[1].Value}@{m.Groups[2].Value}.{m.Groups[3].Value}");
        return s;
    }

    // A lone surrogate (JSON allows "\ud800") would make Normalize throw.
    private static string WellFormed(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\ud800', '\udfff')) return text;
        var b = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { b.Append(c).Append(text[++i]); }
            else b.Append(char.IsSurrogate(c) ? '\ufffd' : c);
        }
        return b.ToString();
    }

    /// <summary>Lower case without accents, for comparing words ("Jérôme" → "jerome").</summary>
    public static string Fold(string word)
    {
        var b = new StringBuilder(word.Length);
        foreach (var c in word.ToLowerInvariant())
        {
            if (c == '’') b.Append('\'');
            else if (c == 'ß') b.Append("ss");
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            else b.Append(Unaccented.GetValueOrDefault(c, c));
        }
        return b.ToString();
    }

    // By hand for the same reason as above (no decomposition under invariant globalization): the
    // accented letters of the languages spoken in Brussels.
    private static readonly Dictionary<char, char> Unaccented = new[]
    {
        ("àáâãäåāăą", 'a'), ("çćčĉċ", 'c'), ("ďđ", 'd'), ("èéêëēĕėęě", 'e'), ("ğĝġģ", 'g'), ("ĥħ", 'h'), ("ìíîïĩīĭįı", 'i'),
        ("ĵ", 'j'), ("ķ", 'k'), ("ĺļľŀł", 'l'), ("ñńņňŉ", 'n'), ("òóôõöøōŏő", 'o'), ("ŕŗř", 'r'), ("śŝşšș", 's'),
        ("ţťŧț", 't'), ("ùúûüũūŭůűų", 'u'), ("ŵ", 'w'), ("ýÿŷ", 'y'), ("źżž", 'z'), ("ë", 'e'),
    }.SelectMany(p => p.Item1.Select(c => (c, p.Item2))).DistinctBy(p => p.c).ToDictionary(p => p.c, p => p.Item2);

    // Cyrillic and Greek letters drawn like Latin ones.
    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['а'] = 'a', ['е'] = 'e', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ј'] = 'j', ['ѕ'] = 's',
        ['А'] = 'A', ['В'] = 'B', ['Е'] = 'E', ['К'] = 'K', ['М'] = 'M', ['Н'] = 'H', ['О'] = 'O', ['Р'] = 'P', ['С'] = 'C', ['Т'] = 'T',
        ['Х'] = 'X', ['І'] = 'I', ['Ј'] = 'J', ['Ѕ'] = 'S', ['ο'] = 'o', ['α'] = 'a', ['ν'] = 'v', ['ι'] = 'i', ['ε'] = 'e', ['κ'] = 'k',
        ['Ο'] = 'O', ['Α'] = 'A', ['Β'] = 'B', ['Ε'] = 'E', ['Η'] = 'H', ['Ι'] = 'I', ['Κ'] = 'K', ['Μ'] = 'M', ['Ν'] = 'N', ['Ρ'] = 'P',
        ['Τ'] = 'T', ['Χ'] = 'X', ['Ζ'] = 'Z',
    };

    [GeneratedRegex(@"\s*[(\[{<]\s*(?:at|@|arobase|apenstaartje|a commercial)\s*[)\]}>]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex BracketedAt();

    [GeneratedRegex(@"\s*[(\[{<]\s*(?:dot|punt|point)\s*[)\]}>]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex BracketedDot();

    // "jan at example dot be": only with a domain ending, so that "at the entrance" stays a sentence.
    [GeneratedRegex(@"([\w.+-]+)\s+(?:at|arobase|apenstaartje)\s+([\w-]+)\s*(?:\.|\s(?:dot|punt|point)\s)\s*(com|be|net|org|fr|nl|eu|info|io|me|uk|de|ma|tr|pl|ro|pt|es|it|al|cd|brussels|gmail|hotmail)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SpelledAt();
}
