using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.GeoJson;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Exports;

/// <summary>GET /api/exports/observations: every observation of a filter in one file, streamed from the
/// database (no page limit, never held in memory), in the reader's view (analysts coarsened). The
/// export is counted and audited before the first byte is sent.</summary>
public static class ObservationExport
{
    /// <summary>Longitude before latitude, as in GeoJSON and as QGIS's "x/y" import expects.</summary>
    public static readonly string[] CsvColumns = ["id", "longitude", "latitude", "category", "observed_at", "quantity", "source", "organisation", "note"];

    public static async Task<Results<GeoJsonResult, CsvResult, ProblemHttpResult>> Handle(
        HttpContext http, ObservationStore store, SceneMonitorDb db, Privacy privacy, ObservationIds ids, Auditor audit, TimeProvider clock,
        Microsoft.Extensions.Options.IOptions<MapOptions> map, CancellationToken ct)
    {
        var (format, formatProblem) = ExportFile.Format(http.Request.Query);
        if (formatProblem is not null) return formatProblem;
        var (filter, problem) = FilterParser.Parse(http.Request.Query);
        if (problem is not null) return problem;
        var areaName = filter!.AreaId is { } areaId ? await db.Areas.Where(a => a.Id == areaId).Select(a => a.Name).FirstOrDefaultAsync(ct) : null;

        var view = privacy.ViewFor(http.User);
        // Coarse readers get opaque ids in a keyed order (ObservationIds): the file must not tell the
        // order of records within an hour either.
        long? seed = view.IsExact ? null : ids.OrderSeed;
        var (count, last, _) = await store.PageAsync(filter, ObservationPosition.Start, int.MaxValue, ct, view, seed);
        var name = ExportFile.Name("observations", filter, areaName, format, clock.GetUtcNow());
        await audit.WriteAsync(http, AuditActions.Export, new { kind = "observations", format = ExportFile.Extension(format), filter = Auditor.Query(http.Request) }, count, ct);
        var rows = count == 0 ? Empty() : store.QueryAsync(filter, ObservationPosition.Start, int.MaxValue, ct, view, upTo: last, orderSeed: seed);

        if (format == ExportFormat.Csv)
            return new CsvResult(name, async (csv, token) =>
            {
                csv.Row(CsvColumns);
                await foreach (var r in rows.WithCancellation(token))
                {
                    (view.IsExact ? csv.Number(r.Id) : csv.Text(ids.Opaque(r.Id))).Number(Math.Round(r.Longitude, 7)).Number(Math.Round(r.Latitude, 7)).Text(r.Category)
                        .Text(r.ObservedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
                        .Number(r.Quantity).Text(r.Source).Text(r.Organisation).Text(r.Note).End();
                    await csv.FlushIfFullAsync(token);
                }
            });

        // Files travel: each says what it is, whether it is the synthetic demo set, and whose data it is.
        var demo = await SceneMonitor.Core.Demo.DemoSeeder.HasDemoRowsAsync(db, ct);
        var generatedAt = clock.GetUtcNow();
        ExportFile.Attach(http, name);
        return new GeoJsonResult(async (w, token) =>
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteString("name", Path.GetFileNameWithoutExtension(name));
            w.WriteNumber("numberMatched", count);
            w.WriteStartObject("metadata");
            w.WriteString("generator", "SceneMonitor");
            w.WriteString("generatedAt", generatedAt);
            w.WriteBoolean("syntheticDemoData", demo);
            w.WriteString("view", view.ToString());
            w.WriteStartObject("filter");
            foreach (var (key, values) in http.Request.Query.Where(kv => kv.Key != "format")) w.WriteString(key, string.Join(',', values.ToArray()));
            w.WriteEndObject();
            ExportFile.WritePeriod(w, filter);
            w.WriteNumber("count", count);
            w.WriteString("attribution", map.Value.DataAttribution);
            w.WriteEndObject();
            w.WriteStartArray("features");
            var n = 0;
            await foreach (var r in rows.WithCancellation(token))
            {
                ObservationGeoJson.WriteFeature(w, r, ids.OpaqueFor(r.Id, view));
                n++;
                await GeoJsonResult.FlushWhenFullAsync(w, token);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async IAsyncEnumerable<ObservationRow> Empty()
    {
        await Task.CompletedTask;
        yield break;
    }
}
