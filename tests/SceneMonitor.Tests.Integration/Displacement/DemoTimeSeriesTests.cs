using System.Globalization;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Integration.Analysis;
using SceneMonitor.Tests.Integration.Observations;
using SceneMonitor.Tests.Support;

namespace SceneMonitor.Tests.Integration.Displacement;

/// <summary>The time part of the displacement result on the synthetic demo data: weekly counts of the
/// zones, the interrupted time series and the placebo-in-time test of the Brussel-Zuid clearance
/// (docs/methods.md, "Interrupted time series").</summary>
public class DemoTimeSeriesTests(DemoSceneMonitorApp app) : IClassFixture<DemoSceneMonitorApp>
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    private static async Task<JsonNode> DemoInterventionAsync(HttpClient http)
    {
        var list = JsonNode.Parse(await http.GetStringAsync("/api/interventions"))!.AsArray();
        return list.Single(i => i!["name"]!.GetValue<string>().Contains("Brussel-Zuid"))!;
    }

    private static async Task<JsonObject> DemoResultAsync(HttpClient http) =>
        await http.GetJsonAsync($"/api/interventions/{(await DemoInterventionAsync(http))["id"]}/displacement");

    [Theory]
    [InlineData("admin")]
    [InlineData("analyst")] // the coarse view reads the same conclusion
    public async Task The_clearance_is_a_clear_level_drop_at_the_target_and_more_extreme_than_every_placebo(string role)
    {
        var s = (await DemoResultAsync(app.ClientFor(role)))["summary"]!;
        var target = s["its"]!["target"]!;
        Assert.Equal("negative binomial", target["model"]!.GetValue<string>());
        // The generator lowers the station's weight from 30 to 7 and adds traces dispersed around it: a fall to roughly a quarter.
        Assert.True(target["levelHigh"]!.GetValue<double>() < 1, target.ToJsonString());
        Assert.InRange(target["levelRatio"]!.GetValue<double>(), 0.1, 0.5);
        // Far below 0.001, yet not printed as 0: p-values keep three significant digits.
        Assert.InRange(target["p"]!.GetValue<double>(), double.Epsilon, 0.001);
        Assert.False(target["seasonality"]!.GetValue<bool>()); // 18 months of demo data: under two years before the date
        Assert.Equal(2, target["transitionWeeks"]!.GetValue<int>());

        var placebo = s["placebo"]!["target"]!;
        Assert.Equal("decrease", placebo["direction"]!.GetValue<string>());
        Assert.Equal(1, placebo["rank"]!.GetValue<int>());
        Assert.Equal(placebo["placebos"]!.AsArray().Count + 1, placebo["of"]!.GetValue<int>());
        Assert.True(placebo["of"]!.GetValue<int>() >= 5, placebo.ToJsonString());

        // The buffer takes part of the scene: its level rises, more than at any fake date.
        var buffer = s["its"]!["buffer"]!;
        Assert.True(buffer["levelLow"]!.GetValue<double>() > 1, buffer.ToJsonString());
        Assert.Equal(1, s["placebo"]!["buffer"]!["rank"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_timeline_covers_the_whole_series_in_Brussels_weeks_with_the_intervention_marked()
    {
        var http = app.ClientFor("admin");
        var intervention = await DemoInterventionAsync(http);
        var result = await DemoResultAsync(http);
        var timeline = result["summary"]!["timeline"]!;
        Assert.Equal("week", timeline["interval"]!.GetValue<string>());
        Assert.Equal(intervention["startsAt"]!.GetValue<DateTimeOffset>(), timeline["interventionDate"]!.GetValue<DateTimeOffset>());
        var weeks = timeline["weeks"]!.AsArray();
        var starts = weeks.Select(w => DateOnly.ParseExact(w!["start"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        Assert.All(starts, d => Assert.Equal(DayOfWeek.Monday, d.DayOfWeek));
        Assert.All(starts.Zip(starts.Skip(1)), p => Assert.Equal(7, p.Second.DayNumber - p.First.DayNumber));
        // The demo covers 18 months (about 78 weeks), far more than the two 26-week windows.
        Assert.InRange(weeks.Count, 70, 80);
        Assert.All(weeks, w => Assert.Equal(w!["buffer"]!.GetValue<int>(), w["rings"]!.AsArray().Sum(r => r!.GetValue<int>())));
        Assert.All(weeks, w => Assert.Equal(4, w!["rings"]!.AsArray().Count));
    }

    [Fact]
    public async Task Weekly_counts_add_up_to_the_zone_counts_for_periods_on_Brussels_Mondays()
    {
        // Periods that start and end on Brussels Mondays: the weeks inside each period must add up
        // to the period's zone counts exactly (same zones, same categories, same view).
        var http = app.ClientFor("admin");
        var intervention = await DemoInterventionAsync(http);
        var start = TimeZoneInfo.ConvertTime(intervention["startsAt"]!.GetValue<DateTimeOffset>(), Brussels);
        var monday = DateOnly.FromDateTime(start.DateTime).AddDays(7 - ((int)start.DayOfWeek + 6) % 7);
        DateTimeOffset Midnight(DateOnly d) => new(d.ToDateTime(TimeOnly.MinValue), Brussels.GetUtcOffset(d.ToDateTime(TimeOnly.MinValue)));
        var (from, middle, to) = (Midnight(monday.AddDays(-7 * 12)), Midnight(monday), Midnight(monday.AddDays(7 * 12)));
        var result = await http.PostOkAsync("/api/displacement", new
        {
            area = new[] { 4.31, 50.825, 4.36, 50.85 }, target = intervention["targetArea"],
            categories = new[] { "consumption_site", "discarded_pipe" },
            before = new { from, to = middle }, after = new { from = middle, to },
        });
        var s = result["summary"]!;
        Assert.Equal(middle, s["timeline"]!["interventionDate"]!.GetValue<DateTimeOffset>()); // no intervention: the after period's start
        var weeks = s["timeline"]!["weeks"]!.AsArray().Select(w => (Start: Midnight(DateOnly.Parse(w!["start"]!.GetValue<string>(), CultureInfo.InvariantCulture)), Week: w)).ToList();
        int Sum(DateTimeOffset a, DateTimeOffset b, Func<JsonNode, int> of) => weeks.Where(w => w.Start >= a && w.Start < b).Sum(w => of(w.Week));
        Assert.Equal(s["targetBefore"]!.GetValue<int>(), Sum(from, middle, w => w["target"]!.GetValue<int>()));
        Assert.Equal(s["targetAfter"]!.GetValue<int>(), Sum(middle, to, w => w["target"]!.GetValue<int>()));
        var rings = s["wdq"]!["rings"]!.AsArray();
        for (var k = 0; k < rings.Count; k++)
        {
            Assert.Equal(rings[k]!["before"]!.GetValue<int>(), Sum(from, middle, w => w["rings"]![k]!.GetValue<int>()));
            Assert.Equal(rings[k]!["after"]!.GetValue<int>(), Sum(middle, to, w => w["rings"]![k]!.GetValue<int>()));
        }
        Assert.Equal(s["wdq"]!["controlBefore"]!.GetValue<int>(), Sum(from, middle, w => w["control"]!.GetValue<int>()));
        Assert.True(s["targetBefore"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Planners_get_no_timeline_its_or_placebo()
    {
        // Weekly counts of a small target are small counts: the planner's whitelist leaves them out.
        var planner = app.ClientFor("planner");
        var result = await DemoResultAsync(planner);
        Assert.Equal("summary", result["detail"]!.GetValue<string>());
        var summary = result["summary"]!.AsObject();
        Assert.False(summary.ContainsKey("timeline"), summary.ToJsonString());
        Assert.False(summary.ContainsKey("its"));
        Assert.False(summary.ContainsKey("placebo"));
        Assert.DoesNotContain("\"weeks\"", result.ToJsonString());
        // The saved analysis read back by id is shaped the same way.
        var saved = await planner.GetJsonAsync($"/api/analyses/{result["id"]}");
        Assert.False(saved["summary"]!.AsObject().ContainsKey("timeline"));
    }
}
