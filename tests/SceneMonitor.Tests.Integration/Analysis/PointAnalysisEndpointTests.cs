using System.Net.Http.Json;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Analysis.AnalysisApi;

namespace SceneMonitor.Tests.Integration.Analysis;

/// <summary>Gi*, ellipse and KDE over real HTTP.</summary>
public class PointAnalysisEndpointTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _http = app.ClientFor("analyst");

    // The Gi* check of docs/methods.md, "Gi*": planar coordinates (srid 3812, used as given), band 15.
    private static readonly object DesignPoints = ValuedPoints((10, 10, 2), (20, 10, 3), (40, 10, 3.2), (15, 20, 5), (30, 20, 8), (30, 30, 7));

    [Fact]
    public async Task Gistar_design_check_values_as_geojson()
    {
        // permutations = 0: the normal p of spdep localG (the default is the permutation pseudo p, below).
        var fc = await _http.PostOkAsync("/api/analysis/gistar", new { features = DesignPoints, band = 15, srid = 3812, permutations = 0 }, "application/geo+json");
        Assert.Equal("normal", fc["pValues"]!.GetValue<string>());
        double[] expected = [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331];
        var features = fc["features"]!.AsArray();
        Assert.Equal("FeatureCollection", fc["type"]!.GetValue<string>());
        for (int i = 0; i < expected.Length; i++)
        {
            var properties = features[i]!["properties"]!;
            Assert.Equal(expected[i], properties["gi"].Number(), 1e-6);
            Assert.Equal($"p{i}", properties["name"]!.GetValue<string>()); // input properties kept
            Assert.Equal(i == 5 ? 2 : 0, properties["bin"]!.GetValue<int>());
        }
        Assert.Equal(0.042946, features[5]!["properties"]!["p"].Number(), 1e-6);
        Assert.Equal(new[] { 30.0, 30.0 }, features[5]!["geometry"]!["coordinates"]!.AsArray().Select(c => c.Number()));
    }

    [Fact]
    public async Task Gistar_k_nearest_with_fdr()
    {
        // k = 2 (spdep knn, self added, not symmetrised): the last point's Gi* is 2.0107146 (hand computation
        // in the unit tests); BH over six p-values leaves no bin.
        var fc = await _http.PostOkAsync("/api/analysis/gistar", new { features = DesignPoints, k = 2, fdr = true, srid = 3812, permutations = 0 }, "application/geo+json");
        var last = fc["features"]!.AsArray()[5]!["properties"]!;
        Assert.Equal(2.0107146209434412, last["gi"].Number(), 1e-9);
        Assert.Equal(0, last["bin"]!.GetValue<int>());
        Assert.NotNull(last["pAdjusted"]);
    }

    [Fact]
    public async Task Gistar_permutation_pseudo_p_by_default()
    {
        // Exact conditional-permutation p by full enumeration in R (docs/checks/change_and_permutation.R):
        // 0.2, 0.5, 0.2, 0.4, 0.2, 0.2. With 999 permutations the Monte Carlo standard error is at most 0.016;
        // the tolerance 0.06 is under four of them. z stays spdep's localG.
        var fc = await _http.PostOkAsync("/api/analysis/gistar", new { features = DesignPoints, band = 15, srid = 3812 }, "application/geo+json");
        Assert.Equal("permutation", fc["pValues"]!.GetValue<string>());
        Assert.Equal(999, fc["permutations"]!.GetValue<int>());
        double[] exact = [0.2, 0.5, 0.2, 0.4, 0.2, 0.2];
        var features = fc["features"]!.AsArray();
        for (int i = 0; i < exact.Length; i++) Assert.Equal(exact[i], features[i]!["properties"]!["p"].Number(), 0.06);
        Assert.Equal(2.02424331, features[5]!["properties"]!["gi"].Number(), 1e-6);
        var again = await _http.PostOkAsync("/api/analysis/gistar", new { features = DesignPoints, band = 15, srid = 3812 }, "application/geo+json");
        Assert.Equal(features.Select(f => f!["properties"]!["p"].Number()), again["features"]!.AsArray().Select(f => f!["properties"]!["p"].Number()));
        await _http.PostBadAsync("/api/analysis/gistar", new { features = DesignPoints, band = 15, permutations = -1 }, "permutations");
    }

    [Fact]
    public async Task Gistar_lon_lat_input_is_projected()
    {
        // Six points in a 3×2 lattice about 10 m apart near Brussel-Zuid, in lon/lat: a 12 m band reaches only
        // the horizontal and vertical neighbours, which it can only find if the coordinates were projected to metres.
        var points = ValuedPoints((4.33600, 50.83570, 1), (4.33614, 50.83570, 2), (4.33628, 50.83570, 3), (4.33600, 50.83579, 9), (4.33614, 50.83579, 8), (4.33628, 50.83579, 7));
        var fc = await _http.PostOkAsync("/api/analysis/gistar", new { features = points, band = 12 }, "application/geo+json");
        Assert.Equal(3812, fc["metricSrid"]!.GetValue<int>());
        Assert.Null(fc["note"]);
        Assert.All(fc["features"]!.AsArray(), f => Assert.Null(f!["properties"]!["giNote"]));
        Assert.True(fc["features"]![3]!["properties"]!["gi"].Number() > 0); // the high row
    }

    [Fact]
    public async Task Gistar_all_values_equal_answers_with_a_note()
    {
        var fc = await _http.PostOkAsync("/api/analysis/gistar",
            new { features = ValuedPoints((0, 0, 5), (10, 0, 5), (20, 0, 5), (30, 0, 5)), band = 15, srid = 3812 }, "application/geo+json");
        Assert.Contains("equal", fc["note"]!.GetValue<string>());
        Assert.All(fc["features"]!.AsArray(), f => Assert.Equal(0, f!["properties"]!["gi"].Number()));
    }

    [Fact]
    public async Task Gistar_bad_input_names_the_field()
    {
        var line = new
        {
            type = "FeatureCollection",
            features = new[] { new { type = "Feature", geometry = new { type = "LineString", coordinates = new[] { new[] { 0.0, 0 }, new[] { 1.0, 1 } } }, properties = new { value = 1 } } },
        };
        await _http.PostBadAsync("/api/analysis/gistar", new { features = line, band = 10, srid = 3812 }, "features.features[0].geometry");
        await _http.PostBadAsync("/api/analysis/gistar", new { features = ValuedPoints((0, 0, 1), (1, 1, null)), band = 10, srid = 3812 }, "features.features[1].properties.value");
        await _http.PostBadAsync("/api/analysis/gistar", new { features = DesignPoints, band = 10, k = 3 }, "band");
        await _http.PostBadAsync("/api/analysis/gistar", new { features = DesignPoints }, "band");
        await _http.PostBadAsync("/api/analysis/gistar", new { features = ValuedPoints((200, 10, 1)), band = 15 }, "features.features[0].geometry.coordinates");
        await _http.PostBadAsync("/api/analysis/gistar", new { band = 15 }, "features");
        await _http.PostBadAsync("/api/analysis/gistar", new { features = new { type = "Feature" }, band = 15 }, "features.type");
        await _http.PostRawBadAsync("/api/analysis/gistar", "not json", "body");
    }

    [Fact]
    public async Task Gistar_over_the_point_limit_is_refused()
    {
        var many = ValuedPoints(Enumerable.Range(0, 50_001).Select(i => (X: (double)(i % 1000), Y: (double)(i / 1000), Value: (double?)1)).ToArray());
        await _http.PostBadAsync("/api/analysis/gistar", new { features = many, band = 5, srid = 3812 }, "features.features");
    }

    [Fact]
    public async Task Gistar_band_too_wide_for_many_points_is_refused()
    {
        // 5,000 points all within 1 km with a 10 km band: 25 million neighbour pairs.
        var points = ValuedPoints(Enumerable.Range(0, 5_000).Select(i => (X: (double)(i % 100) * 10, Y: (double)(i / 100) * 10, Value: (double?)(i % 7))).ToArray());
        await _http.PostBadAsync("/api/analysis/gistar", new { features = points, band = 10_000, srid = 3812 }, "band");
    }

    [Fact]
    public async Task Ellipse_in_planar_coordinates_hand_computation()
    {
        // (0,0), (±2,0), (0,±1): θ = 90°, σx = √0.8, σy = √3.2 (unit tests show the computation).
        var r = await _http.PostOkAsync("/api/analysis/ellipse", new { features = Points([(0, 0), (2, 0), (-2, 0), (0, 1), (0, -1)]), srid = 31370 });
        Assert.Equal(90, r["rotationDegrees"].Number(), 1e-9);
        Assert.Equal(Math.Sqrt(0.8), r["sigmaX"].Number(), 1e-12);
        Assert.Equal(Math.Sqrt(3.2), r["sigmaY"].Number(), 1e-12);
        Assert.Equal(31370, r["metricSrid"]!.GetValue<int>());
        Assert.Equal("Point", r["centre"]!["type"]!.GetValue<string>());
        Assert.Equal(73, r["ellipse"]!["coordinates"]![0]!.AsArray().Count);
    }

    [Fact]
    public async Task Ellipse_in_lon_lat_returns_lon_lat_geometry()
    {
        var points = Points([(4.3360, 50.8357), (4.3440, 50.8333), (4.3296, 50.8415), (4.3429, 50.8413), (4.3438, 50.8447)]);
        var r = await _http.PostOkAsync("/api/analysis/ellipse", new { features = points });
        var centre = r["centre"]!["coordinates"]!.AsArray();
        Assert.Equal((4.3360 + 4.3440 + 4.3296 + 4.3429 + 4.3438) / 5, centre[0].Number(), 1e-4);
        Assert.InRange(centre[1].Number(), 50.83, 50.85);
        Assert.All(r["ellipse"]!["coordinates"]![0]!.AsArray(), p => Assert.InRange(p![0].Number(), 4.2, 4.5));
        Assert.Equal(3812, r["metricSrid"]!.GetValue<int>());
    }

    [Fact]
    public async Task Ellipse_degenerate_cases_give_notes()
    {
        var two = await _http.PostOkAsync("/api/analysis/ellipse", new { features = Points([(4.33, 50.83), (4.34, 50.84)]) });
        Assert.Null(two["ellipse"]);
        Assert.NotNull(two["centre"]);
        Assert.Contains("at least three", two["note"]!.GetValue<string>());
        var same = await _http.PostOkAsync("/api/analysis/ellipse", new { features = Points([(4.33, 50.83), (4.33, 50.83), (4.33, 50.83)]) });
        Assert.Contains("identical", same["note"]!.GetValue<string>());
        var none = await _http.PostOkAsync("/api/analysis/ellipse", new { features = Points([]) });
        Assert.Null(none["centre"]);
    }

    [Fact]
    public async Task Kde_surface_integrates_to_the_point_count()
    {
        // Σ density (per km²) · cell area (km²) ≈ number of points (the quartic kernel integrates to 1).
        var fc = await _http.PostOkAsync("/api/analysis/kde",
            new { features = Points([(1000, 1000), (1050, 1000)]), bandwidth = 100, cellSize = 5, srid = 3812 }, "application/geo+json");
        double total = fc["features"]!.AsArray().Sum(f => f!["properties"]!["density"].Number()) * (5 * 5 / 1e6);
        Assert.Equal(2, total, 0.01);
        Assert.Equal("Polygon", fc["features"]![0]!["geometry"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Kde_compare_gives_a_difference_summing_to_zero()
    {
        var fc = await _http.PostOkAsync("/api/analysis/kde", new
        {
            features = Points([(4.3360, 50.8357), (4.3361, 50.8358)]),
            compare = Points([(4.3440, 50.8333)]),
            bandwidth = 200, cellSize = 50,
        }, "application/geo+json");
        var features = fc["features"]!.AsArray();
        Assert.Equal(0, features.Sum(f => f!["properties"]!["difference"].Number()), 1e-9);
        Assert.Contains(features, f => f!["properties"]!["difference"].Number() > 0);
        Assert.InRange(features[0]!["geometry"]!["coordinates"]![0]![0]![0].Number(), 4.3, 4.4);
    }

    [Fact]
    public async Task Kde_degenerate_and_bad_input()
    {
        var empty = await _http.PostOkAsync("/api/analysis/kde", new { features = Points([]), bandwidth = 100, cellSize = 10 }, "application/geo+json");
        Assert.Empty(empty["features"]!.AsArray());
        Assert.NotNull(empty["note"]);

        await _http.PostBadAsync("/api/analysis/kde", new { features = Points([(0, 0)]), cellSize = 10, srid = 3812 }, "bandwidth");
        await _http.PostBadAsync("/api/analysis/kde", new { features = Points([(0, 0), (100000, 100000)]), bandwidth = 100, cellSize = 10, srid = 3812 }, "cellSize");
        await _http.PostBadAsync("/api/analysis/kde", new { features = Points([(0, 0)]), compare = new { type = "FeatureCollection" }, bandwidth = 100, cellSize = 10, srid = 3812 }, "compare.features");
    }
}
