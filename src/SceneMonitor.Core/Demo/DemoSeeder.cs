using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Npgsql;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Domain;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Core.Demo;

/// <summary>Writes the synthetic demo data set (observations, the Brussel-Zuid clearance and
/// outreach sweeps) in one transaction, with COPY for the 20,000 observations.</summary>
public sealed class DemoSeeder(SceneMonitorDb db, NpgsqlDataSource dataSource, ServiceRegion region)
{
    public const string InterventionName = "Clearance of Brussel-Zuid / Gare du Midi (synthetic demo)";
    public const string InterventionNameNl = "Ontruiming van Brussel-Zuid (synthetische demo)";
    public const string InterventionNameFr = "Évacuation de la gare du Midi (démo synthétique)";

    public sealed record Summary(int Observations, DateTimeOffset From, DateTimeOffset To, DateTimeOffset InterventionStart);

    /// <summary>Whether the database holds the synthetic demo set. Answered from a partial index
    /// (ix_observations_demo_rows), so it is instant on a database of millions of real rows.</summary>
    public static Task<bool> HasDemoRowsAsync(SceneMonitorDb db, CancellationToken ct) =>
        db.Observations.AnyAsync(o => o.Organisation == DemoDataGenerator.Organisation, ct);

    public async Task<Summary> SeedAsync(int seed, DateTimeOffset end, CancellationToken ct)
    {
        var generator = new DemoDataGenerator(seed, end);
        var set = generator.Generate(region.Contains);
        var categories = await db.Categories.ToDictionaryAsync(c => c.Code, c => c.Id, ct);

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var del = new NpgsqlCommand("""
            DELETE FROM observations WHERE organisation = @org;
            DELETE FROM interventions WHERE name = @name;
            DELETE FROM sweeps WHERE organisation = @org;
            """, conn, tx))
        {
            // Re-seeding replaces only the synthetic records, never real ones.
            del.Parameters.AddWithValue("org", DemoDataGenerator.Organisation);
            del.Parameters.AddWithValue("name", InterventionName);
            await del.ExecuteNonQueryAsync(ct);
        }

        await using (var copy = await conn.BeginBinaryImportAsync("""
            COPY observations (category_id, location, observed_at, quantity, source, organisation, recorded_by,
                               external_ref, note, created_at, retracted, coarsened) FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var o in set.Observations)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(categories[o.Category!], ct);
                await copy.WriteAsync(new Point(o.Longitude!.Value, o.Latitude!.Value) { SRID = 4326 }, ct);
                await copy.WriteAsync(o.ObservedAt!.Value.ToUniversalTime(), ct);
                await copy.WriteAsync(o.Quantity ?? 1, ct);
                await copy.WriteAsync(o.Source!, ct);
                await copy.WriteAsync(DemoDataGenerator.Organisation, ct);
                await copy.WriteAsync(DemoDataGenerator.RecordedBy, ct);
                await copy.WriteAsync(o.ExternalRef!, ct);
                if (o.Note is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync(o.Note, ct);
                await copy.WriteAsync(now, ct);
                await copy.WriteAsync(false, ct);
                await copy.WriteAsync(false, ct);
            }
            await copy.CompleteAsync(ct);
        }

        await using (var meta = new NpgsqlCommand("""
            INSERT INTO interventions (name, name_nl, name_fr, name_en, kind, pillar, target_area, starts_at, description, created_at)
            VALUES (@name, @name_nl, @name_fr, @name, 'clearance', 'enforcement',
                    ST_Buffer(ST_SetSRID(ST_MakePoint(@lon, @lat), 4326)::geography, 250)::geometry,
                    @start, 'Synthetic demo: police clearance of the station and its entrances.', now());
            INSERT INTO sweeps (source, organisation, area, "from", "to", recorded_by, created_at)
            SELECT 'outreach', @org, ST_Buffer(ST_SetSRID(ST_MakePoint(z.lon, z.lat), 4326)::geography, 1500)::geometry,
                   m, m + interval '1 month', @by, now()
            FROM (VALUES (@lon, @lat), (4.3618, 50.8604)) AS z(lon, lat),
                 generate_series(@from, @end - interval '1 month', interval '1 month') AS m;
            """, conn, tx))
        {
            meta.Parameters.AddWithValue("name", InterventionName);
            meta.Parameters.AddWithValue("name_nl", InterventionNameNl);
            meta.Parameters.AddWithValue("name_fr", InterventionNameFr);
            meta.Parameters.AddWithValue("lon", DemoScenario.ZuidLon);
            meta.Parameters.AddWithValue("lat", DemoScenario.ZuidLat);
            meta.Parameters.AddWithValue("start", set.InterventionStart.ToUniversalTime());
            meta.Parameters.AddWithValue("org", DemoDataGenerator.Organisation);
            meta.Parameters.AddWithValue("by", DemoDataGenerator.RecordedBy);
            meta.Parameters.AddWithValue("from", generator.Start.ToUniversalTime());
            meta.Parameters.AddWithValue("end", end.ToUniversalTime());
            await meta.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return new Summary(set.Observations.Count, generator.Start, end, set.InterventionStart);
    }
}
