using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Core.Imports;

/// <summary>One row ready for the database.</summary>
public readonly record struct ImportRow(int CategoryId, double Longitude, double Latitude, DateTime ObservedAtUtc, int Quantity, string Source, string ExternalRef, string? Note);

/// <summary>The fields of one row, by column index (empty when the row has no such column).</summary>
public interface IRowFields
{
    ReadOnlySpan<char> this[int column] { get; }
}

/// <summary>A category as an import may name it: by code or by its Dutch, French or English label.</summary>
public sealed record ImportCategory(int Id, string Code, string LabelNl, string LabelFr, string LabelEn);

/// <summary>Turns the text of one row into an <see cref="ImportRow"/>, reading the file's own notations
/// (category labels, decimal commas, WKT, KoBo geopoints, Brussels local times), then applies the very
/// same <see cref="ObservationValidator"/> as POST /api/observations, personal-data scan included.
/// Errors name the row and the column as the file names it and say what is wrong, never quoting the
/// cell: they are stored with the import (imports.errors) and the cell may hold personal data.</summary>
public sealed class RowConverter
{
    private readonly Dictionary<string, ImportCategory>.AlternateLookup<ReadOnlySpan<char>> _categories;
    private readonly ObservationValidator _validator;
    private readonly ImportTime _time, _utcTime;
    private readonly string? _defaultSource;
    // Occurrences of each row content without an external reference, so that two identical rows in
    // one file stay two observations while a re-import of the file maps onto the same references.
    private readonly Dictionary<UInt128, int> _occurrences = [];

    /// <summary>Rows whose quantity cell was empty (or that had no quantity column) and got 1.</summary>
    public long QuantityDefaulted { get; private set; }
    public string? DefaultSource => _defaultSource;

    /// <summary>mode=update matches rows on their reference: a row without one is an error, not a
    /// row recognised by its content (whose derived reference changes when its time is corrected).</summary>
    public bool RequireRef { get; init; }

