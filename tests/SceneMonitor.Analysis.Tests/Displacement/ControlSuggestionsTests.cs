using SceneMonitor.Analysis.Displacement;

namespace SceneMonitor.Analysis.Tests.Displacement;

public class ControlSuggestionsTests
{
    [Fact]
    public void Ranks_by_level_trend_and_correlation()
    {
        // Target 10, 12, 14: mean 12, slope 2 a week, trend 2/12 (hand).
        // A 5, 6, 7: mean 6, trend 1/6, r = 1 → score |ln 0.5| = 0.693147 (hand).
        // B 12, 12, 12: mean 12, trend 0, r undefined → score 0 + 3·(1/6) + 0.5 = 1.0 (hand).
        // C has no events and is left out.
        var r = ControlSuggestions.Rank([10, 12, 14], [new(3, [12, 12, 12]), new(1, [5, 6, 7]), new(2, [0, 0, 0])]);
        Assert.Equal([1, 3], r.Ranked.Select(s => s.Id));
        Assert.Equal(2.0 / 12, r.TargetTrend, 1e-12);
        Assert.Equal(Math.Log(2), r.Ranked[0].Score, 1e-12);
        Assert.Equal(1.0, r.Ranked[0].Correlation!.Value, 1e-12);
        Assert.Equal(0.5, r.Ranked[0].Ratio, 1e-12);
        Assert.Equal(1.0, r.Ranked[1].Score, 1e-12);
        Assert.Null(r.Ranked[1].Correlation);
    }

    [Fact]
    public void Empty_target_gives_no_ranking_and_says_why()
    {
        var r = ControlSuggestions.Rank([0, 0, 0], [new(1, [5, 6, 7])]);
        Assert.Empty(r.Ranked);
        Assert.Contains("no events", r.Note);
    }
}
