using Microsoft.Extensions.Options;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Demo;
using Microsoft.EntityFrameworkCore;

namespace SceneMonitor.Api.Features.Info;

public static class InfoEndpoints
{
    public sealed record InfoResponse(bool SyntheticDemoData, string TileUrl, string TileAttribution, string DataAttribution, double[] ServiceRegionBbox);

    public static IEndpointRouteBuilder MapInfoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/info", async (SceneMonitorDb db, ServiceRegionProvider regions, IOptions<MapOptions> map, CancellationToken ct) =>
        {
            var region = await regions.GetAsync(ct);
            var demo = await db.Observations.AnyAsync(o => o.Organisation == DemoDataGenerator.Organisation, ct);
            var e = region.Envelope;
            return TypedResults.Ok(new InfoResponse(demo, map.Value.TileUrl, map.Value.TileAttribution, map.Value.DataAttribution, [e.MinX, e.MinY, e.MaxX, e.MaxY]));
        }).WithTags("Info").RequireAuthorization(Policies.Read).WithSummary("What the map page needs: base map, attribution, region extent, whether the data is the synthetic demo set.");
        return app;
    }
}
