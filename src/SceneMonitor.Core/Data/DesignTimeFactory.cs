using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SceneMonitor.Core.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without a running app or database.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SceneMonitorDb>
{
    public SceneMonitorDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SceneMonitorDb>();
        options.UseSceneMonitor("Host=localhost;Database=design");
        return new SceneMonitorDb(options.Options);
    }
}
