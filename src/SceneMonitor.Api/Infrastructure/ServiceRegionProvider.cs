using Microsoft.Extensions.Options;
using NetTopologySuite.IO;
using Npgsql;
using SceneMonitor.Core.Observations;
using SceneMonitor.Core.Regions;

namespace SceneMonitor.Api.Infrastructure;

/// <summary>Builds the service region once (boundary buffered by the margin on the spheroid, in
/// PostGIS) and keeps it for point-in-polygon checks in C#.</summary>
public sealed class ServiceRegionProvider(NpgsqlDataSource db, IOptions<ServiceRegionOptions> options, RegionPack pack)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private ServiceRegion? _region;

    public async Task<ServiceRegion> GetAsync(CancellationToken ct)
    {
        if (_region is not null) return _region;
        await _lock.WaitAsync(ct);
        try
        {
            if (_region is not null) return _region;
            var o = options.Value;
            await using var cmd = db.CreateCommand("""
                SELECT name, ST_AsBinary(ST_Buffer(ST_Union(geometry)::geography, @margin)::geometry)
                FROM areas WHERE kind = @kind AND region = @region GROUP BY name LIMIT 1
                """);
            cmd.Parameters.AddWithValue("margin", o.MarginMetres);
            cmd.Parameters.AddWithValue("kind", o.AreaKind);
            cmd.Parameters.AddWithValue("region", pack.Id);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct))
                throw new InvalidOperationException($"No area of kind '{o.AreaKind}' to use as service region; load the boundaries first.");
            var geometry = new WKBReader().Read(r.GetFieldValue<byte[]>(1));
            // Named as the manifest names the region (messages are in English: its English name).
            return _region = new ServiceRegion(geometry, pack.Names.En!, o.MarginMetres);
        }
        finally { _lock.Release(); }
    }
}
