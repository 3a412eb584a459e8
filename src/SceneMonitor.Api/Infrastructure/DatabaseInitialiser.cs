using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Demo;
using SceneMonitor.Core.Geodata;
using SceneMonitor.Core.Regions;

namespace SceneMonitor.Api.Infrastructure;

/// <summary>Brings the database to a usable state at start: PostGIS extension and migrations,
/// boundaries, then the demo data set when the database holds no observation at all.</summary>
public sealed class DatabaseInitialiser(
    SceneMonitorDb db,
    NpgsqlDataSource dataSource,
    ServiceRegionProvider regions,
    IOptions<DatabaseOptions> dbOptions,
    IOptions<DemoOptions> demoOptions,
    RegionPack pack,
    ILogger<DatabaseInitialiser> log)
{
    public async Task InitialiseAsync(CancellationToken ct)
    {
        if (dbOptions.Value.ApplyMigrationsAtStart)
        {
            // The migration creates the extension too, but creating it first gives a clear error
            // when PostGIS is not installed on the server, before any table is touched.
            await using (var cmd = dataSource.CreateCommand("CREATE EXTENSION IF NOT EXISTS postgis"))
                await cmd.ExecuteNonQueryAsync(ct);
            await db.Database.MigrateAsync(ct);
            // Npgsql caches type info per data source; postgis types appear only after the extension exists.
            await using (var conn = await dataSource.OpenConnectionAsync(ct)) await conn.ReloadTypesAsync(ct);
        }
        if (dbOptions.Value.LoadBoundariesAtStart)
        {
            var added = await AreaLoader.LoadIfEmptyAsync(db, pack, ct);
            if (added > 0) log.LogInformation("Loaded {Count} boundary areas of region pack {Pack} from {Dir}", added, pack.Id, pack.Folder);
        }
        foreach (var s in pack.UnconfirmedSources)
            log.LogWarning("Region pack {Pack}: the licence of {Files} is not confirmed ({Licence}); check it before publishing", pack.Id, string.Join(", ", s.Files!), s.Licence);
        // The synthetic demo's places lie in one region; other packs start empty (manifest "demo").
        if (pack.Manifest.Demo && demoOptions.Value.SeedOnFirstStart && !await db.Observations.AnyAsync(ct))
            await SeedDemoAsync(DateTimeOffset.UtcNow, ct);
    }

    public async Task SeedDemoAsync(DateTimeOffset end, CancellationToken ct)
    {
        if (!pack.Manifest.Demo) throw new InvalidOperationException($"The demo data set lies elsewhere than region pack '{pack.Id}' (its manifest has no \"demo\": true).");
        var region = await regions.GetAsync(ct);
        var day = new DateTimeOffset(end.UtcDateTime.Date, TimeSpan.Zero);
        var summary = await new DemoSeeder(db, dataSource, region).SeedAsync(demoOptions.Value.Seed, day, ct);
        log.LogInformation(
            "Wrote the SYNTHETIC demo data set: {Count} observations from {From:yyyy-MM-dd} to {To:yyyy-MM-dd}, intervention on {Start:yyyy-MM-dd}",
            summary.Observations, summary.From, summary.To, summary.InterventionStart);
    }
}
