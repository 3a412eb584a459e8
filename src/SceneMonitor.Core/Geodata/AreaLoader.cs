using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Domain;

namespace SceneMonitor.Core.Geodata;

/// <summary>Loads the Brussels boundaries shipped in geodata/ (see geodata/SOURCES.md) into the
/// areas table on first start. Runs only when no area of that kind exists, so admins' edits survive.</summary>
public static class AreaLoader
{
    public const string RegionFile = "brussels-region.geojson";
    public const string MunicipalitiesFile = "brussels-municipalities.geojson";
    public const string NeighbourhoodsFile = "brussels-neighbourhoods.geojson";

    public static async Task<int> LoadIfEmptyAsync(SceneMonitorDb db, string geodataDirectory, CancellationToken ct)
    {
        var added = 0;
        added += await LoadKindAsync(db, AreaKind.Region, Path.Combine(geodataDirectory, RegionFile), f => new Names(
            (string)f.Attributes["NAME_FRE"] + " / " + (string)f.Attributes["NAME_DUT"],
            (string)f.Attributes["NAME_FRE"], (string)f.Attributes["NAME_DUT"], (string)f.Attributes["NAT_CODE"]), ct);
        added += await LoadKindAsync(db, AreaKind.Municipality, Path.Combine(geodataDirectory, MunicipalitiesFile), f => Bilingual(
            (string)f.Attributes["name_fr"], (string)f.Attributes["name_nl"], (string)f.Attributes["national_code"]), ct);
        added += await LoadKindAsync(db, AreaKind.Neighbourhood, Path.Combine(geodataDirectory, NeighbourhoodsFile), f => Bilingual(
            TitleCase((string)f.Attributes["namefre"]), TitleCase((string)f.Attributes["namedut"]),
            Convert.ToInt32(f.Attributes["mdzone"], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)), ct);
        return added;
    }

    private sealed record Names(string Name, string? Fr, string? Nl, string? Code);

    private static Names Bilingual(string fr, string nl, string code) =>
        new(fr == nl ? fr : $"{fr} / {nl}", fr, nl, code);

    private static string TitleCase(string upper) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(upper.ToLowerInvariant());

    private static async Task<int> LoadKindAsync(SceneMonitorDb db, AreaKind kind, string path, Func<IFeature, Names> names, CancellationToken ct)
    {
        if (await db.Areas.AnyAsync(a => a.Kind == kind, ct)) return 0;
        foreach (var feature in ReadFeatures(path))
        {
            var n = names(feature);
            db.Areas.Add(new Area { Name = n.Name, NameFr = n.Fr, NameNl = n.Nl, Code = n.Code, Kind = kind, Geometry = Clean(feature.Geometry) });
        }
        return await db.SaveChangesAsync(ct);
    }

    public static FeatureCollection ReadFeatures(string path)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<FeatureCollection>(stream, options)
            ?? throw new InvalidDataException($"{path} is not a GeoJSON FeatureCollection.");
    }

    // The source files are valid per SOURCES.md; still, a later replacement file might not be.
    private static Geometry Clean(Geometry g)
    {
        var valid = g.IsValid ? g : NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(g);
        valid.SRID = 4326;
        return valid;
    }
}
