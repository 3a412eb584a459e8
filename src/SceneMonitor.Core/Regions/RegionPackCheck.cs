using System.Text.Json;
using System.Text.RegularExpressions;
using SceneMonitor.Analysis.Projection;
using SceneMonitor.Core.Geodata;

namespace SceneMonitor.Core.Regions;

/// <summary>Everything wrong with a region pack folder, as sentences that name the file and the
/// problem (docs/region-packs.md, "Validation"). The app refuses to start on a pack with any problem,
/// and ./scenemonitor check-region prints the same list.</summary>
public static partial class RegionPackCheck
{
    public const string ManifestFile = "region.json";
    public static readonly string[] LayerKinds = ["municipality", "neighbourhood"];
    /// <summary>Metric projections this version computes in (MetricProjection.ForEpsg, and PostGIS for
    /// the SQL). Another EPSG code is refused rather than silently measured wrongly.</summary>
    public const string SupportedMetricEpsg = "EPSG:3812 (Belgian Lambert 2008), EPSG:32601-32660 (WGS 84 / UTM north), EPSG:32701-32760 (WGS 84 / UTM south)";
    /// <summary>How far (degrees of longitude) an outline may reach beyond its UTM zone's 6° strip, so a
    /// city straddling a zone boundary can keep one zone. The scale error grows with the square of the
    /// distance from the central meridian: about 0.2 % at 3° beyond the edge at 51° N (0.5 % at the
    /// equator), half a metre on a 250 m cell, below the error of a hand-placed observation.</summary>
    public const double UtmMarginDegrees = 3;
    private static readonly string[] GazetteerProperties = ["id", "name_nl", "name_fr", "name_en", "kind"];

    public static List<string> Problems(string folder)
    {
        var (manifest, problems) = ReadManifest(folder);
        if (manifest is null) return problems;
        CheckManifest(manifest, problems);
        CheckFiles(folder, manifest, problems);
        return problems;
    }

    public static (RegionManifest? Manifest, List<string> Problems) ReadManifest(string folder)
    {
        var path = Path.Combine(folder, ManifestFile);
        if (!Directory.Exists(folder)) return (null, [$"{folder}: region pack folder missing"]);
        if (!File.Exists(path)) return (null, [$"{ManifestFile}: file missing ({path})"]);
        try
        {
            var manifest = JsonSerializer.Deserialize<RegionManifest>(File.ReadAllBytes(path), new JsonSerializerOptions(JsonSerializerDefaults.Web));
            return manifest is null ? (null, [$"{ManifestFile}: empty"]) : (manifest, []);
        }
        catch (JsonException e) { return (null, [$"{ManifestFile}: not a valid manifest ({e.Message})"]); }
    }

