using System.Globalization;
using System.Text.Json;

namespace SceneMonitor.Core.Imports;

/// <summary>The rows of an import file, one at a time, each with the column map that reads it.</summary>
public interface IImportRows
{
    /// <summary>csv, geojson or json.</summary>
    string Format { get; }

    /// <summary>The next row; <paramref name="fields"/> is null when the row is unusable as a whole
    /// (its error is already in <paramref name="errors"/>). False after the last row.</summary>
    bool Next(List<ImportError> errors, out long row, out ColumnMap map, out IRowFields? fields);

    /// <summary>The column map of the header (CSV) or of the first item (JSON), for the warnings.</summary>
    ColumnMap? FirstMap { get; }

    /// <summary>The CRS the coordinates were transformed from, or null when they were WGS84 already.</summary>
    string? TransformedFrom { get; }
}

/// <summary>Rows of a CSV file: the header names the columns, each row must have as many fields.</summary>
public sealed class CsvRows : IImportRows, IRowFields
{
    private readonly CsvReader _reader;
    private readonly ColumnMap _map;
    private readonly int _columns;

    public CsvRows(Stream stream, TextDecoding decoding, char? delimiter, IReadOnlyDictionary<ImportField, string> overrides)
    {
        _reader = new CsvReader(stream, decoding, delimiter);
        if (!_reader.Read()) throw new ImportFormatException(1, null, "the file is empty: expected a header line naming the columns");
        var names = new string[_reader.FieldCount];
        for (var i = 0; i < names.Length; i++) names[i] = _reader[i].Trim().ToString();
        _columns = names.Length;
        _map = ColumnMap.Resolve(names, overrides, _reader.Row);
        _map.RequireColumns(_reader.Row);
    }

    public string Format => "csv";
    public ColumnMap? FirstMap => _map;
    public string? TransformedFrom => null;
    public char Delimiter => _reader.Delimiter;
    public bool HasSource => _map.Has(ImportField.Source);

    public ReadOnlySpan<char> this[int column] => column < _reader.FieldCount ? _reader[column] : default;

    public bool Next(List<ImportError> errors, out long row, out ColumnMap map, out IRowFields? fields)
    {
        map = _map;
        fields = null;
        if (!_reader.Read()) { row = 0; return false; }
        row = _reader.Row;
        if (_reader.FieldCount != _columns)
        {
            var hint = _reader.FieldCount == 1 ? $" (is the delimiter '{Show(_reader.Delimiter)}' right? give ?delimiter=…)" : "";
            errors.Add(new(row, null, $"has {_reader.FieldCount} fields where the header has {_columns}{hint}"));
            return true;
        }
        fields = this;
        return true;
    }

    private static string Show(char c) => c == '\t' ? "tab" : c.ToString();

    /// <summary>Lines in the file (fast byte count), an upper bound on the rows for progress reports.</summary>
    public static long CountLines(Stream stream)
    {
        var buffer = new byte[1 << 16];
        long lines = 0;
        int n;
        byte last = (byte)'\n';
        while ((n = stream.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
            last = buffer[n - 1];
        }
        return last == '\n' ? lines : lines + 1;
    }
}

/// <summary>Items of a GeoJSON FeatureCollection (a Point geometry, the fields in "properties") or of a
/// KoBoToolbox/ODK JSON export (the fields at top level, _geolocation as [lat, lon]). Fields are looked
/// up per item: a KoBo export leaves out unanswered questions. GeoJSON coordinates in Belgian Lambert
/// 72 or 2008 are transformed to WGS84 when the file's "crs" member or the caller's crs= says so
/// (<see cref="ImportCrs"/>; the caller's choice wins).</summary>
public sealed class JsonRows(Stream stream, IReadOnlyDictionary<ImportField, string> overrides, ImportCrs? crs = null) : IImportRows
{
    private readonly JsonItemReader _reader = new(stream);
    private long _row;
    private ImportCrs? _crs = crs;

    public string Format => _reader.ArrayName == "features" ? "geojson" : "json";
    public ColumnMap? FirstMap { get; private set; }
    public string? TransformedFrom => _crs is { IsWgs84: false } c && Format == "geojson" && _row > 0 ? c.Label : null;

