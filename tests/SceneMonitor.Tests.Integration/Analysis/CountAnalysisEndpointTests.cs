using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Analysis.AnalysisApi;

namespace SceneMonitor.Tests.Integration.Analysis;

/// <summary>WDQ, WDD and Mann-Kendall over real HTTP: check values of docs/methods.md (WDQ, WDD, Mann–Kendall) and hand computations.</summary>
public class CountAnalysisEndpointTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _http = app.ClientFor("analyst");

    [Fact]
    public async Task Wdq_design_check_values()
    {
        var r = await _http.PostOkAsync("/api/analysis/wdq",
            new { target = Counts(100, 50), buffer = Counts(100, 150), control = Counts(100, 100) });
        Assert.Equal(-0.5, r["successMeasure"].Number(), 1e-12);
        Assert.Equal(0.5, r["bufferDisplacementMeasure"].Number(), 1e-12);
        Assert.Equal(-1, r["wdq"].Number(), 1e-12);
        Assert.Equal(0, r["totalNetEffect"].Number(), 1e-12);
        Assert.Equal(50, r["grossEffect"].Number(), 1e-12);
        Assert.Equal(0, r["netEffect"].Number(), 1e-12);
        Assert.Equal("displacementEqualsDirectEffect", r["interpretationCode"]!.GetValue<string>());
        Assert.Contains("no net effect", r["interpretation"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wdq_rings_give_one_result_per_ring()
    {
        var r = await _http.PostOkAsync("/api/analysis/wdq",
            new { target = Counts(100, 50), rings = new[] { Counts(60, 90), Counts(40, 40) }, control = Counts(100, 100) });
        var rings = r["rings"]!.AsArray();
        Assert.Equal(2, rings.Count);
        Assert.Equal(-0.6, rings[0]!["wdq"].Number(), 1e-12);
        Assert.Equal(0, rings[1]!["wdq"].Number(), 1e-12);
        Assert.Equal(-0.6, r["allRings"]!["wdq"].Number(), 1e-12);
    }

    [Fact]
    public async Task Wdq_degenerate_cases_answer_200_with_a_reason()
    {
        var zeroSuccess = await _http.PostOkAsync("/api/analysis/wdq",
            new { target = Counts(100, 100), buffer = Counts(100, 150), control = Counts(100, 100) });
        Assert.Null(zeroSuccess["wdq"]);
        Assert.Equal("zeroSuccessMeasure", zeroSuccess["interpretationCode"]!.GetValue<string>());
        Assert.Contains("success measure is zero", zeroSuccess["reason"]!.GetValue<string>());

        var zeroControl = await _http.PostOkAsync("/api/analysis/wdq",
            new { target = Counts(100, 50), buffer = Counts(100, 150), control = Counts(0, 100) });
        Assert.Null(zeroControl["successMeasure"]);
        Assert.Contains("control count is zero", zeroControl["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wdq_bad_input_names_the_field()
    {
        await _http.PostBadAsync("/api/analysis/wdq", new { target = Counts(100, 50), buffer = Counts(100, 150) }, "control");
        await _http.PostBadAsync("/api/analysis/wdq", new { target = Counts(-1, 50), buffer = Counts(100, 150), control = Counts(1, 1) }, "target.before");
        await _http.PostBadAsync("/api/analysis/wdq", new { target = new { before = 3 }, buffer = Counts(1, 1), control = Counts(1, 1) }, "target.after");
        await _http.PostBadAsync("/api/analysis/wdq",
            new { target = Counts(1, 1), buffer = Counts(1, 1), rings = new[] { Counts(1, 1) }, control = Counts(1, 1) }, "rings");
        await _http.PostBadAsync("/api/analysis/wdq", new { target = Counts(1, 1), control = Counts(1, 1) }, "buffer");
        await _http.PostRawBadAsync("/api/analysis/wdq", "{\"target\": {\"before\": 1,", "target"); // truncated JSON, named where it broke off
        await _http.PostRawBadAsync("/api/analysis/wdq", "{\"target\": {\"before\": \"many\", \"after\": 1}}", "target.before");
    }

    [Fact]
    public async Task Wdd_hand_computation()
    {
        // local = (60 − 100) − (90 − 100) = −30; displacement = 5 − 0; total −25; Var = 535.
        var r = await _http.PostOkAsync("/api/analysis/wdd", new
        {
            treated = Counts(100, 60), control = Counts(100, 90),
            displacement = Counts(50, 55), displacementControl = Counts(40, 40),
        });
        Assert.Equal(-30, r["local"].Number());
        Assert.Equal(5, r["displacement"].Number());
        Assert.Equal(-25, r["total"].Number());
        Assert.Equal(Math.Sqrt(535), r["se"].Number(), 1e-12);
        Assert.Equal(-25 / Math.Sqrt(535), r["z"].Number(), 1e-12);
        Assert.Equal(-25 - 1.959963984540054 * Math.Sqrt(535), r["ciLow"].Number(), 1e-9);
        Assert.Equal(-25 + 1.959963984540054 * Math.Sqrt(535), r["ciHigh"].Number(), 1e-9);
    }

    [Fact]
    public async Task Wdd_weights_and_degenerate_and_bad_input()
    {
        var weighted = await _http.PostOkAsync("/api/analysis/wdd",
            new { treated = Counts(10, 20), control = Counts(20, 20), weights = new { control = 0.5 } });
        Assert.Equal(40, weighted["variance"].Number(), 1e-12);

        var zeros = await _http.PostOkAsync("/api/analysis/wdd", new { treated = Counts(0, 0), control = Counts(0, 0) });
        Assert.Null(zeros["z"]);
        Assert.Contains("variance is zero", zeros["note"]!.GetValue<string>());

        await _http.PostBadAsync("/api/analysis/wdd", new { control = Counts(1, 1) }, "treated");
        await _http.PostBadAsync("/api/analysis/wdd", new { treated = Counts(1, 1), control = Counts(1, 1), weights = new { after = 0 } }, "weights.after");
    }

    [Fact]
    public async Task Mann_kendall_design_check_values()
    {
        var r = await _http.PostOkAsync("/api/analysis/mann-kendall", new { series = new[] { 0.5, 1.2, 0.8, 1.9, 2.3, 2.1, 2.8, 3.0, 2.7, 3.5 } });
        Assert.Equal(37, r["s"].Number());
        Assert.Equal(125, r["var"].Number(), 1e-12);
        Assert.Equal(3.219938, r["z"].Number(), 1e-6);
        Assert.Equal(0.001282, r["p"].Number(), 1e-6);
        Assert.Equal(37.0 / 45, r["tau"].Number(), 1e-12);
    }

    [Fact]
    public async Task Mann_kendall_degenerate_and_bad_input()
    {
        var single = await _http.PostOkAsync("/api/analysis/mann-kendall", new { series = new[] { 4.0 } });
        Assert.Equal(1, single["p"].Number());
        Assert.NotNull(single["note"]);
        var flat = await _http.PostOkAsync("/api/analysis/mann-kendall", new { series = new[] { 2.0, 2.0, 2.0 } });
        Assert.Equal(0, flat["z"].Number());

        await _http.PostBadAsync("/api/analysis/mann-kendall", new { values = new[] { 1, 2 } }, "series");
        await _http.PostRawBadAsync("/api/analysis/mann-kendall", "{\"series\": [1, \"two\", 3]}", "series[1]");
        await _http.PostBadAsync("/api/analysis/mann-kendall", new { series = new double[10_001] }, "series");
    }
}
