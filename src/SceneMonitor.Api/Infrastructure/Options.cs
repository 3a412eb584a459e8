namespace SceneMonitor.Api.Infrastructure;

/// <summary>Bound from "Database". Environment variables override, e.g. Database__ApplyMigrationsAtStart=false.</summary>
public sealed class DatabaseOptions
{
    public bool ApplyMigrationsAtStart { get; set; } = true;
    public bool LoadBoundariesAtStart { get; set; } = true;
    /// <summary>Retry-After (seconds) sent with the 503 answered while the database is unreachable.</summary>
    public int UnavailableRetryAfterSeconds { get; set; } = 5;
    /// <summary>Connections of the map's own pool (viewport pages, clusters): how many of these reads
    /// run in the database at once, the rest wait their turn. About three per database core.</summary>
    public int MapReadConnections { get; set; } = 6;
}

/// <summary>Bound from "Demo": the synthetic data set written on first start when the database is empty.</summary>
public sealed class DemoOptions
{
    public bool SeedOnFirstStart { get; set; } = true;
    public int Seed { get; set; } = 20_251_124;
    /// <summary>Create one account per role with known passwords while the demo data is present
    /// (./scenemonitor run sets Demo__Accounts=true; off otherwise, so no deployment gets them by accident).</summary>
    public bool Accounts { get; set; }
}

/// <summary>Bound from "ServiceRegion": observations outside this area (plus margin) are rejected.</summary>
public sealed class ServiceRegionOptions
{
    /// <summary>Name of an area of kind Region in the areas table.</summary>
    public string AreaKind { get; set; } = "Region";
    public double MarginMetres { get; set; } = 2000;
}

/// <summary>Bound from "Geodata".</summary>
public sealed class GeodataOptions
{
    /// <summary>Folder holding the region packs (one folder each); relative paths are resolved against the app folder.</summary>
    public string Directory { get; set; } = "geodata";

    public string Resolve() => Path.IsPathRooted(Directory) ? Directory : Path.Combine(AppContext.BaseDirectory, Directory);
}

/// <summary>Bound from "Observations".</summary>
public sealed class ObservationOptions
{
    public int DefaultLimit { get; set; } = 1000;
    public int MaxLimit { get; set; } = 10_000;
    public int MaxBatch { get; set; } = 10_000;
    /// <summary>Time zone for time-series buckets and date-only filters (a "day" is a local day, not a UTC day; QueryTime).
    /// Empty: the region pack's timeZone (RegionSetup), the one home of this setting; set only to override it.</summary>
    public string TimeZone { get; set; } = "";
}

/// <summary>Bound from "Map": what the page needs to draw its base map.</summary>
public sealed class MapOptions
{
    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    public string TileAttribution { get; set; } = "© <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors";
    /// <summary>Empty: the region pack's attribution (RegionSetup).</summary>
    public string DataAttribution { get; set; } = "";
}
