using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Exports;

public enum ExportFormat { GeoJson, Csv }

/// <summary>Format choice and file names shared by every export. Names follow the web client's
/// convention (scenemonitor_kind_from_to_to_categories_source_area_asof_date.ext) so that a file
/// says what filter produced it and when.</summary>
public static class ExportFile
{
    public static readonly QueryParameter FormatParameter = OpenApiQuery.Text("format", "geojson (default) or csv.");

    public static (ExportFormat Format, ProblemHttpResult? Problem) Format(IQueryCollection q) =>
        (q["format"].FirstOrDefault() ?? "geojson").ToLowerInvariant() switch
        {
            "geojson" or "json" => (ExportFormat.GeoJson, null),
            "csv" => (ExportFormat.Csv, null),
            var other => (default, Problems.BadRequest("format", $"'{other}' is not a format here; use geojson or csv")),
        };

    public static string Extension(ExportFormat format) => format == ExportFormat.Csv ? "csv" : "geojson";

    public static string Name(string kind, ObservationFilter filter, string? areaName, ExportFormat format, DateTimeOffset now, params string[] extra)
    {
        var parts = new List<string> { "scenemonitor", kind };
        if (filter.From is not null || filter.To is not null) parts.Add($"{Day(filter.From) ?? "start"}_to_{Day(filter.To) ?? "now"}");
        if (filter.Categories.Count > 0) parts.Add(filter.Categories.Count <= 3 ? string.Join('+', filter.Categories) : $"{filter.Categories.Count}categories");
        parts.AddRange(filter.Sources);
        if (areaName is not null) parts.Add(Slug(areaName));
        parts.AddRange(extra);
        parts.Add($"asof_{Day(now)}");
        return $"{string.Join('_', parts.Select(Slug))}.{Extension(format)}";
    }

    /// <summary>The "as of" date of a file name: the local date (QueryTime.Zone), like the dates of the filter.</summary>
    public static string AsOf(DateTimeOffset now) => Day(now)!;

    private static string? Day(DateTimeOffset? t) =>
        t is null ? null : TimeZoneInfo.ConvertTime(t.Value, QueryTime.Zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A file's metadata says which instants its filter meant: the time zone, how a date alone
    /// was read, and from/to as local times with their offset ("2026-01-01T00:00:00+01:00"), so a file
    /// named after a day can be checked against it.</summary>
    public static void WritePeriod(System.Text.Json.Utf8JsonWriter w, ObservationFilter filter)
    {
        w.WriteString("timeZone", QueryTime.Zone.Id);
        w.WriteString("dates", QueryTime.DayMeaning);
        w.WriteStartObject("period");
        foreach (var (key, t) in new[] { ("from", filter.From), ("to", filter.To) })
            if (t is { } at) w.WriteString(key, TimeZoneInfo.ConvertTime(at, QueryTime.Zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            else w.WriteNull(key);
        w.WriteEndObject();
    }

    /// <summary>ASCII letters, digits, - + and _ only: safe in a Content-Disposition header and any file system.</summary>
    public static string Slug(string text)
    {
        var plain = new string(text.Normalize(NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());
        var sb = new StringBuilder();
        foreach (var c in plain.ToLowerInvariant())
            sb.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '_' or '.' ? c : '-');
        var slug = sb.ToString().Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal)) slug = slug.Replace("--", "-", StringComparison.Ordinal);
        return slug.Length > 60 ? slug[..60] : slug;
    }

    public static void Attach(HttpContext http, string fileName) =>
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
}

/// <summary>Streams RFC 4180 CSV (UTF-8, comma, header row, CRLF) to the response.</summary>
public sealed class CsvResult(string fileName, Func<CsvWriter, CancellationToken, Task> write) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        ExportFile.Attach(http, fileName);
        await using var text = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 64 * 1024);
        var csv = new CsvWriter(text);
        await write(csv, http.RequestAborted);
        await csv.FlushAsync(http.RequestAborted);
    }
}

/// <summary>Builds CSV rows in memory a few kilobytes at a time; <see cref="FlushIfFullAsync"/> hands
/// them to the response asynchronously (synchronous writes to the response are not allowed).</summary>
public sealed class CsvWriter(TextWriter text)
{
    private const int ChunkChars = 32 * 1024;
    private readonly StringBuilder _pending = new();
    private bool _first = true;

    public CsvWriter Number(double? value) => Raw(value?.ToString("R", CultureInfo.InvariantCulture) ?? "");
    public CsvWriter Number(long? value) => Raw(value?.ToString(CultureInfo.InvariantCulture) ?? "");

    /// <summary>Quoted when needed. Text starting with = + - @ gets a leading apostrophe so that a
    /// spreadsheet shows it instead of running it as a formula (CSV injection).</summary>
    public CsvWriter Text(string? value)
    {
        if (value is null) return Raw("");
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return Raw(value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
    }

    public CsvWriter Row(params string[] headers)
    {
        foreach (var h in headers) Text(h);
        return End();
    }

    public CsvWriter End()
    {
        _pending.Append("\r\n");
        _first = true;
        return this;
    }

    public async Task FlushIfFullAsync(CancellationToken ct)
    {
        if (_pending.Length >= ChunkChars) await FlushAsync(ct);
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        await text.WriteAsync(_pending, ct);
        _pending.Clear();
        await text.FlushAsync(ct);
    }

    private CsvWriter Raw(string value)
    {
        if (!_first) _pending.Append(',');
        _pending.Append(value);
        _first = false;
        return this;
    }
}
