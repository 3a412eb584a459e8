namespace SceneMonitor.Core.Domain;

/// <summary>An organisation's saved column mapping for files with one set of columns (an export of
/// one form, one spreadsheet layout): offered again on the next upload with the same columns.</summary>
public sealed class ImportMapping
{
    public int Id { get; set; }
    /// <summary>Owner: only its recorders and admins read and change it.</summary>
    public string? Organisation { get; set; }
    /// <summary>SHA-256 (hex) of the file's normalised, sorted column names (Imports.ImportPreview.SignatureOf).</summary>
    public required string Signature { get; set; }
    /// <summary>The file's column names, a JSON array (to show which files it is for).</summary>
    public required string Headers { get; set; }
    /// <summary>Column parameter → the file's column, a JSON object, e.g. {"lat": "Breedtegraad"}.</summary>
    public required string Columns { get; set; }
    /// <summary>Account that saved it last.</summary>
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