    public RowConverter(IEnumerable<ImportCategory> categories, ObservationValidator validator, ImportTime time, string? defaultSource)
    {
        var byName = new Dictionary<string, ImportCategory>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in categories)
            foreach (var name in new[] { c.LabelEn, c.LabelFr, c.LabelNl, c.Code })
                byName[name.Trim()] = c; // codes last: a code always wins over a label
        _categories = byName.GetAlternateLookup<ReadOnlySpan<char>>();
        _validator = validator;
        _time = time;
        _utcTime = new ImportTime(time.Zone, time.Format, assumeUtc: true);
        _defaultSource = defaultSource;
    }

    /// <summary>The row, or null after adding its errors to <paramref name="errors"/>.</summary>
    public ImportRow? Convert(ColumnMap map, IRowFields f, long row, List<ImportError> errors)
    {
        var before = errors.Count;
        void Error(ImportField? field, string reason, string? column = null) => errors.Add(new(row, column ?? (field is { } x ? map.NameOf(x) ?? Canonical(x) : null), reason));
        ReadOnlySpan<char> Get(ImportField field) => map.Has(field) ? f[map[field]].Trim() : default;

        string? code = null;
        var categoryId = 0;
        var categoryText = Get(ImportField.Category);
        if (categoryText.IsEmpty) Error(ImportField.Category, "is required");
        else if (_categories.TryGetValue(categoryText, out var category)) (code, categoryId) = (category.Code, category.Id);
        else Error(ImportField.Category, "unknown category: give a code (e.g. syringe) or a Dutch, French or English label");

        double? lon = null, lat = null;
        ReadLocation(map, Get, Error, ref lon, ref lat);

        DateTimeOffset? at = null;
        if (map.Has(ImportField.Time))
        {
            at = (map.SubmissionTimeIsUtc ? _utcTime : _time).Parse(Get(ImportField.Time), out var timeError);
            if (timeError is not null) Error(ImportField.Time, timeError);
        }
        else Error(ImportField.Time, "is required");

        int? quantity = 1;
        var q = Get(ImportField.Quantity);
        if (q.IsEmpty) QuantityDefaulted++;
        else
        {
            quantity = int.TryParse(q, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
            if (quantity is null) Error(ImportField.Quantity, "is not a whole number");
        }

        var sourceText = Get(ImportField.Source);
        var source = sourceText.IsEmpty ? _defaultSource : sourceText.ToString();
        var refText = Get(ImportField.ExternalRef);
        var externalRef = refText.IsEmpty ? null : refText.ToString();
        if (externalRef is null && RequireRef) Error(ImportField.ExternalRef, "is required to update stored observations (mode=update matches rows on their reference)");
        var noteText = Get(ImportField.Note);
        var note = noteText.IsEmpty ? null : noteText.ToString();

        // The validator runs on every row, also one with unreadable fields, so that a dry run lists every
        // problem of the row; a field already reported keeps its first (more precise) message.
        var problems = _validator.Validate(new ObservationInput
        {
            Category = code, Longitude = lon, Latitude = lat, ObservedAt = at, Quantity = quantity,
            Source = source, ExternalRef = externalRef, Note = note,
        });
        foreach (var (field, messages) in problems)
        {
            var column = ColumnOf(map, field);
            if (field == "source" && column is null) column = "source";
            foreach (var m in messages)
                if (!errors.Skip(before).Any(e => e.Column == column)) Error(null, m, column);
        }
        if (errors.Count > before) return null;

        var utc = at!.Value.UtcDateTime;
        externalRef ??= DerivedRef(code!, lon!.Value, lat!.Value, utc, quantity!.Value, note);
        return new ImportRow(categoryId, lon!.Value, lat!.Value, utc, quantity!.Value, source!, externalRef, note);
    }

    private static void ReadLocation(ColumnMap map, Func<ImportField, ReadOnlySpan<char>> get, Action<ImportField?, string, string?> error, ref double? lon, ref double? lat)
    {
        if (map.Has(ImportField.Latitude) && map.Has(ImportField.Longitude))
        {
            lon = Number(get(ImportField.Longitude), out var lonError);
            lat = Number(get(ImportField.Latitude), out var latError);
            if (lonError is not null) error(ImportField.Longitude, lonError, null);
            if (latError is not null) error(ImportField.Latitude, latError, null);
        }
        else if (map.Has(ImportField.Wkt))
        {
            if (!TryWktPoint(get(ImportField.Wkt), out var x, out var y, out var wktError)) error(ImportField.Wkt, wktError!, null);
            else (lon, lat) = (x, y);
        }
        else if (map.Has(ImportField.GeoPoint))
        {
            if (!TryGeoPoint(get(ImportField.GeoPoint), out var x, out var y)) error(ImportField.GeoPoint, "is required as \"latitude longitude\" (a KoBoToolbox/ODK geopoint)", null);
            else (lon, lat) = (x, y);
        }
        else error(null, "is required", "latitude");
    }

    /// <summary>A decimal number with a point, or with a comma as Belgian spreadsheets write it.</summary>
    public static double? Number(ReadOnlySpan<char> text, out string? error)
    {
        error = null;
        text = text.Trim();
        if (text.IsEmpty) { error = "is required"; return null; }
        double v;
        if (text.Length <= 64 && text.Contains(',') && !text.Contains('.'))
        {
            Span<char> copy = stackalloc char[text.Length];
            text.CopyTo(copy);
            copy.Replace(',', '.');
            if (double.TryParse(copy, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v)) return v;
        }
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v)) return v;
        error = "is not a number";
        return null;
    }

    /// <summary>POINT(lon lat), optionally with SRID=4326; in front.</summary>
    public static bool TryWktPoint(ReadOnlySpan<char> text, out double lon, out double lat, out string? error)
    {
        lon = lat = 0;
        error = null;
        text = text.Trim();
        if (text.IsEmpty) { error = "is required"; return false; }
        if (text.StartsWith("SRID=", StringComparison.OrdinalIgnoreCase))
        {
            var semi = text.IndexOf(';');
            if (semi < 0 || !text[5..semi].Trim().SequenceEqual("4326")) { error = "must be in WGS84 (SRID=4326)"; return false; }
            text = text[(semi + 1)..].TrimStart();
        }
        if (!text.StartsWith("POINT", StringComparison.OrdinalIgnoreCase)) { error = NotAPoint; return false; }
        var body = text[5..].Trim();
        if (body.Length < 2 || body[0] != '(' || body[^1] != ')') { error = NotAPoint; return false; }
        return TryTwoNumbers(body[1..^1], out lon, out lat) || Fail(out error, NotAPoint);
    }

    /// <summary>"lat lon [altitude accuracy]" as KoBoToolbox and ODK write a geopoint.</summary>
    public static bool TryGeoPoint(ReadOnlySpan<char> text, out double lon, out double lat)
    {
        lon = 0;
        if (!TryTwoNumbers(text.Trim(), out lat, out lon, allowMore: true)) return false;
        return true;
    }

    private static bool TryTwoNumbers(ReadOnlySpan<char> text, out double a, out double b, bool allowMore = false)
    {
        a = b = 0;
        Span<Range> parts = stackalloc Range[5];
        var n = text.Trim().SplitAny(parts, " \t", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var t = text.Trim();
        if (n < 2 || (!allowMore && n > 2)) return false;
        return double.TryParse(t[parts[0]], NumberStyles.Float, CultureInfo.InvariantCulture, out a)
            && double.TryParse(t[parts[1]], NumberStyles.Float, CultureInfo.InvariantCulture, out b);
    }

    private static bool Fail(out string? error, string message) { error = message; return false; }

    private const string NotAPoint = "is not a WKT POINT (e.g. POINT(4.3360 50.8357))";

    private string DerivedRef(string code, double lon, double lat, DateTime utc, int quantity, string? note)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{code}|{lon:R}|{lat:R}|{utc.Ticks}|{quantity}|{note}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        var key = new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
        var n = _occurrences[key] = _occurrences.GetValueOrDefault(key) + 1;
        var id = System.Convert.ToBase64String(hash[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return n == 1 ? $"row:{id}" : $"row:{id}:{n}";
    }

    private static string? ColumnOf(ColumnMap map, string validatorField) => validatorField switch
    {
        "category" => map.NameOf(ImportField.Category),
        "longitude" => map.NameOf(ImportField.Longitude) ?? map.NameOf(ImportField.Wkt) ?? map.NameOf(ImportField.GeoPoint),
        "latitude" => map.NameOf(ImportField.Latitude) ?? map.NameOf(ImportField.Wkt) ?? map.NameOf(ImportField.GeoPoint),
        "observedAt" => map.NameOf(ImportField.Time),
        "quantity" => map.NameOf(ImportField.Quantity),
        "source" => map.NameOf(ImportField.Source),
        "externalRef" => map.NameOf(ImportField.ExternalRef),
        "note" => map.NameOf(ImportField.Note),
        _ => validatorField,
    };

    private static string Canonical(ImportField field) => ColumnMap.Aliases[field][0];

}
