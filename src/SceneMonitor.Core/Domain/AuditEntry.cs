namespace SceneMonitor.Core.Domain;

/// <summary>One line of the append-only audit log: who did what, with which parameters, on how many rows.
/// The database refuses UPDATE and DELETE on this table (see the AddSecurity migration).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Account name, "apikey:&lt;name&gt;", or "system" for the retention job.</summary>
    public required string Actor { get; set; }
    public string? Role { get; set; }
    public string? Organisation { get; set; }
    /// <summary>One of <see cref="Audit.AuditActions"/>.</summary>
    public required string Action { get; set; }
    /// <summary>Method and path of the request, e.g. "GET /api/observations".</summary>
    public string? Target { get; set; }
    /// <summary>Filter or parameters as JSON (never passwords or keys).</summary>
    public string? Parameters { get; set; }
    public int? RowCount { get; set; }
}
