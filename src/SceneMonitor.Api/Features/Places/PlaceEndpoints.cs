using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Geodata;

namespace SceneMonitor.Api.Features.Places;

/// <summary>The gazetteer of named public places (stations, squares, streets, parks; geodata/SOURCES.md)
/// that the displacement verdict names. Every signed-in role may read it: these are public places,
/// not observations, and the list is the same for everyone.</summary>
public static class PlaceEndpoints
{
    public static IEndpointRouteBuilder MapPlaceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/places", List).WithTags("Places").RequireAuthorization(Policies.Read)
            .WithSummary("Named places (stations, squares, streets, parks) as GeoJSON Points with name_nl, name_fr, name_en and kind; nearRadiusMetres is the distance within which a point is named after a place.");
        return app;
    }

    private static GeoJsonResult List(Gazetteer gazetteer) => new((w, ct) =>
    {
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        // The rule PlaceNamer applies, so that the record page names a point offline the same way.
        w.WriteNumber("nearRadiusMetres", PlaceNamer.Radius);
        w.WriteStartArray("features");
        foreach (var p in gazetteer.Places)
        {
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WriteString("id", p.Id);
            w.WriteStartObject("geometry");
            w.WriteString("type", "Point");
            w.WriteStartArray("coordinates");
            w.WriteNumberValue(p.Position.Lon);
            w.WriteNumberValue(p.Position.Lat);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("properties");
            w.WriteString("id", p.Id);
            w.WriteString("name_nl", p.NameNl);
            w.WriteString("name_fr", p.NameFr);
            w.WriteString("name_en", p.NameEn);
            w.WriteString("kind", p.Kind);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        return Task.CompletedTask;
    });
}