    public bool Next(List<ImportError> errors, out long row, out ColumnMap map, out IRowFields? fields)
    {
        fields = null;
        map = null!;
        using var item = _reader.Next();
        if (item is null) { row = 0; return false; }
        row = ++_row;
        var root = item.RootElement;
        if (root.ValueKind != JsonValueKind.Object) { errors.Add(new(row, null, "must be a JSON object")); return true; }

        var names = new List<string>();
        var values = new List<string>();
        if (_reader.ArrayName == "features")
        {
            if (row == 1 && _crs is null && _reader.CrsName is { } named)
                _crs = ImportCrs.Parse(named) ?? throw new ImportFormatException(0, "crs", $"the file's crs member names {named}, which is not supported: accepted are {ImportCrs.Accepted}");
            if (!AddGeometry(root, names, values, out var problem)) { errors.Add(new(row, "geometry", problem!)); return true; }
            if (root.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object) Add(p, names, values);
        }
        else Add(root, names, values);

        // A column named by the caller but left out of this item reads as empty, as in a CSV.
        foreach (var wanted in overrides.Values)
            if (!names.Any(n => ColumnMap.Normalise(n) == ColumnMap.Normalise(wanted))) { names.Add(wanted); values.Add(""); }
        map = ColumnMap.Resolve(names, overrides, row);
        FirstMap ??= map;
        fields = new Values(values);
        return true;
    }

    private bool AddGeometry(JsonElement feature, List<string> names, List<string> values, out string? problem)
    {
        problem = null;
        if (!feature.TryGetProperty("geometry", out var g) || g.ValueKind == JsonValueKind.Null) return true; // reported as missing location
        if (g.ValueKind != JsonValueKind.Object || !g.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Point")
        {
            problem = "must be a Point (observations are points)";
            return false;
        }
        if (!g.TryGetProperty("coordinates", out var c) || c.ValueKind != JsonValueKind.Array || c.GetArrayLength() < 2
            || c[0].ValueKind != JsonValueKind.Number || c[1].ValueKind != JsonValueKind.Number)
        {
            problem = "coordinates must be [longitude, latitude]";
            return false;
        }
        double x = c[0].GetDouble(), y = c[1].GetDouble();
        var from = _crs ?? ImportCrs.Wgs84;
        if (from.IsWgs84 && (Math.Abs(x) > 180 || Math.Abs(y) > 90))
        {
            var said = _crs is null ? "the file names no CRS" : $"the file says {from.Label}";
            problem = ImportCrs.Guess(x, y) is { } guess
                ? $"coordinates look like {guess.Label} metres but {said}: add crs=EPSG:{guess.Srid}"
                : $"coordinates are not longitude and latitude and {said}: add crs= ({ImportCrs.Accepted})";
            return false;
        }
        var p = from.ToWgs84(x, y);
        names.Add("longitude"); values.Add(p.Lon.ToString("R", CultureInfo.InvariantCulture));
        names.Add("latitude"); values.Add(p.Lat.ToString("R", CultureInfo.InvariantCulture));
        return true;
    }

    private static void Add(JsonElement o, List<string> names, List<string> values)
    {
        foreach (var p in o.EnumerateObject())
        {
            var text = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Number => p.Value.GetRawText(),
                JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                // KoBo's _geolocation is [lat, lon]; it reads like the "lat lon" of a geopoint.
                JsonValueKind.Array when p.Value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number) =>
                    string.Join(' ', p.Value.EnumerateArray().Select(v => v.GetRawText())),
                _ => null,
            };
            if (text is null) continue;
            names.Add(p.Name);
            values.Add(text);
        }
    }

    private sealed class Values(List<string> values) : IRowFields
    {
        public ReadOnlySpan<char> this[int column] => column < values.Count ? values[column] : default;
    }
}

/// <summary>Helpers shared by the readers.</summary>
public static class ImportFormats
{
    /// <summary>True when the first non-blank byte opens a JSON object or array.</summary>
    public static bool LooksLikeJson(Stream stream)
    {
        Span<byte> head = stackalloc byte[64];
        var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var s = head[..n];
        if (s.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) s = s[3..];
        var i = s.IndexOfAnyExcept((ReadOnlySpan<byte>)" \t\r\n"u8);
        return i >= 0 && s[i] is (byte)'{' or (byte)'[';
    }

    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
