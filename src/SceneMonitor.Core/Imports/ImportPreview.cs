using System.Security.Cryptography;
using System.Text;

namespace SceneMonitor.Core.Imports;

/// <summary>One column of the file as the mapping step shows it: its name, the field that reads it
/// (a column parameter such as lat, or null when unused) and a few of its values.</summary>
public sealed record ImportColumn(string Name, string? Field, IReadOnlyList<string> Samples);

/// <summary>The file's columns with a few values each, read from its first rows, and its column
/// signature, for the dry run's mapping step (the page lets the user map a column to a field). The
/// samples go back to the user who sent the file, in the dry run's answer only: they are never stored
/// (imports.errors and the warnings never quote cells either).</summary>
public sealed class ImportPreview
{
    public const int SampleCount = 3;
    public const int RowsLooked = 50;
    public const int MaxSampleChars = 40;

    private readonly List<string> _names = [];
    private readonly List<List<string>> _samples = [];

    /// <summary>Column names in file order (for JSON: the union over the first items).</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Identifies the file's set of columns whatever their order (see <see cref="SignatureOf"/>).</summary>
    public string Signature => SignatureOf(_names);

    /// <summary>SHA-256 (hex) of the distinct normalised column names, sorted and joined by line
    /// breaks: the same for every export of one form, so a saved mapping is found again.</summary>
    public static string SignatureOf(IEnumerable<string> names)
    {
        var text = string.Join("\n", names.Select(ColumnMap.Normalise).Where(n => n.Length > 0).Distinct().Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The preview of a CSV or JSON file, or null when not even its first rows can be read
    /// (the import then reports why).</summary>
    public static ImportPreview? Read(Stream stream, bool json, TextDecoding decoding, char? delimiter, ImportCrs? crs)
    {
        var preview = new ImportPreview();
        try
        {
            if (json) preview.ReadJson(stream, crs);
            else preview.ReadCsv(stream, decoding, delimiter);
        }
        catch (ImportFormatException)
        {
            if (preview._names.Count == 0) return null;
        }
        return preview;
    }

    /// <summary>The columns with the field each is read as under <paramref name="overrides"/>.</summary>
    public IReadOnlyList<ImportColumn> Columns(IReadOnlyDictionary<ImportField, string> overrides)
    {
        ColumnMap? map;
        try { map = ColumnMap.Resolve(_names, overrides); }
        catch (ImportFormatException) { map = ColumnMap.Resolve(_names, new Dictionary<ImportField, string>()); }
        return _names.Select((n, i) => new ImportColumn(n, map.FieldAt(i), _samples[i])).ToList();
    }

    private void ReadCsv(Stream stream, TextDecoding decoding, char? delimiter)
    {
        var reader = new CsvReader(stream, decoding, delimiter);
        if (!reader.Read()) return;
        for (var i = 0; i < reader.FieldCount; i++)
        {
            _names.Add(reader[i].Trim().ToString()); // by position: a header may repeat a name
            _samples.Add([]);
        }
        for (var row = 0; row < RowsLooked && reader.Read(); row++)
            for (var i = 0; i < Math.Min(reader.FieldCount, _names.Count); i++) Sample(i, reader[i]);
    }

    private void ReadJson(Stream stream, ImportCrs? crs)
    {
        var rows = new JsonRows(stream, new Dictionary<ImportField, string>(), crs);
        var errors = new List<ImportError>();
        for (var row = 0; row < RowsLooked && rows.Next(errors, out _, out var map, out var fields); row++)
        {
            if (fields is null) continue;
            for (var i = 0; i < map.Names.Count; i++) Sample(Column(map.Names[i]), fields[i]);
        }
    }

    /// <summary>The index of the column named <paramref name="name"/>, added when new.</summary>
    private int Column(string name)
    {
        var i = _names.IndexOf(name);
        if (i >= 0) return i;
        _names.Add(name);
        _samples.Add([]);
        return _names.Count - 1;
    }

    private void Sample(int column, ReadOnlySpan<char> value)
    {
        var list = _samples[column];
        value = value.Trim();
        if (list.Count >= SampleCount || value.IsEmpty) return;
        var text = value.Length > MaxSampleChars ? string.Concat(value[..(MaxSampleChars - 1)], "…") : value.ToString();
        if (!list.Contains(text)) list.Add(text);
    }
}
