using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Core.Imports;

namespace SceneMonitor.Api.Features.Imports;

/// <summary>Bound from "Imports".</summary>
public sealed class ImportOptions
{
    /// <summary>Largest upload accepted, in bytes (default 1 GiB).</summary>
    public long MaxBytes { get; set; } = 1L << 30;
    /// <summary>Where uploads are spooled while they are processed; empty: the system temp folder.</summary>
    public string TempDirectory { get; set; } = "";
    /// <summary>Imports processed at once; further ones wait their turn (the machine has few cores).</summary>
    public int MaxConcurrent { get; set; } = 2;
}

/// <summary>The query parameters of POST /api/imports: dry run, insert or update, default source and column mapping.</summary>
public sealed partial record ImportRequest(
    bool DryRun, bool Wait, string? Source, IReadOnlyDictionary<ImportField, string> Columns,
    string? TimeFormat, char? Delimiter, TextDecoding Decoding, ImportCrs? Crs = null,
    string Mode = ImportModes.Insert, bool UseSavedMapping = false)
{
    /// <summary>What <see cref="Parse"/> reads, for the OpenAPI document.</summary>
    public static IEnumerable<QueryParameter> QueryParameters =>
    [
        OpenApiQuery.Flag("dryRun", "Only check the file; store nothing."),
        OpenApiQuery.Flag("wait", "Answer with the final report instead of 202 and a progress Location."),
        OpenApiQuery.Text("source", "Default source for rows without one (lowercase letters, digits, _)."),
        OpenApiQuery.Text("encoding", "utf-8 (default), latin1 or windows-1252."),
        OpenApiQuery.Text("delimiter", "CSV delimiter: , ; tab or |."),
        OpenApiQuery.Text("timeFormat", "Time format of the file's time column."),
        OpenApiQuery.Text("crs", "CRS of a GeoJSON file's coordinates when it names none (EPSG:4326, EPSG:31370, EPSG:3812, CRS84); wins over the file's crs member."),
        OpenApiQuery.Text("mode", "insert (default: rows whose source and reference are already stored are left as they are) or update " +
            "(they are corrected, each change audited; rows without a match are inserted; needs a reference column). Matching is within your organisation only."),
        OpenApiQuery.Text("mapping", "saved: apply your organisation's saved column mapping for files with these columns (GET /api/imports/mappings); column parameters given here win."),
        .. ColumnMap.Parameters.Select(p => OpenApiQuery.Text(p.Value, $"The file's column holding {p.Key}.")),
    ];

    public static (ImportRequest? Request, ProblemHttpResult? Problem) Parse(IQueryCollection q)
    {
        if (!Bool(q, "dryRun", out var dryRun)) return (null, Problems.BadRequest("dryRun", "must be true or false"));
        if (!Bool(q, "wait", out var wait)) return (null, Problems.BadRequest("wait", "must be true or false"));
        var source = Text(q, "source");
        if (source is not null && !Slug().IsMatch(source))
            return (null, Problems.BadRequest("source", "must be 1–64 lowercase letters, digits or _ (e.g. syringe_patrol)"));
        var decoding = TextDecoding.Parse(Text(q, "encoding"));
        if (decoding is null) return (null, Problems.BadRequest("encoding", "must be utf-8, latin1 (iso-8859-1) or windows-1252"));
        char? delimiter = Text(q, "delimiter") switch
        {
            null => null,
            "," or "comma" => ',',
            ";" or "semicolon" => ';',
            "tab" or "\\t" or "\t" => '\t',
            "|" or "pipe" => '|',
            _ => '\0',
        };
        if (delimiter == '\0') return (null, Problems.BadRequest("delimiter", "must be , ; tab or |"));
        var columns = new Dictionary<ImportField, string>();
        foreach (var (field, parameter) in ColumnMap.Parameters)
            if (Text(q, parameter) is { } name) columns[field] = name;
        if (columns.ContainsKey(ImportField.Latitude) != columns.ContainsKey(ImportField.Longitude))
            return (null, Problems.BadRequest(columns.ContainsKey(ImportField.Latitude) ? "lon" : "lat", "name both lat and lon columns, or neither"));
        ImportCrs? crs = null;
        if (Text(q, "crs") is { } crsName && (crs = ImportCrs.Parse(crsName)) is null)
            return (null, Problems.BadRequest("crs", $"must be {ImportCrs.Accepted}"));
        var mode = Text(q, "mode") ?? ImportModes.Insert;
        if (mode is not (ImportModes.Insert or ImportModes.Update)) return (null, Problems.BadRequest("mode", "must be insert or update"));
        var mapping = Text(q, "mapping");
        if (mapping is not (null or "saved")) return (null, Problems.BadRequest("mapping", "must be saved (or left out)"));
        return (new ImportRequest(dryRun, wait, source, columns, Text(q, "timeFormat"), delimiter, decoding, crs, mode, mapping == "saved"), null);
    }

    private static string? Text(IQueryCollection q, string name) => q.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v.ToString()) ? v.ToString() : null;

    private static bool Bool(IQueryCollection q, string name, out bool value)
    {
        value = false;
        var text = Text(q, name);
        return text is null || bool.TryParse(text, out value) || (text == "1" && (value = true)) || text == "0";
    }

    [GeneratedRegex("^[a-z0-9_]{1,64}$")]
    private static partial Regex Slug();
}
