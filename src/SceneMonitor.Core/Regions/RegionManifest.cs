using System.Text.Json.Serialization;

namespace SceneMonitor.Core.Regions;

/// <summary>The region.json of a region pack, as written (docs/region-packs.md lists every field).
/// Every member is nullable so that a missing field is reported by <see cref="RegionPackCheck"/> with
/// its name instead of failing inside the JSON reader.</summary>
public sealed class RegionManifest
{
    public string? Id { get; set; }
    public Texts? Names { get; set; }
    public string? TimeZone { get; set; }
    public StartView? StartView { get; set; }
    /// <summary>EPSG code of the metric projection for grids and distances.</summary>
    public int? MetricEpsg { get; set; }
    public string? MetricName { get; set; }
    public OutlineFile? Outline { get; set; }
    public List<AreaLayer>? Layers { get; set; }
    public string? Gazetteer { get; set; }
    /// <summary>True when the synthetic demo data set (whose places lie in this region) may be written.</summary>
    public bool Demo { get; set; }
    public string? Attribution { get; set; }
    public List<Source>? Sources { get; set; }

    [JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? Unknown { get; set; }
}

public sealed record Texts(string? Nl, string? Fr, string? En);

public sealed record StartView(double[]? Center, double? Zoom);

public sealed record OutlineFile(string? File, string? CodeField);

/// <summary>A boundary layer: its file, the kind its areas get (municipality or neighbourhood), its
/// label in the page, and the feature properties that hold the names and the official code.</summary>
public sealed record AreaLayer(string? File, string? Kind, Texts? Label, Texts? NameFields, string? CodeField, bool TitleCase);

public sealed record Source(string[]? Files, string? Publisher, string? Licence, bool? LicenceConfirmed, string? Url);
