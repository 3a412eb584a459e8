namespace SceneMonitor.Core.Domain;

/// <summary>One bulk import (POST /api/imports) and its progress. Holds counts and row errors only:
/// no file name and no row content, so an import leaves no personal data behind.</summary>
public sealed class ImportRecord
{
    public Guid Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Account name that uploaded the file (an account, not a person observed).</summary>
    public required string CreatedBy { get; set; }
    /// <summary>Organisation of the uploader: only it (and admins) may read the status.</summary>
    public string? Organisation { get; set; }
    /// <summary>One of <see cref="Imports.ImportStates"/>.</summary>
    public required string State { get; set; }
    /// <summary>csv, geojson or json (KoBoToolbox/ODK export).</summary>
    public string? Format { get; set; }
    public bool DryRun { get; set; }
    public long Bytes { get; set; }
    /// <summary>SHA-256 of the uploaded bytes (hex), to recognise a re-upload of the same file.</summary>
    public string? FileSha256 { get; set; }
    public long RowsRead { get; set; }
    public long? RowsTotal { get; set; }
    public long Inserted { get; set; }
    public long Duplicates { get; set; }
    /// <summary>insert or update (<see cref="Imports.ImportModes"/>).</summary>
    public string Mode { get; set; } = Imports.ImportModes.Insert;
    /// <summary>mode=update: observations corrected, and rows that matched one holding the same values.</summary>
    public long Updated { get; set; }
    public long Unchanged { get; set; }
    /// <summary>What the import assumed or left out, as a JSON array of {code, column, message, ...}.</summary>
    public string? Warnings { get; set; }
    public long ErrorCount { get; set; }
    /// <summary>The first errors as a JSON array of {row, column, reason}.</summary>
    public string? Errors { get; set; }
}
