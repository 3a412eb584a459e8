namespace SceneMonitor.Core.Observations;

/// <summary>One observation as read for output (GeoJSON feature properties plus its point).</summary>
public sealed record ObservationRow(
    long Id,
    string Category,
    double Longitude,
    double Latitude,
    DateTimeOffset ObservedAt,
    int Quantity,
    string Source,
    string? Organisation,
    string? Note,
    bool Retracted,
    string? RetractedReason);
