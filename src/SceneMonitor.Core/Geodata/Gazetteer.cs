using NetTopologySuite.Geometries;
using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Projection;

namespace SceneMonitor.Core.Geodata;

/// <summary>A named place of the gazetteer: a station, square, street or park, with its names in
/// Dutch, French and English and its position in lon/lat and in the region pack's metric CRS (EPSG:3812 for the Belgian packs).</summary>
public sealed record Place(string Id, string NameNl, string NameFr, string NameEn, string Kind, LonLat Position, PlanarPoint Metric);

/// <summary>The small gazetteer of the region pack (its manifest's "gazetteer" file; origin and
/// accuracy in geodata/SOURCES.md). Held in memory, not in the database: it is a few dozen read-only points that
/// change only with a release, every role may read them (GET /api/places), and a recorder working
/// offline can take the same file along to search places by name.</summary>
public sealed class Gazetteer(IReadOnlyList<Place> places, MetricProjection projection)
{
    public static readonly string[] Kinds = ["station", "square", "street", "park"];

    public IReadOnlyList<Place> Places { get; } = places;

    /// <summary>The metric CRS of <see cref="Place.Metric"/> and of the points <see cref="Nearest"/> takes.</summary>
    public MetricProjection Projection { get; } = projection;

    public static Gazetteer Load(string path, MetricProjection projection)
    {
        var file = Path.GetFileName(path);
        var features = AreaLoader.ReadFeatures(path);
        var places = features.Select(f =>
        {
            var point = f.Geometry as Point ?? throw new InvalidDataException($"{file}: every place must be a Point.");
            string Text(string name) => f.Attributes[name] as string is { Length: > 0 } s ? s : throw new InvalidDataException($"{file}: a place lacks '{name}'.");
            var kind = Text("kind");
            if (!Kinds.Contains(kind)) throw new InvalidDataException($"{file}: kind '{kind}' is not one of {string.Join(", ", Kinds)}.");
            var lonLat = new LonLat(point.X, point.Y);
            return new Place(Text("id"), Text("name_nl"), Text("name_fr"), Text("name_en"), kind, lonLat, projection.Forward(lonLat));
        }).ToList();
        return new Gazetteer(places, projection);
    }

    /// <summary>The place nearest to a point given in <see cref="Projection"/>, if one lies within maxMetres.</summary>
    public Place? Nearest(PlanarPoint point, double maxMetres)
    {
        Place? best = null;
        var bestDistance = maxMetres;
        foreach (var p in Places)
        {
            var d = Math.Sqrt((p.Metric.X - point.X) * (p.Metric.X - point.X) + (p.Metric.Y - point.Y) * (p.Metric.Y - point.Y));
            if (d <= bestDistance) (best, bestDistance) = (p, d);
        }
        return best;
    }
}
