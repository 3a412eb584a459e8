namespace SceneMonitor.Api.Infrastructure;

/// <summary>The key of the map's own pool (Program.cs): [FromKeyedServices(MapReads.Key)] gives the
/// NpgsqlDataSource, an ObservationStore, a ClusterStore or an Auditor on that pool.</summary>
public static class MapReads
{
    public const string Key = "map-reads";
}
