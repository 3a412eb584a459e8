using NetTopologySuite.Geometries;

namespace SceneMonitor.Core.Domain;

/// <summary>Observation effort: a round that looked for traces in an area during a time window.</summary>
public sealed class Sweep
{
    public int Id { get; set; }
    public required string Source { get; set; }
    public string? Organisation { get; set; }
    /// <summary>Polygon swept (a route is stored buffered by its width).</summary>
    public required Geometry Area { get; set; }
    public DateTimeOffset From { get; set; }
    public DateTimeOffset To { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