    private static void CheckManifest(RegionManifest m, List<string> problems)
    {
        void Missing(string field) => problems.Add($"{ManifestFile}: missing field '{field}'");
        foreach (var name in m.Unknown?.Keys ?? Enumerable.Empty<string>()) problems.Add($"{ManifestFile}: unknown field '{name}'");
        if (string.IsNullOrWhiteSpace(m.Id)) Missing("id");
        else if (!IdPattern().IsMatch(m.Id)) problems.Add($"{ManifestFile}: id '{m.Id}' must be lower-case letters, digits and hyphens");
        CheckTexts(m.Names, "names", problems, all: true);
        if (string.IsNullOrWhiteSpace(m.TimeZone)) Missing("timeZone");
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(m.TimeZone, out _)) problems.Add($"{ManifestFile}: timeZone '{m.TimeZone}' is not a known IANA time zone");
        if (m.StartView?.Center is not { Length: 2 } c) Missing("startView.center ([longitude, latitude])");
        else if (c[0] is < -180 or > 180 || c[1] is < -90 or > 90) problems.Add($"{ManifestFile}: startView.center [{c[0]}, {c[1]}] is not [longitude, latitude]");
        if (m.StartView?.Zoom is not { } zoom) Missing("startView.zoom");
        else if (zoom is < 1 or > 19) problems.Add($"{ManifestFile}: startView.zoom {zoom} must lie between 1 and 19");
        if (m.MetricEpsg is not { } epsg) Missing("metricEpsg");
        else if (!MetricProjection.IsSupportedEpsg(epsg)) problems.Add($"{ManifestFile}: metricEpsg {epsg} is not supported by this version (supported: {SupportedMetricEpsg})");
        if (string.IsNullOrWhiteSpace(m.Outline?.File)) Missing("outline.file");
        if (m.Layers is null) Missing("layers");
        for (var i = 0; i < (m.Layers?.Count ?? 0); i++)
        {
            var layer = m.Layers![i];
            var at = $"layers[{i}]";
            if (string.IsNullOrWhiteSpace(layer.File)) Missing($"{at}.file");
            if (layer.Kind is null || !LayerKinds.Contains(layer.Kind)) problems.Add($"{ManifestFile}: {at}.kind '{layer.Kind}' must be one of {string.Join(", ", LayerKinds)}");
            CheckTexts(layer.Label, $"{at}.label", problems, all: true);
            CheckTexts(layer.NameFields, $"{at}.nameFields", problems, all: false);
        }
        if (string.IsNullOrWhiteSpace(m.Gazetteer)) Missing("gazetteer");
        if (string.IsNullOrWhiteSpace(m.Attribution)) Missing("attribution");
        if (m.Sources is not { Count: > 0 }) Missing("sources");
        for (var i = 0; i < (m.Sources?.Count ?? 0); i++)
        {
            var s = m.Sources![i];
            if (s.Files is not { Length: > 0 }) Missing($"sources[{i}].files");
            if (string.IsNullOrWhiteSpace(s.Publisher)) Missing($"sources[{i}].publisher");
            if (string.IsNullOrWhiteSpace(s.Licence)) Missing($"sources[{i}].licence");
            if (s.LicenceConfirmed is null) Missing($"sources[{i}].licenceConfirmed");
        }
    }

    private static void CheckTexts(Texts? texts, string field, List<string> problems, bool all)
    {
        if (texts is null) { problems.Add($"{ManifestFile}: missing field '{field}'"); return; }
        var values = new[] { ("nl", texts.Nl), ("fr", texts.Fr), ("en", texts.En) };
        if (all)
            foreach (var (lang, value) in values.Where(v => string.IsNullOrWhiteSpace(v.Item2)))
                problems.Add($"{ManifestFile}: missing field '{field}.{lang}'");
        else if (values.All(v => string.IsNullOrWhiteSpace(v.Item2)))
            problems.Add($"{ManifestFile}: '{field}' names no property (give at least one of nl, fr, en)");
    }

    private static void CheckFiles(string folder, RegionManifest m, List<string> problems)
    {
        if (!string.IsNullOrWhiteSpace(m.Outline?.File))
        {
            var outline = GeoJsonFileCheck.Problems(Path.Combine(folder, m.Outline.File), m.Outline.File, "Polygon", Fields(m.Outline.CodeField));
            problems.AddRange(outline);
            if (outline.Count == 0 && m.MetricEpsg is { } epsg) CheckUtmZone(Path.Combine(folder, m.Outline.File), epsg, problems);
        }
        foreach (var layer in m.Layers ?? [])
        {
            if (string.IsNullOrWhiteSpace(layer.File)) continue;
            var required = Fields(layer.NameFields?.Nl, layer.NameFields?.Fr, layer.NameFields?.En, layer.CodeField);
            problems.AddRange(GeoJsonFileCheck.Problems(Path.Combine(folder, layer.File), layer.File, "Polygon", required));
        }
        if (!string.IsNullOrWhiteSpace(m.Gazetteer))
        {
            var gazetteer = GeoJsonFileCheck.Problems(Path.Combine(folder, m.Gazetteer), m.Gazetteer, "Point", GazetteerProperties);
            problems.AddRange(gazetteer);
        }
        foreach (var file in (m.Sources ?? []).SelectMany(s => s.Files ?? []))
            if (!File.Exists(Path.Combine(folder, file))) problems.Add($"{ManifestFile}: sources name '{file}', which is not in the pack");
    }

    /// <summary>A UTM zone measures well only near its strip: the outline must lie in the zone's
    /// hemisphere and within <see cref="UtmMarginDegrees"/> of its 6° strip.</summary>
    private static void CheckUtmZone(string outlinePath, int epsg, List<string> problems)
    {
        if (MetricProjection.UtmZoneOf(epsg) is not var (zone, north)) return;
        var box = new NetTopologySuite.Geometries.Envelope();
        foreach (var f in AreaLoader.ReadFeatures(outlinePath)) box.ExpandToInclude(f.Geometry.EnvelopeInternal);
        double west = zone * 6 - 186, east = west + 6;
        if (box.MinX < west - UtmMarginDegrees || box.MaxX > east + UtmMarginDegrees)
            problems.Add(FormattableString.Invariant($"{ManifestFile}: metricEpsg {epsg} (UTM zone {zone}, {west}° to {east}° E) does not cover the outline ({box.MinX:0.###}° to {box.MaxX:0.###}° E, more than {UtmMarginDegrees}° outside the zone): use the zone of the outline's centre, EPSG:{MetricProjection.UtmEpsg(box.Centre.X, box.Centre.Y)}"));
        if (north ? box.MaxY < 0 : box.MinY > 0)
            problems.Add($"{ManifestFile}: metricEpsg {epsg} is a {(north ? "northern" : "southern")} UTM zone but the outline lies in the other hemisphere: use EPSG:{MetricProjection.UtmEpsg(box.Centre.X, box.Centre.Y)}");
    }

    private static string[] Fields(params string?[] names) => names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!).Distinct().ToArray();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();
}
