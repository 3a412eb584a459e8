using NetTopologySuite.Geometries;

namespace SceneMonitor.Core.Domain;

/// <summary>Something done at a place from a date on; displacement is measured around it.</summary>
public sealed class Intervention : SceneMonitor.Core.Data.IHasRegion
{
    /// <summary>Region pack id (RegionColumn): filled in by the database on insert.</summary>
    public string? Region { get; set; }
    public int Id { get; set; }
    /// <summary>The name as entered; shown when there is no name in the reader's language.</summary>
    public required string Name { get; set; }
    /// <summary>The name in Dutch, French and English (optional: Brussels services write in two or three languages).</summary>
    public string? NameNl { get; set; }
    public string? NameFr { get; set; }
    public string? NameEn { get; set; }
    /// <summary>e.g. clearance, hotspot_patrol, needle_container, consumption_room, venue_closure.</summary>
    public required string Kind { get; set; }
    /// <summary>prevention, early_intervention, care, harm_reduction, enforcement.</summary>
    public required string Pillar { get; set; }
    public required Geometry TargetArea { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
