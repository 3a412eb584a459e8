namespace SceneMonitor.Core.Observations;

/// <summary>Filters shared by the observation list, the time series and the area summary.
/// Periods are half-open: [From, To).</summary>
public sealed record ObservationFilter
{
    /// <summary>minLon, minLat, maxLon, maxLat.</summary>
    public double[]? Bbox { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> Sources { get; init; } = [];
    public int? AreaId { get; init; }
    public bool IncludeRetracted { get; init; }
}
