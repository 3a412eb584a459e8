using Microsoft.Extensions.Options;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Demo;
using Microsoft.EntityFrameworkCore;
using SceneMonitor.Core.Regions;

namespace SceneMonitor.Api.Features.Info;

public static class InfoEndpoints
{
    public sealed record InfoResponse(bool SyntheticDemoData, string TileUrl, string TileAttribution, string DataAttribution, double[] ServiceRegionBbox, RegionInfo Region);

    /// <summary>The region pack as the page needs it: names, time zone, start view, layer labels.</summary>
    public sealed record RegionInfo(string Id, Texts Names, string TimeZone, double[] Center, double Zoom, int MetricEpsg, LayerInfo[] Layers);
    public sealed record LayerInfo(string Kind, Texts Label);

    private static RegionInfo Describe(RegionPack pack, string timeZone) => new(
        pack.Id, pack.Names, timeZone, pack.Manifest.StartView!.Center!, pack.Manifest.StartView.Zoom!.Value, pack.MetricEpsg,
        pack.Layers.Select(l => new LayerInfo(l.Kind!, l.Label!)).ToArray());

    public static IEndpointRouteBuilder MapInfoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/info", async (SceneMonitorDb db, ServiceRegionProvider regions, RegionPack pack, IOptions<MapOptions> map, IOptions<ObservationOptions> observations, CancellationToken ct) =>
        {
            var region = await regions.GetAsync(ct);
            var demo = await DemoSeeder.HasDemoRowsAsync(db, ct);
            var e = region.Envelope;
            return TypedResults.Ok(new InfoResponse(demo, map.Value.TileUrl, map.Value.TileAttribution, map.Value.DataAttribution, [e.MinX, e.MinY, e.MaxX, e.MaxY], Describe(pack, observations.Value.TimeZone)));
        }).WithTags("Info").RequireAuthorization(Policies.Read).WithSummary("What the map page needs: base map, attribution, region extent and pack (names, time zone, start view, layers), whether the data is the synthetic demo set.");
        return app;
    }
}
