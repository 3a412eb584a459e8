using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Hotspots;

namespace SceneMonitor.Analysis.Tests.Hotspots;

public class SpatialWeightsTests
{
    [Fact]
    public void Band_and_nearest_agree_with_brute_force_on_random_points()
    {
        // Property test: the bucket index must find exactly what an all-pairs scan finds.
        var random = new Random(42);
        var points = Enumerable.Range(0, 400)
            .Select(_ => new PlanarPoint(random.NextDouble() * 5000, random.NextDouble() * 3000))
            .ToArray();
        var band = SpatialWeights.ForBand(points, 250);
        var nearest = SpatialWeights.ForNearest(points, 5);
        for (int i = 0; i < points.Length; i++)
        {
            var expectedBand = Enumerable.Range(0, points.Length).Where(j => Planar.Distance(points[i], points[j]) <= 250).ToArray();
            Assert.Equal(expectedBand, band.Neighbours[i]);
            var expectedNearest = Enumerable.Range(0, points.Length).Where(j => j != i)
                .OrderBy(j => Planar.Distance(points[i], points[j])).ThenBy(j => j).Take(5).Append(i).Order().ToArray();
            Assert.Equal(expectedNearest, nearest.Neighbours[i]);
        }
    }

    [Fact]
    public void Far_outlier_does_not_make_nearest_search_slow_or_wrong()
    {
        PlanarPoint[] points = [new(0, 0), new(1, 0), new(0, 1), new(1e6, 1e6)];
        var weights = SpatialWeights.ForNearest(points, 1);
        // (1, 0) and (0, 1) are equally far from (1e6, 1e6): the tie goes to the lower index, 1.
        Assert.Equal([1, 3], weights.Neighbours[3]);
        Assert.Equal([0, 1], weights.Neighbours[0]);
    }

    [Fact]
    public void Band_pairs_are_counted_and_counting_stops_early()
    {
        // Three points in a row 10 m apart, band 10: neighbours per point (self included) 2, 3, 2 = 7 pairs.
        PlanarPoint[] points = [new(0, 0), new(10, 0), new(20, 0)];
        Assert.Equal(7, SpatialWeights.CountBandPairs(points, 10, long.MaxValue));
        Assert.True(SpatialWeights.CountBandPairs(points, 100, 2) <= 6);
    }
}
