using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Xunit;

namespace SceneMonitor.Tests.Support;

/// <summary>The real app (real HTTP pipeline) over its own fresh PostGIS database. Use as an xunit
/// class fixture. Demo data is off so tests control every row; see <see cref="DemoSceneMonitorApp"/>.</summary>
public class SceneMonitorApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    protected virtual bool SeedDemo => false;

    public async Task InitializeAsync()
    {
        ConnectionString = await PostGisServer.CreateDatabaseAsync(SeedDemo ? "sm_demo" : "sm_test");
        _ = Services; // starts the host: migrations, boundaries (and demo data) are applied now
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:SceneMonitor", ConnectionString);
        builder.UseSetting("Demo:SeedOnFirstStart", SeedDemo ? "true" : "false");
        builder.UseEnvironment("Testing");
    }

    /// <summary>Runs SQL against the test database (arrange and assert on stored state).</summary>
    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        var result = await cmd.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)Convert.ChangeType(result, typeof(T));
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await PostGisServer.DropDatabaseAsync(ConnectionString);
    }
}

/// <summary>The app with the synthetic demo data set (about 20,000 observations and the Brussel-Zuid clearance).</summary>
public class DemoSceneMonitorApp : SceneMonitorApp
{
    protected override bool SeedDemo => true;
}
