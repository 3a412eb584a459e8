namespace SceneMonitor.Core.Domain;

/// <summary>A value the application keeps in its database: the generated token signing key (when none
/// is configured) and the retention settings an admin changed.</summary>
public sealed class Setting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
