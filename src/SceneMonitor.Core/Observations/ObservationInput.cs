namespace SceneMonitor.Core.Observations;

/// <summary>What a client sends to record one observation. Nullable so that a missing field is
/// reported by name instead of silently defaulting.</summary>
public sealed record ObservationInput
{
    public string? Category { get; init; }
    public double? Longitude { get; init; }
    public double? Latitude { get; init; }
    public DateTimeOffset? ObservedAt { get; init; }
    public int? Quantity { get; init; }
    public string? Source { get; init; }
    public string? ExternalRef { get; init; }
    public string? Note { get; init; }
}
