namespace SceneMonitor.Api.Infrastructure;

/// <summary>The key of the map's own data source (Program.cs): inject it with
/// [FromKeyedServices(MapReads.Key)] NpgsqlDataSource.</summary>
public static class MapReads
{
    public const string Key = "map-reads";
}
