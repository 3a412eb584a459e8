using NetTopologySuite.Geometries;
using SceneMonitor.Core.Privacy;

namespace SceneMonitor.Tests.Unit.Privacy;

public class PlannerGranularityTests
{
    private static readonly PlannerGranularity Rule = new(250_000, TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels"));

    [Theory]
    [InlineData("2026-03-01T00:00:00+01:00", true)]
    [InlineData("2026-07-01T00:00:00+02:00", true)]
    [InlineData("2026-02-28T23:00:00Z", true)]
    [InlineData("2026-03-01T00:00:00Z", false)] // 01:00 in Brussels
    [InlineData("2026-03-01T01:00:00+01:00", false)]
    [InlineData("2026-03-01T00:00:01+01:00", false)]
    [InlineData("2026-03-29T00:00:00+01:00", true)] // the day clocks go forward
    [InlineData("2026-10-25T00:00:00+02:00", true)] // the day clocks go back
    public void Whole_days_start_at_Brussels_midnight(string instant, bool whole) =>
        Assert.Equal(whole, Rule.IsDayStart(DateTimeOffset.Parse(instant)));

    [Fact]
    public void A_period_off_midnight_names_the_end_that_is()
    {
        var midnight = DateTimeOffset.Parse("2026-03-01T00:00:00+01:00");
        Assert.Null(Rule.CheckPeriod(midnight, midnight.AddDays(3)));
        Assert.Null(Rule.CheckPeriod(null, null));
        Assert.Equal("to", Rule.CheckPeriod(midnight, midnight.AddDays(3).AddHours(1))!.Field);
        Assert.Equal("from", Rule.CheckPeriod(midnight.AddHours(-1), midnight)!.Field);
        Assert.Equal("datetime", Rule.CheckPeriod(midnight.AddMinutes(5), null, "datetime", "datetime")!.Field);
    }

    [Fact]
    public void Day_starts_floor_and_ceil_in_local_time()
    {
        var t = DateTimeOffset.Parse("2026-03-29T14:20:00+02:00");
        Assert.Equal(DateTimeOffset.Parse("2026-03-29T00:00:00+01:00"), Rule.DayStart(t));
        Assert.Equal(DateTimeOffset.Parse("2026-03-30T00:00:00+02:00"), Rule.NextDayStart(t));
        var midnight = DateTimeOffset.Parse("2026-03-30T00:00:00+02:00");
        Assert.Equal(midnight, Rule.NextDayStart(midnight));
    }

    [Fact]
    public void A_bbox_below_the_minimum_area_is_refused()
    {
        // About 500 m × 500 m in central Brussels (50.85° N): 0.0071° of longitude, 0.0045° of latitude.
        Assert.Null(Rule.CheckBbox([4.350, 50.845, 4.3572, 50.8496]));
        var small = Rule.CheckBbox([4.350, 50.845, 4.3535, 50.8472]);
        Assert.Equal("bbox", small!.Field);
        Assert.InRange(PlannerGranularity.BboxAreaM2([4.350, 50.845, 4.3572, 50.8496]), 250_000, 260_000);
    }

    [Fact]
    public void Polygon_area_matches_the_bbox_area_and_subtracts_holes()
    {
        var f = new GeometryFactory();
        var outer = f.CreateLinearRing([new(4.35, 50.84), new(4.36, 50.84), new(4.36, 50.85), new(4.35, 50.85), new(4.35, 50.84)]);
        var hole = f.CreateLinearRing([new(4.352, 50.842), new(4.354, 50.842), new(4.354, 50.844), new(4.352, 50.844), new(4.352, 50.842)]);
        var box = PlannerGranularity.BboxAreaM2([4.35, 50.84, 4.36, 50.85]);
        Assert.Equal(box, PlannerGranularity.LonLatAreaM2(f.CreatePolygon(outer)), box * 1e-9);
        var holed = PlannerGranularity.LonLatAreaM2(f.CreatePolygon(outer, [hole]));
        Assert.Equal(box - PlannerGranularity.BboxAreaM2([4.352, 50.842, 4.354, 50.844]), holed, box * 1e-9);
        Assert.Equal("target", Rule.CheckPolygon(f.CreatePolygon(hole), "target")!.Field);
    }

    [Fact]
    public void A_zero_minimum_accepts_any_area() =>
        Assert.Null(new PlannerGranularity(0, TimeZoneInfo.Utc).CheckArea(0, "bbox"));
}
