using SceneMonitor.Analysis.Hotspots;

namespace SceneMonitor.Analysis.Tests.Hotspots;

public class HotspotChangeTests
{
    // The table follows the definitions in HotspotChange's doc comment, case by case.
    [Theory]
    [InlineData(0, 0, HotspotChangeClass.None)]
    [InlineData(0, 2, HotspotChangeClass.NewHot)]
    [InlineData(-1, 3, HotspotChangeClass.NewHot)]
    [InlineData(2, 2, HotspotChangeClass.PersistentHot)]
    [InlineData(1, 3, HotspotChangeClass.IntensifiedHot)]
    [InlineData(3, 1, HotspotChangeClass.DiminishedHot)]
    [InlineData(2, 0, HotspotChangeClass.DisappearedHot)]
    [InlineData(2, -1, HotspotChangeClass.NewCold)]
    [InlineData(0, -3, HotspotChangeClass.NewCold)]
    [InlineData(-2, -2, HotspotChangeClass.PersistentCold)]
    [InlineData(-1, -3, HotspotChangeClass.IntensifiedCold)]
    [InlineData(-3, -1, HotspotChangeClass.DiminishedCold)]
    [InlineData(-1, 0, HotspotChangeClass.DisappearedCold)]
    public void Classes(int binA, int binB, HotspotChangeClass expected) =>
        Assert.Equal(expected, HotspotChange.Classify(binA, binB));
}
