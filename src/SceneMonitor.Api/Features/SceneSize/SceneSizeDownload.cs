using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SceneMonitor.Api.Features.Exports;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.SceneSize;

namespace SceneMonitor.Api.Features.SceneSize;

/// <summary>The estimates as a file, one row or feature per area, year and population, with the same
/// figures, flags and caveat codes as the JSON. GeoJSON carries the area's polygon from the areas table
/// (a choropleth in QGIS needs nothing else); CSV carries the area's official code to join on. Inputs
/// (register counts, n, m) are not in the files: a file travels further than the page.</summary>
public static class SceneSizeDownload
{
    private static readonly string[] Columns =
        ["area_id", "area_code", "area_name", "area_kind", "year", "population", "estimate", "low_95", "high_95", "unreliable", "estimates", "used", "heterogeneity_i2", "minimum", "maximum", "caveats"];

    public static async Task<Results<GeoJsonResult, CsvResult, ProblemHttpResult>> Download(HttpContext http, SceneSizeStore store, SceneMonitorDb db, Auditor audit, TimeProvider clock, CancellationToken ct)
    {
        var (format, formatProblem) = ExportFile.Format(http.Request.Query);
        if (formatProblem is not null) return formatProblem;
        var (filter, problem) = await SceneSizeEndpoints.ReadFilterAsync(http.Request.Query, db, clock, ct);
        if (problem is not null) return problem;
        var response = await SceneSizeEndpoints.EstimatesAsync(http, store, filter, ct);
        await audit.WriteAsync(http, AuditActions.Export, new { kind = "scene_size", format = ExportFile.Extension(format), filter = Auditor.Query(http.Request) }, response.Estimates.Count, ct);

        var name = string.Join('_', new[] { "scenemonitor", "scene-size", filter.Year?.ToString(CultureInfo.InvariantCulture), $"asof_{ExportFile.AsOf(clock.GetUtcNow())}" }
            .Where(p => p is not null)) + "." + ExportFile.Extension(format);
        if (format == ExportFormat.Csv)
            return Csv(name, response);

        var shapes = await store.BoundariesAsync(response.Estimates.Select(e => e.AreaId).Distinct().ToList(), ct);
        ExportFile.Attach(http, name);
        return new GeoJsonResult((w, _) =>
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteString("name", Path.GetFileNameWithoutExtension(name));
            w.WriteString("method", response.Method);
            w.WriteString("intervalMethod", response.IntervalMethod);
            w.WriteString("combination", response.Combination);
            w.WriteStartArray("features");
            foreach (var e in response.Estimates)
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteString("id", $"{e.AreaId}-{e.Year}-{ExportFile.Slug(e.Population)}");
                w.WritePropertyName("geometry");
                w.WriteRawValue(shapes[e.AreaId], skipInputValidation: true);
                w.WriteStartObject("properties");
                w.WriteNumber("areaId", e.AreaId);
                w.WriteString("areaCode", e.AreaCode);
                w.WriteString("areaName", e.AreaName);
                w.WriteString("areaKind", e.AreaKind);
                w.WriteNumber("year", e.Year);
                w.WriteString("population", e.Population);
                w.WriteNumber("estimate", e.Estimate);
                w.WriteNumber("low", e.Low);
                w.WriteNumber("high", e.High);
                w.WriteBoolean("unreliable", e.Unreliable);
                w.WriteNumber("estimates", e.Estimates);
                w.WriteNumber("used", e.Used);
                w.WriteNumber("heterogeneity", e.Heterogeneity);
                w.WriteString("caveats", string.Join(' ', e.Caveats));
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            return Task.CompletedTask;
        }, contentType: "application/geo+json");
    }

    private static CsvResult Csv(string name, SceneSizeEstimates.EstimatesResponse response) =>
        new CsvResult(name, async (csv, token) =>
        {
            csv.Row(Columns);
            foreach (var e in response.Estimates)
            {
                csv.Number(e.AreaId).Text(e.AreaCode).Text(e.AreaName).Text(e.AreaKind).Number(e.Year).Text(e.Population)
                    .Number(e.Estimate).Number(e.Low).Number(e.High).Text(e.Unreliable ? "true" : "false").Number(e.Estimates).Number(e.Used)
                    .Number(e.Heterogeneity).Number(e.Minimum).Number(e.Maximum).Text(string.Join(' ', e.Caveats)).End();
                await csv.FlushIfFullAsync(token);
            }
        });
}
