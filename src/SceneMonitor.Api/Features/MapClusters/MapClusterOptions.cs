namespace SceneMonitor.Api.Features.MapClusters;

/// <summary>Bound from "MapClusters": when the map page switches from points to server clusters,
/// and how coarse the clusters are.</summary>
public sealed class MapClusterOptions
{
    /// <summary>Above this many observations in the viewport the page draws server clusters instead of
    /// loading points. 5,000 divIcon markers is about where Leaflet.markercluster stays smooth on a
    /// mid-range laptop and the GeoJSON download stays under about 2 MB.</summary>
    public int PointThreshold { get; set; } = 5000;

    /// <summary>Below this zoom (a district or more on screen) the page draws the server's cells
    /// unless the view holds at most <see cref="FewPoints"/>: there the client would only cluster
    /// the points into the same rings, after downloading and clustering every one of them (on the
    /// demo data, 1,100 points took most of a second of the first draw on a 2-core machine).</summary>
    public double PointsFromZoom { get; set; } = 14;

    /// <summary>A view with at most this many observations shows them as points at any zoom.</summary>
    public int FewPoints { get; set; } = 300;

    /// <summary>Default cell edge in screen pixels (a cluster icon is up to 56 px wide, so 64 px cells
    /// keep neighbouring icons from overlapping).</summary>
    public int CellPixels { get; set; } = 64;

    /// <summary>Upper bound on the grid cells a bbox may span at the requested zoom, so one request
    /// cannot ask for millions of groups. The page's largest request (heat map, 16 px cells, a 4K
    /// screen plus a quarter on each side) spans about 72,000.</summary>
    public int MaxGridCells { get; set; } = 100_000;
}
