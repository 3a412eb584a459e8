using Npgsql;

namespace SceneMonitor.Core.Health;

/// <summary>Asks the database for the PostGIS version: one round trip that needs both a connection
/// and the extension, so it fails when either is missing.</summary>
public sealed class HealthProbe(NpgsqlDataSource db)
{
    /// <summary>The PostGIS library version; throws (NpgsqlException, TimeoutException, …) when the database does not answer.</summary>
    public async Task<string?> PostGisVersionAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT PostGIS_Lib_Version()");
        return (string?)await cmd.ExecuteScalarAsync(ct);
    }
}
