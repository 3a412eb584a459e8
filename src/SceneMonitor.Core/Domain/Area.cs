using NetTopologySuite.Geometries;

namespace SceneMonitor.Core.Domain;

public enum AreaKind { Region, Municipality, Neighbourhood, Custom }

/// <summary>A named polygon: municipality, neighbourhood, or a custom target/buffer/control zone.</summary>
public sealed class Area : SceneMonitor.Core.Data.IHasRegion
{
    /// <summary>Region pack id (RegionColumn): filled in by the database on insert.</summary>
    public string? Region { get; set; }
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? NameFr { get; set; }
    public string? NameNl { get; set; }
    public AreaKind Kind { get; set; }
    /// <summary>Official code where one exists (NIS code for municipalities, IBSA mdzone for neighbourhoods).</summary>
    public string? Code { get; set; }
    /// <summary>Polygon or MultiPolygon, SRID 4326.</summary>
    public required Geometry Geometry { get; set; }
}
