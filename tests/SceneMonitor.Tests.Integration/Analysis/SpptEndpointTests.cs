using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Analysis.AnalysisApi;

namespace SceneMonitor.Tests.Integration.Analysis;

/// <summary>SPPT over real HTTP (planar units as given, and lon/lat units projected).</summary>
public class SpptEndpointTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _http = app.ClientFor("analyst");

    private static readonly object Units = Squares(("A", 0, 0, 100), ("B", 100, 0, 100), ("C", 200, 0, 100));

    private static IEnumerable<(double X, double Y)> Many(double x, double y, int n) =>
        Enumerable.Range(0, n).Select(i => (x + i % 10 * 5.0 + 1, y + i / 10 * 5.0 + 1));

    [Fact]
    public async Task Resample_detects_a_complete_move()
    {
        // All 50 base points in A, all 50 test points in B: A fell (−1), B rose (+1), C empty (0).
        var r = await _http.PostOkAsync("/api/analysis/sppt",
            new { @base = Points(Many(0, 0, 50)), test = Points(Many(100, 0, 50)), units = Units, srid = 3812 });
        var units = r["units"]!.AsArray();
        Assert.Equal(["A", "B", "C"], units.Select(u => u!["id"]!.GetValue<string>()));
        Assert.Equal([-1, 1, 0], units.Select(u => u!["sIndex"]!.GetValue<int>()));
        Assert.Equal(50, units[0]!["baseCount"]!.GetValue<int>());
        Assert.Equal(100, units[1]!["low"].Number());
        Assert.Equal(1.0 / 3, r["globalS"].Number(), 1e-12);
        Assert.Equal(0, r["robustS"].Number(), 1e-12);
        Assert.Equal("resample", r["method"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pattern_against_itself_is_similar_with_both_methods()
    {
        var points = Points(Many(0, 0, 30).Concat(Many(100, 0, 12)).Concat(Many(200, 0, 3)));
        foreach (var method in new[] { "resample", "diff" })
        {
            var r = await _http.PostOkAsync("/api/analysis/sppt", new { @base = points, test = points, units = Units, method, srid = 3812, seed = 9 });
            Assert.Equal(1, r["globalS"].Number());
            Assert.Equal(1, r["robustS"].Number());
        }
    }

    [Fact]
    public async Task Diff_reports_adjusted_and_unadjusted_p()
    {
        // Base 30/50/20, test 50/40/10 (cf. the unit tests): A's χ² p = 0.003983, BH-adjusted ×3.
        var basePoints = Points(Many(0, 0, 30).Concat(Many(100, 0, 50)).Concat(Many(200, 0, 20)));
        var testPoints = Points(Many(0, 0, 50).Concat(Many(100, 0, 40)).Concat(Many(200, 0, 10)));
        var r = await _http.PostOkAsync("/api/analysis/sppt",
            new { @base = basePoints, test = testPoints, units = Units, method = "diff", adjust = "BH", srid = 3812 });
        var a = r["units"]![0]!;
        Assert.Equal(0.003982741845943583, a["pUnadjusted"].Number(), 1e-12);
        Assert.Equal(0.003982741845943583 * 3, a["p"].Number(), 1e-12);
        Assert.Equal(1, a["sIndex"]!.GetValue<int>());
        Assert.Equal(2.0 / 3, r["globalS"].Number(), 1e-12);
    }

    [Fact]
    public async Task Lon_lat_units_and_points_are_projected()
    {
        // Two ~0.001° squares near Brussel-Zuid; base in the west one, test in the east one.
        var units = Squares(("west", 4.335, 50.835, 0.001), ("east", 4.336, 50.835, 0.001));
        var r = await _http.PostOkAsync("/api/analysis/sppt", new
        {
            @base = Points(Enumerable.Range(0, 20).Select(i => (4.3352 + i * 0.00002, 50.8355))),
            test = Points(Enumerable.Range(0, 20).Select(i => (4.3362 + i * 0.00002, 50.8355))),
            units,
        });
        Assert.Equal([-1, 1], r["units"]!.AsArray().Select(u => u!["sIndex"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Empty_test_period_answers_with_a_note()
    {
        var r = await _http.PostOkAsync("/api/analysis/sppt", new { @base = Points(Many(0, 0, 5)), test = Points([]), units = Units, srid = 3812 });
        Assert.Null(r["globalS"]);
        Assert.NotNull(r["note"]);
    }

    [Fact]
    public async Task Bad_input_names_the_field()
    {
        var points = Points(Many(0, 0, 5));
        await _http.PostBadAsync("/api/analysis/sppt", new { @base = points, test = points, units = Units, method = "magic", srid = 3812 }, "method");
        await _http.PostBadAsync("/api/analysis/sppt", new { @base = points, test = points, units = Units, adjust = "holm", srid = 3812 }, "adjust");
        await _http.PostBadAsync("/api/analysis/sppt", new { @base = points, test = points, units = Units, samples = 0, srid = 3812 }, "samples");
        await _http.PostBadAsync("/api/analysis/sppt", new { @base = points, test = points, units = points, srid = 3812 }, "units.features[0].properties.id");
        await _http.PostBadAsync("/api/analysis/sppt", new { @base = points, units = Units, srid = 3812 }, "test");
        var noId = Squares(("A", 0, 0, 10));
        await _http.PostBadAsync("/api/analysis/sppt", new { @base = points, test = points, units = Squares(("A", 0, 0, 10), ("A", 10, 0, 10)), srid = 3812 }, "units.features[1].properties.id");
        await _http.PostBadAsync("/api/analysis/sppt", new { @base = points, test = Units, units = noId, srid = 3812 }, "test.features[0].geometry");
    }
}
