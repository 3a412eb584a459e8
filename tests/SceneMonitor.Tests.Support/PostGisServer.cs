using Npgsql;
using Testcontainers.PostgreSql;

namespace SceneMonitor.Tests.Support;

/// <summary>Where test databases live: the server named by SCENEMONITOR_TEST_ADMIN_CONNECTION (what
/// ./scenemonitor test sets, pointing at the private PostGIS), else a PostGIS container started
/// with Testcontainers. Never an in-memory fake: spatial queries need the real PostGIS.</summary>
public static class PostGisServer
{
    public const string EnvironmentVariable = "SCENEMONITOR_TEST_ADMIN_CONNECTION";

    private static readonly SemaphoreSlim Lock = new(1, 1);
    private static string? _adminConnection;
    private static PostgreSqlContainer? _container;

    public static async Task<string> AdminConnectionAsync()
    {
        if (_adminConnection is not null) return _adminConnection;
        await Lock.WaitAsync();
        try
        {
            if (_adminConnection is not null) return _adminConnection;
            var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnv)) return _adminConnection = fromEnv;
            _container = new PostgreSqlBuilder("postgis/postgis:15-3.4").Build();
            await _container.StartAsync();
            return _adminConnection = _container.GetConnectionString();
        }
        finally { Lock.Release(); }
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var admin = await AdminConnectionAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            // Identifiers cannot be parameters; the name is built from a fixed prefix and a GUID only.
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(await AdminConnectionAsync());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
