using Microsoft.EntityFrameworkCore;

namespace SceneMonitor.Core.Data;

public static class DbSetup
{
    /// <summary>One place that configures the provider, so the app, the tools and the tests agree.</summary>
    public static DbContextOptionsBuilder UseSceneMonitor(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql =>
            {
                npgsql.UseNetTopologySuite();
                npgsql.MigrationsAssembly(typeof(SceneMonitorDb).Assembly.GetName().Name);
            })
            .UseSnakeCaseNamingConvention();
}
