using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace SceneMonitor.Core.Data;

public static class DbSetup
{
    /// <summary>One place that configures the provider, so the app, the tools and the tests agree.</summary>
    public static DbContextOptionsBuilder UseSceneMonitor(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, Configure).UseSnakeCaseNamingConvention();

    /// <summary>On the app's own data source (built with NetTopologySuite), so EF Core and the plain SQL
    /// share one connection pool: one connection budget, and one pool to drop when the server restarts.</summary>
    public static DbContextOptionsBuilder UseSceneMonitor(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, Configure).UseSnakeCaseNamingConvention();

    private static void Configure(NpgsqlDbContextOptionsBuilder npgsql)
    {
        npgsql.UseNetTopologySuite();
        npgsql.MigrationsAssembly(typeof(SceneMonitorDb).Assembly.GetName().Name);
    }
}
