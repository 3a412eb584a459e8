using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Exports;

/// <summary>A date alone in a filter is a local day of the configured zone (Europe/Brussels): New Year's
/// night at 00:30 in Brussels is 2025-12-31T23:30Z, so under UTC midnights it fell on the wrong day.</summary>
public class LocalDayTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    [Fact]
    public async Task A_night_observation_belongs_to_the_Brussels_day_in_exports_lists_and_OGC()
    {
        var recorder = app.ClientFor("recorder");
        var source = UniqueSource();
        var night = new DateTimeOffset(2026, 1, 1, 0, 30, 0, TimeSpan.FromHours(1)); // CET, winter
        var id = await recorder.CreateAsync(Observation(source, at: night));

        var file = await recorder.GetJsonAsync($"/api/exports/observations?source={source}&from=2026-01-01");
        Assert.Equal(new[] { id }, Ids(file));
        var metadata = file["metadata"]!;
        Assert.Equal("Europe/Brussels", metadata["timeZone"]!.GetValue<string>());
        Assert.Equal("2026-01-01T00:00:00+01:00", metadata["period"]!["from"]!.GetValue<string>());
        Assert.Contains("local day", metadata["dates"]!.GetValue<string>());
        Assert.Empty(Ids(await recorder.GetJsonAsync($"/api/exports/observations?source={source}&to=2026-01-01")));
        Assert.Equal(new[] { id }, Ids(await recorder.GetJsonAsync($"/api/exports/observations?source={source}&from=2026-01-01&to=2026-01-02")));

        // The same reading wherever a date alone is accepted: the list and OGC's datetime (a whole local day).
        Assert.Equal(new[] { id }, Ids(await recorder.GetJsonAsync($"/api/observations?source={source}&from=2026-01-01")));
        Assert.Empty(Ids(await recorder.GetJsonAsync($"/api/observations?source={source}&to=2026-01-01")));
        Assert.Single((await recorder.GetJsonAsync($"/ogc/collections/observations/items?source={source}&datetime=2026-01-01"))["features"]!.AsArray());
        Assert.Empty((await recorder.GetJsonAsync($"/ogc/collections/observations/items?source={source}&datetime=2025-12-31"))["features"]!.AsArray());
    }
}

/// <summary>The parsing alone (no database): Brussels midnights across DST, and OGC's date as a whole local day.</summary>
public class LocalDayParsingTests
{
    [Theory]
    [InlineData("2026-01-01", "2025-12-31T23:00:00Z")] // CET, UTC+1
    [InlineData("2026-03-29", "2026-03-28T23:00:00Z")] // the day summer time starts (at 02:00): midnight is still CET
    [InlineData("2026-07-01", "2026-06-30T22:00:00Z")] // CEST, UTC+2
    [InlineData("2026-10-25", "2026-10-24T22:00:00Z")] // the day summer time ends (at 03:00): midnight is still CEST
    public void A_date_alone_is_Brussels_midnight(string date, string utc)
    {
        Assert.True(SceneMonitor.Api.Infrastructure.QueryTime.TryParse(date, out var t));
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), t);
    }

    [Theory]
    [InlineData("2026-03-29", 23)] // hours in the local day, by the Brussels DST rules (last Sunday of March / October)
    [InlineData("2026-10-25", 25)]
    [InlineData("2026-06-01", 24)]
    public void OGC_datetime_as_a_date_covers_the_whole_local_day(string date, int hours)
    {
        Assert.True(SceneMonitor.Api.Features.Ogc.OgcTime.TryParse(date, out var interval, out _));
        Assert.Equal(TimeSpan.FromHours(hours), interval!.End!.Value.AddTicks(1) - interval.Start!.Value);
    }
}
