using System.Globalization;

namespace SceneMonitor.Core.Imports;

/// <summary>Reads observation times from import files. ISO 8601 with an offset (or Z) is taken as
/// written. Times without an offset — ISO 8601 without one, dd/MM/yyyy HH:mm[:ss], dd/MM/yyyy, or a
/// caller-given format — are local times of <see cref="Zone"/> (the region pack's time zone), as spreadsheets
/// write them, except where <see cref="AssumeUtc"/> is set (KoBoToolbox's _submission_time is UTC).
/// The common shapes are parsed by hand: this runs once per row on files of a million rows.</summary>
public sealed class ImportTime(TimeZoneInfo zone, string? format = null, bool assumeUtc = false)
{
    public TimeZoneInfo Zone { get; } = zone;
    public string? Format { get; } = string.IsNullOrWhiteSpace(format) ? null : format;
    public bool AssumeUtc { get; } = assumeUtc;

    public const string Expected = "expected ISO 8601 (2026-03-01T21:30:00+01:00, or without offset as local time) or dd/MM/yyyy HH:mm";

    /// <summary>The instant, or null with <paramref name="error"/> saying why.</summary>
    public DateTimeOffset? Parse(ReadOnlySpan<char> text, out string? error)
    {
        error = null;
        text = text.Trim();
        if (text.IsEmpty) { error = "is required"; return null; }
        if (Format is not null) return ParseWithFormat(text, out error);

        if (TryIso(text, out var local, out var offset, out var hasOffset) || TryDayFirst(text, out local))
            return hasOffset ? Offset(local, offset, out error) : Local(local, out error);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var any)
            && HasExplicitOffset(text))
            return any;
        error = $"is not a time: {Expected}";
        return null;
    }

    private DateTimeOffset? ParseWithFormat(ReadOnlySpan<char> text, out string? error)
    {
        error = null;
        var withOffset = Format!.Contains('z') || Format.Contains('K');
        if (withOffset && DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto)) return dto;
        if (!withOffset && DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt)) return Local(dt, out error);
        error = $"does not match the time format '{Format}'";
        return null;
    }

    private DateTimeOffset? Local(DateTime local, out string? error)
    {
        error = null;
        if (AssumeUtc) return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeSpan.Zero);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            error = $"is a local time that does not exist in {Zone.Id} (the clocks moved forward that hour); give the offset";
            return null;
        }
        // An hour that occurs twice (clocks back) is read as the first occurrence (summer time).
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    private static DateTimeOffset? Offset(DateTime local, TimeSpan offset, out string? error)
    {
        error = null;
        if (offset.Duration() > TimeSpan.FromHours(14)) { error = "has an offset beyond ±14:00"; return null; }
        return new DateTimeOffset(local, offset);
    }

    /// <summary>yyyy-MM-dd[(T| )HH:mm[:ss[.fffffff]]][Z|±HH[:]mm]</summary>
    internal static bool TryIso(ReadOnlySpan<char> s, out DateTime local, out TimeSpan offset, out bool hasOffset)
    {
        local = default; offset = default; hasOffset = false;
        if (s.Length < 10 || s[4] != '-' || s[7] != '-') return false;
        if (!Digits(s, 0, 4, out var y) || !Digits(s, 5, 2, out var mo) || !Digits(s, 8, 2, out var d)) return false;
        int h = 0, mi = 0, sec = 0; long ticks = 0;
        var i = 10;
        if (i < s.Length)
        {
            if (s[i] is not ('T' or ' ') || !Clock(s, i + 1, out h, out mi, out sec, out ticks, out i)) return false;
        }
        if (i < s.Length)
        {
            if (s[i] == 'Z' && i == s.Length - 1) hasOffset = true;
            else if (s[i] is '+' or '-' && ZoneOffset(s[(i + 1)..], out offset)) { hasOffset = true; if (s[i] == '-') offset = -offset; }
            else return false;
        }
        return Build(y, mo, d, h, mi, sec, ticks, out local);
    }

    /// <summary>d/M/yyyy[ H:mm[:ss]], also with - or . between the date parts (Belgian spreadsheets).</summary>
    internal static bool TryDayFirst(ReadOnlySpan<char> s, out DateTime local)
    {
        local = default;
        var i = 0;
        if (!Number(s, ref i, 2, out var d) || i >= s.Length || s[i] is not ('/' or '-' or '.')) return false;
        var sep = s[i++];
        if (!Number(s, ref i, 2, out var mo) || i >= s.Length || s[i++] != sep) return false;
        var yStart = i;
        if (!Number(s, ref i, 4, out var y) || i - yStart != 4) return false;
        int h = 0, mi = 0, sec = 0; long ticks = 0;
        if (i < s.Length && (s[i] != ' ' || !Clock(s, i + 1, out h, out mi, out sec, out ticks, out i) || i != s.Length)) return false;
        return Build(y, mo, d, h, mi, sec, ticks, out local);
    }

    /// <summary>H:mm[:ss[.fffffff]] from <paramref name="start"/>; <paramref name="end"/> is the index after it.</summary>
    private static bool Clock(ReadOnlySpan<char> s, int start, out int h, out int mi, out int sec, out long ticks, out int end)
    {
        h = mi = sec = 0; ticks = 0; end = start;
        var i = start;
        if (!Number(s, ref i, 2, out h) || i >= s.Length || s[i++] != ':' || !Digits(s, i, 2, out mi)) return false;
        i += 2;
        if (i < s.Length && s[i] == ':')
        {
            if (!Digits(s, i + 1, 2, out sec)) return false;
            i += 3;
            if (i < s.Length && s[i] is '.' or ',')
            {
                var scale = TimeSpan.TicksPerSecond;
                i++;
                var digitsStart = i;
                for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
                    if ((scale /= 10) > 0) ticks += (s[i] - '0') * scale;
                if (i == digitsStart) return false;
            }
        }
        end = i;
        return true;
    }

    private static bool ZoneOffset(ReadOnlySpan<char> s, out TimeSpan offset)
    {
        offset = default;
        int h, m = 0;
        if (s.Length == 2) { if (!Digits(s, 0, 2, out h)) return false; }
        else if (s.Length == 5 && s[2] == ':') { if (!Digits(s, 0, 2, out h) || !Digits(s, 3, 2, out m)) return false; }
        else if (s.Length == 4) { if (!Digits(s, 0, 2, out h) || !Digits(s, 2, 2, out m)) return false; }
        else return false;
        if (m > 59) return false;
        offset = new TimeSpan(h, m, 0);
        return true;
    }

    private static bool Build(int y, int mo, int d, int h, int mi, int sec, long ticks, out DateTime local)
    {
        local = default;
        if (y < 1 || mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return false;
        local = new DateTime(y, mo, d, h, mi, sec, DateTimeKind.Unspecified).AddTicks(ticks);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length) return false;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i])) return false;
            value = value * 10 + (s[i] - '0');
        }
        return true;
    }

    /// <summary>1 to <paramref name="max"/> digits from <paramref name="i"/>, advancing it.</summary>
    private static bool Number(ReadOnlySpan<char> s, ref int i, int max, out int value)
    {
        value = 0;
        var start = i;
        while (i < s.Length && i - start < max && char.IsAsciiDigit(s[i])) value = value * 10 + (s[i++] - '0');
        return i > start;
    }

    private static bool HasExplicitOffset(ReadOnlySpan<char> s)
    {
        var tail = s.Length > 10 ? s[10..] : default;
        return tail.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || tail.LastIndexOfAny('+', '-') >= 0 || s.EndsWith("GMT", StringComparison.OrdinalIgnoreCase);
    }

}
