namespace SceneMonitor.Core.Domain;

/// <summary>A saved analysis result, so that two teams looking at one analysis see the same numbers.</summary>
public sealed class SavedAnalysis : SceneMonitor.Core.Data.IHasRegion
{
    /// <summary>Region pack id (RegionColumn): filled in by the database on insert.</summary>
    public string? Region { get; set; }
    public Guid Id { get; set; }
    public required string Kind { get; set; }
    /// <summary>SHA-256 of the canonical parameters: the same parameters return the saved result.</summary>
    public required string ParametersHash { get; set; }
    public required string ParametersJson { get; set; }
    public required string ResultJson { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
