namespace SceneMonitor.Core.Domain;

/// <summary>A key for a machine client (e.g. an import job). Only the SHA-256 of the key is stored;
/// the key itself is shown once, when it is created.</summary>
public sealed class ApiKey
{
    public int Id { get; set; }
    /// <summary>What the key is for, e.g. "syringe patrol import".</summary>
    public required string Name { get; set; }
    /// <summary>The first characters of the key, so an admin can tell keys apart without the secret.</summary>
    public required string Prefix { get; set; }
    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public required string Hash { get; set; }
    public required string Role { get; set; }
    public string? Organisation { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
