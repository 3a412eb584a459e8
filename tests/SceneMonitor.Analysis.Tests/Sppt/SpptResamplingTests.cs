using SceneMonitor.Analysis.Sppt;

namespace SceneMonitor.Analysis.Tests.Sppt;

public class SpptResamplingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2024)]
    public void Pattern_against_itself_is_fully_similar(int seed)
    {
        // Property: resampling 85 % of a pattern always brackets that pattern's own shares.
        var random = new Random(seed);
        var counts = Enumerable.Range(0, 30).Select(_ => random.Next(0, 40)).ToArray();
        var ids = Enumerable.Range(0, 30).Select(i => $"u{i}").ToArray();
        var r = SpptResampling.Run(new SpptCounts(ids, counts, counts), seed: seed);
        Assert.Equal(1, r.GlobalS);
        Assert.Equal(1, r.RobustS);
        Assert.All(r.Units, u => Assert.True(u.Low <= u.BasePercent && u.BasePercent <= u.High));
    }

    [Fact]
    public void Complete_move_between_units_is_detected_both_ways()
    {
        // Base: all 50 points in A; test: all 50 in B. Every sample of the test puts 100 % in B and 0 % in A,
        // so the intervals are [0, 0] for A and C and [100, 100] for B: A fell (−1), B rose (+1), C empty (0).
        var r = SpptResampling.Run(new SpptCounts(["A", "B", "C"], [50, 0, 0], [0, 50, 0]));
        Assert.Equal([-1, 1, 0], r.Units.Select(u => u.SIndex));
        Assert.Equal(1.0 / 3, r.GlobalS!.Value, 1e-12); // only the empty C is "similar"
        Assert.Equal(0, r.RobustS!.Value, 1e-12);        // ... and it is not counted in the robust S
        Assert.Equal(0, r.Units[0].High);
        Assert.Equal(100, r.Units[1].Low);
    }

    [Fact]
    public void Same_seed_same_result_and_seeds_matter()
    {
        var counts = new SpptCounts(["A", "B", "C", "D"], [10, 20, 30, 40], [13, 17, 35, 35]);
        var a = SpptResampling.Run(counts, seed: 5);
        var b = SpptResampling.Run(counts, seed: 5);
        Assert.Equal(a.Units, b.Units);
        var others = Enumerable.Range(6, 10).Select(seed => SpptResampling.Run(counts, seed: seed));
        Assert.Contains(others, o => !o.Units.SequenceEqual(a.Units));
    }

    [Fact]
    public void Interval_uses_the_6th_and_195th_of_200_shares()
    {
        // With 1 test point in A out of 100 and an 85-point sample, A's share is 1/85 (point drawn,
        // probability 0.85) or 0. About 30 of 200 samples miss it, so the 6th smallest is 0 and the
        // 195th is 100/85.
        var r = SpptResampling.Run(new SpptCounts(["A", "B"], [1, 99], [1, 99]), seed: 3);
        Assert.Equal(0, r.Units[0].Low);
        Assert.Equal(100.0 / 85, r.Units[0].High!.Value, 1e-12);
    }

    [Fact]
    public void Empty_test_period_gives_a_note()
    {
        var r = SpptResampling.Run(new SpptCounts(["A"], [5], [0]));
        Assert.Null(r.GlobalS);
        Assert.NotNull(r.Note);
        Assert.Null(r.Units[0].TestPercent);
        Assert.Equal(100, r.Units[0].BasePercent);
    }

    [Fact]
    public void Misuse_throws()
    {
        var counts = new SpptCounts(["A"], [1], [1]);
        Assert.Throws<ArgumentException>(() => SpptResampling.Run(counts, samples: 0));
        Assert.Throws<ArgumentException>(() => SpptResampling.Run(counts, percent: 0));
        Assert.Throws<ArgumentException>(() => SpptResampling.Run(new SpptCounts(["A", "B"], [1], [1])));
    }
}
