namespace SceneMonitor.Api.Features.MapClusters;

/// <summary>Bound from "MapClusters": when the map page switches from points to server clusters,
/// and how coarse the clusters are.</summary>
public sealed class MapClusterOptions
{
    /// <summary>Above this many observations in the viewport the page draws server clusters instead of
    /// loading points. 5,000 divIcon markers is about where Leaflet.markercluster stays smooth on a
    /// mid-range laptop and the GeoJSON download stays under about 2 MB.</summary>
    public int PointThreshold { get; set; } = 5000;

    /// <summary>Default cell edge in screen pixels (a cluster icon is up to 56 px wide, so 64 px cells
    /// keep neighbouring icons from overlapping).</summary>
    public int CellPixels { get; set; } = 64;

    /// <summary>Upper bound on the grid cells a bbox may span at the requested zoom, so one request
    /// cannot ask for millions of groups. The page's largest request (heat map, 16 px cells, a 4K
    /// screen plus a quarter on each side) spans about 72,000.</summary>
    public int MaxGridCells { get; set; } = 100_000;
}
