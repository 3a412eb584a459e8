using SceneMonitor.Analysis.Density;
using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Tests.Density;

public class QuarticKdeTests
{
    [Theory]
    // Hand computation: K(0) = 3/(π·100²); K(50) = K(0)·(1 − 0.25)² = K(0)·0.5625; zero at and beyond h.
    [InlineData(0, 9.549296585513721e-05)]
    [InlineData(50, 9.549296585513721e-05 * 0.5625)]
    [InlineData(100, 0)]
    [InlineData(150, 0)]
    public void Kernel_values(double d, double expected) => Assert.Equal(expected, QuarticKde.Kernel(d, 100), 1e-18);

    [Fact]
    public void Surface_integrates_to_the_total_weight()
    {
        // Σ cells · cell area ≈ ∫K = 1 per unit weight (midpoint rule on 1 m cells, h = 50 m).
        var result = QuarticKde.Estimate([new(1000.3, 2000.7, 2)], 50, 1);
        Assert.Equal(2, result.Total * 1 * 1, 2e-3);
        Assert.Null(result.Note);
    }

    [Fact]
    public void Raster_origin_is_snapped_to_the_cell_size()
    {
        var raster = QuarticKde.Estimate([new(1234, 5678)], 100, 50).Density!;
        Assert.Equal(0, raster.OriginX % 50);
        Assert.Equal(0, raster.OriginY % 50);
        Assert.True(raster.OriginX <= 1134 && raster.OriginX + raster.Columns * 50 >= 1334);
    }

    [Fact]
    public void Dual_difference_sums_to_zero_and_is_positive_where_b_gained_share()
    {
        PlanarPoint[] a = [new(0, 0), new(0, 10), new(500, 500)];
        PlanarPoint[] b = [new(500, 500), new(510, 500), new(0, 0)];
        var dual = QuarticKde.Dual(a, b, 100, 20);
        var diff = dual.NormalisedDifference!;
        Assert.Equal(0, diff.Values.Sum(), 1e-12);
        int column = (int)((500 - diff.OriginX) / 20), row = (int)((500 - diff.OriginY) / 20);
        Assert.True(diff[column, row] > 0);
        Assert.Null(dual.Note);
    }

    [Fact]
    public void Same_pattern_in_both_periods_has_zero_difference()
    {
        PlanarPoint[] a = [new(0, 0), new(30, 40), new(100, 100)];
        var dual = QuarticKde.Dual(a, a, 80, 10);
        Assert.All(dual.NormalisedDifference!.Values, v => Assert.Equal(0, v, 1e-15));
    }

    [Fact]
    public void Empty_period_is_noted_and_treated_as_zero()
    {
        var dual = QuarticKde.Dual([], [new(0, 0)], 50, 10);
        Assert.Contains("Period A has no points", dual.Note);
        Assert.Equal(1, dual.NormalisedDifference!.Values.Sum(), 1e-12);
        Assert.Null(QuarticKde.Dual([], [], 50, 10).NormalisedDifference);
        Assert.NotNull(QuarticKde.Estimate([], 50, 10).Note);
    }

    [Fact]
    public void Too_many_cells_gives_a_note_instead_of_a_huge_raster()
    {
        var result = QuarticKde.Estimate([new(0, 0), new(100000, 100000)], 100, 1);
        Assert.Null(result.Density);
        Assert.Contains("larger cell size", result.Note);
        // From −100 to 100100 on each axis with 1 m cells (origin already on the grid): 100200² cells.
        Assert.Equal(100200.0 * 100200.0, QuarticKde.CellCount([new(0, 0), new(100000, 100000)], 100, 1));
        Assert.Equal(0, QuarticKde.CellCount([], 100, 1));
    }

    [Fact]
    public void Misuse_throws()
    {
        Assert.Throws<ArgumentException>(() => QuarticKde.Estimate([new(0, 0)], 0, 10));
        Assert.Throws<ArgumentException>(() => QuarticKde.Estimate([new(0, 0)], 10, -1));
    }
}
