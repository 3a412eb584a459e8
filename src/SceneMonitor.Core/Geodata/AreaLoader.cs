using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Domain;
using SceneMonitor.Core.Regions;

namespace SceneMonitor.Core.Geodata;

/// <summary>Loads the boundaries of the configured region pack (outline and area layers; see
/// docs/region-packs.md) into the areas table on first start. Runs only when no area of that kind
/// exists, so admins' edits survive.</summary>
public static class AreaLoader
{
    public static async Task<int> LoadIfEmptyAsync(SceneMonitorDb db, RegionPack pack, CancellationToken ct)
    {
        var names = pack.Names;
        var outline = pack.Manifest.Outline!;
        var added = await LoadKindAsync(db, pack.Id, AreaKind.Region, pack.OutlinePath, f => Named(names.Fr, names.Nl, names.En, Code(f, outline.CodeField)), ct);
        foreach (var layer in pack.Layers)
        {
            var kind = Enum.Parse<AreaKind>(layer.Kind!, ignoreCase: true);
            var fields = layer.NameFields!;
            string? Field(IFeature f, string? name) => name is null ? null : layer.TitleCase ? TitleCase(Code(f, name)!) : Code(f, name);
            added += await LoadKindAsync(db, pack.Id, kind, pack.LayerPath(layer), f => Named(Field(f, fields.Fr), Field(f, fields.Nl), Field(f, fields.En), Code(f, layer.CodeField)), ct);
        }
        return added;
    }

    private sealed record Names(string Name, string? Fr, string? Nl, string? Code);

    /// <summary>Both official names where the region has two ("fr / nl", once when equal), else the one it has.</summary>
    private static Names Named(string? fr, string? nl, string? en, string? code) =>
        new(fr is not null && nl is not null ? (fr == nl ? fr : $"{fr} / {nl}") : (nl ?? fr ?? en)!, fr, nl, code);

    /// <summary>A property as text; whole numbers without decimals (IBSA stores mdzone 36 as 36.0).</summary>
    private static string? Code(IFeature f, string? name) => name is null ? null : f.Attributes[name] switch
    {
        null => null,
        string s => s,
        double d when d == Math.Floor(d) => ((long)d).ToString(CultureInfo.InvariantCulture),
        IConvertible c => c.ToString(CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    private static string TitleCase(string upper) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(upper.ToLowerInvariant());

    private static async Task<int> LoadKindAsync(SceneMonitorDb db, string region, AreaKind kind, string path, Func<IFeature, Names> names, CancellationToken ct)
    {
        if (await db.Areas.AnyAsync(a => a.Kind == kind && a.Region == region, ct)) return 0;
        foreach (var feature in ReadFeatures(path))
        {
            var n = names(feature);
            db.Areas.Add(new Area { Name = n.Name, NameFr = n.Fr, NameNl = n.Nl, Code = n.Code, Kind = kind, Region = region, Geometry = Clean(feature.Geometry) });
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
