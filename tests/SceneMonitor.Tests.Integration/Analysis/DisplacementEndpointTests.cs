using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Analysis.AnalysisApi;

namespace SceneMonitor.Tests.Integration.Analysis;

/// <summary>The two-period displacement analysis of the caller's own points over real HTTP.</summary>
public class DisplacementEndpointTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private const string Url = "/api/analysis/displacement";
    private readonly HttpClient _http = app.ClientFor("analyst");

    private static IEnumerable<(double X, double Y)> Cluster(double x, double y, int n) =>
        Enumerable.Range(0, n).Select(i => (x + i % 5 * 8.0 - 16, y + i / 5 * 8.0 - 16));

    // Corners that open up a bounding box of quiet cells around the clusters, in both periods.
    private static readonly (double X, double Y)[] Corners = [(0, 0), (4000, 0), (0, 2500), (4000, 2500)];

    private static object Square(double x0, double y0, double size) => new
    {
        type = "Polygon",
        coordinates = new[] { new[] { new[] { x0, y0 }, new[] { x0 + size, y0 }, new[] { x0 + size, y0 + size }, new[] { x0, y0 + size }, new[] { x0, y0 } } },
    };

    [Fact]
    public async Task Points_moving_from_one_cluster_to_another_give_a_vector_and_a_negative_success_measure()
    {
        // 30 points around (1000, 1000) before, all around (2500, 1000) after; 10 steady points in the
        // control area in both periods. Planar Belgian Lambert 72 coordinates, used as given.
        var before = Points(Cluster(1000, 1000, 30).Concat(Cluster(3500, 2000, 10)).Concat(Corners));
        var after = Points(Cluster(2500, 1000, 30).Concat(Cluster(3500, 2000, 10)).Concat(Corners));
        var r = await _http.PostOkAsync(Url, new
        {
            before, after, target = Square(900, 900, 200), control = Square(3300, 1800, 400), rings = new[] { 250, 500 }, srid = 31370,
            permutations = 0, fdr = false, // Gi* as the normal approximation without FDR, for the bin and class checks below
        });
        Assert.Equal(31370, r["metricSrid"]!.GetValue<int>());
        Assert.Equal("normal", r["gi"]!["pValues"]!.GetValue<string>());

        var cells = r["cells"]!["features"]!.AsArray();
        Assert.Equal("Polygon", cells[0]!["geometry"]!["type"]!.GetValue<string>());
        Assert.Equal(30 + 10 + 4, cells.Sum(c => c!["properties"]!["countA"].Number()));
        var lost = Busiest(cells, "countA", 1000)["properties"]!;
        Assert.Equal(30, lost["countA"].Number());
        Assert.Equal(0, lost["countB"].Number());
        Assert.True(lost["binA"]!.GetValue<int>() > 0);
        Assert.Equal("disappeared", lost["class"]!.GetValue<string>());
        Assert.Equal("new", Busiest(cells, "countB", 2500)["properties"]!["class"]!.GetValue<string>());
        // The change test: p0 = 44/88 = 0.5; 30 → 0 gives binom.test(0, 30, 0.5) p = 2·0.5³⁰ = 1.86e-9 before BY.
        Assert.Equal("decrease", lost["change"]!.GetValue<string>());
        Assert.Equal("increase", Busiest(cells, "countB", 2500)["properties"]!["change"]!.GetValue<string>());
        Assert.Equal(0.5, r["cellChange"]!["expectedShare"].Number(), 1e-12);
        Assert.Matches(@"^-?\d+:-?\d+$", lost["key"]!.GetValue<string>());

        var vector = Assert.Single(r["vectors"]!["features"]!.AsArray())!;
        var line = vector["geometry"]!["coordinates"]!.AsArray();
        Assert.Equal(1000, line[0]![0].Number(), 250.0);
        Assert.Equal(1000, line[0]![1].Number(), 250.0);
        Assert.Equal(2500, line[1]![0].Number(), 250.0);
        Assert.Equal(1000, line[1]![1].Number(), 250.0);
        Assert.Equal(1500, vector["properties"]!["distance"].Number(), 250.0);
        Assert.Equal(90, vector["properties"]!["bearing"].Number(), 15.0);
        Assert.Equal(30, vector["properties"]!["weight"].Number(), 1e-9); // the whole loss, one destination
        Assert.Equal(30, vector["properties"]!["fromCount"]!["before"].Number());

        // The mean centre moves by 30 of 44 points' 1500 m, due east.
        Assert.Equal(1500.0 * 30 / 44, r["centreShift"]!["distance"].Number(), 1e-6);
        Assert.Equal(90, r["centreShift"]!["bearing"].Number(), 1e-9);
        Assert.Equal(["before", "after"], r["ellipses"]!["features"]!.AsArray().Select(e => e!["properties"]!["period"]!.GetValue<string>()));
        // GeoJSON rings close exactly once: the 72 vertices, then the first again (no vertex repeated).
        foreach (var ellipse in r["ellipses"]!["features"]!.AsArray())
        {
            var ring = ellipse!["geometry"]!["coordinates"]![0]!.AsArray().Select(p => p!.ToJsonString()).ToList();
            Assert.Equal(73, ring.Count);
            Assert.Equal(ring[0], ring[^1]);
            Assert.Equal(72, ring.Distinct().Count());
        }

        var counts = r["counts"]!;
        Assert.Equal(30, counts["target"]!["before"].Number());
        Assert.Equal(0, counts["target"]!["after"].Number());
        Assert.Equal(10, counts["control"]!["before"].Number());
        Assert.Equal([250.0, 500.0], counts["rings"]!.AsArray().Select(x => x!["outer"].Number()));
        var wdq = r["wdq"]!["allRings"]!;
        Assert.Equal(-3, wdq["successMeasure"].Number(), 1e-12); // 0/10 − 30/10
        Assert.Equal(0, wdq["bufferDisplacementMeasure"].Number(), 1e-12);
        Assert.Equal("no_buffer_change", wdq["interpretationCode"]!.GetValue<string>());
        Assert.Equal(-30, r["wdd"]!["local"].Number(), 1e-12); // (0 − 30) − (10 − 10)
    }

    [Fact]
    public async Task Lon_lat_points_and_polygons_are_projected_together()
    {
        // 3 points in a ~70 m target square near Brussel-Zuid before, 1 after; the rest 1–2 km away.
        var before = Points([(4.3360, 50.8357), (4.3361, 50.8358), (4.3362, 50.8356), (4.3500, 50.8450), (4.3600, 50.8300)]);
        var after = Points([(4.3361, 50.8357), (4.3500, 50.8451), (4.3601, 50.8300)]);
        var target = new
        {
            type = "Polygon",
            coordinates = new[] { new[] { new[] { 4.3355, 50.8353 }, new[] { 4.3365, 50.8353 }, new[] { 4.3365, 50.8360 }, new[] { 4.3355, 50.8360 }, new[] { 4.3355, 50.8353 } } },
        };
        var r = await _http.PostOkAsync(Url, new { before, after, target, grid = "square", cellSize = 100, k = 6 });
        Assert.Equal(3812, r["metricSrid"]!.GetValue<int>());
        Assert.Equal(3, r["counts"]!["target"]!["before"].Number());
        Assert.Equal(1, r["counts"]!["target"]!["after"].Number());
        Assert.Null(r["wdq"]);
        Assert.Contains(r["notes"]!.AsArray(), n => n!.GetValue<string>().Contains("No control area"));
        Assert.All(r["cells"]!["features"]!.AsArray(), c => Assert.Equal(5, c!["geometry"]!["coordinates"]![0]!.AsArray().Count));
        var corner = r["cells"]!["features"]![0]!["geometry"]!["coordinates"]![0]![0]!;
        Assert.InRange(corner[0].Number(), 4.3, 4.4);
        Assert.InRange(corner[1].Number(), 50.8, 50.9);
    }

    [Fact]
    public async Task Empty_periods_answer_with_notes()
    {
        var empty = Points([]);
        var r = await _http.PostOkAsync(Url, new { before = empty, after = empty, target = Square(0, 0, 100), control = Square(5000, 0, 100), srid = 3812 });
        Assert.Empty(r["cells"]!["features"]!.AsArray());
        Assert.Empty(r["vectors"]!["features"]!.AsArray());
        Assert.Empty(r["ellipses"]!["features"]!.AsArray());
        Assert.Null(r["centreShift"]!["distance"]);
        Assert.NotNull(r["centreShift"]!["note"]);
        Assert.Null(r["wdq"]!["allRings"]!["successMeasure"]);
        var notes = r["notes"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains("Period A has no points.", notes);
        Assert.Contains("Period B has no points.", notes);
    }

    [Fact]
    public async Task Bad_input_names_the_field()
    {
        var points = Points([(0, 0), (100, 100)]);
        var polygon = new
        {
            type = "FeatureCollection",
            features = new[] { new { type = "Feature", geometry = Square(0, 0, 10), properties = new { } } },
        };
        await _http.PostBadAsync(Url, new { after = points, srid = 3812 }, "before");
        await _http.PostBadAsync(Url, new { before = polygon, after = points, srid = 3812 }, "before.features[0].geometry");
        await _http.PostBadAsync(Url, new { before = points, after = points, grid = "triangle", srid = 3812 }, "grid");
        await _http.PostBadAsync(Url, new { before = points, after = points, target = new { type = "Point", coordinates = new[] { 0.0, 0 } }, srid = 3812 }, "target");
        await _http.PostBadAsync(Url, new { before = points, after = points, rings = new[] { 500, 250 }, srid = 3812 }, "rings[1]");
        await _http.PostBadAsync(Url, new { before = points, after = points, band = 100, k = 4, srid = 3812 }, "band");
        await _http.PostBadAsync(Url, new { before = points, after = points, cellSize = 0, srid = 3812 }, "cellSize");
        await _http.PostBadAsync(Url, new { before = points, after = points, maxLinkDistance = -1, srid = 3812 }, "maxLinkDistance");
        await _http.PostBadAsync(Url, new { before = points, after = Points([(200, 10)]) }, "after.features[0].geometry.coordinates");
        // 5 m cells over a 1 km square (about 40,000 cells) with a 1 km band: far too many neighbour pairs.
        await _http.PostBadAsync(Url, new { before = Points([(0, 0), (1000, 1000)]), after = points, cellSize = 5, band = 1000, srid = 3812 }, "band");
    }

    [Fact]
    public async Task Over_the_point_limit_is_refused()
    {
        var many = Points(Enumerable.Range(0, 50_001).Select(i => ((double)(i % 1000), (double)(i / 1000))));
        await _http.PostBadAsync(Url, new { before = many, after = Points([]), srid = 3812 }, "before.features");
    }

    // The cell with the most points of one period among those left of 3000 m (not the control cluster), checked to lie near x.
    private static JsonNode Busiest(JsonArray cells, string count, double x)
    {
        var cell = cells.Where(c => c!["geometry"]!["coordinates"]![0]![0]![0].Number() < 3000).MaxBy(c => c!["properties"]![count].Number())!;
        Assert.Equal(x, cell["geometry"]!["coordinates"]![0]![0]![0].Number(), 250.0);
        return cell;
    }
}
