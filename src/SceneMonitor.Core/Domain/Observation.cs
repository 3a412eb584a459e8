using NetTopologySuite.Geometries;

namespace SceneMonitor.Core.Domain;

/// <summary>An anonymised trace of the drug scene at a place and time. Never a person.</summary>
public sealed class Observation
{
    public long Id { get; set; }
    public int CategoryId { get; set; }
    public Category? Category { get; set; }
    /// <summary>WGS84 point (SRID 4326), lon/lat.</summary>
    public required Point Location { get; set; }
    public DateTimeOffset ObservedAt { get; set; }
    public int Quantity { get; set; } = 1;
    /// <summary>Source organisation kind, e.g. outreach, prevention, syringe_patrol, city_cleaning, police, residents_hotline.</summary>
    public required string Source { get; set; }
    /// <summary>Organisation that owns the record (controls who may retract it).</summary>
    public string? Organisation { get; set; }
    /// <summary>Account name that recorded it (an account, not a person observed).</summary>
    public required string RecordedBy { get; set; }
    /// <summary>Identifier in the source system; unique per source so that imports are idempotent.</summary>
    public string? ExternalRef { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public bool Retracted { get; set; }
    public string? RetractedReason { get; set; }
    public DateTimeOffset? RetractedAt { get; set; }
    public string? RetractedBy { get; set; }
    /// <summary>Set by the retention job once location and time were coarsened and the note removed.</summary>
    public bool Coarsened { get; set; }
}
