using SceneMonitor.Core.Imports;

namespace SceneMonitor.Tests.Unit.Imports;

public class ImportTimeTests
{
    private static readonly ImportTime Time = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels"));

    [Theory]
    [InlineData("2025-06-01T12:00:00+02:00", "2025-06-01T10:00:00Z")]
    [InlineData("2025-06-01T10:00:00Z", "2025-06-01T10:00:00Z")]
    [InlineData("2025-06-01T10:00:00.250Z", "2025-06-01T10:00:00.25Z")]
    [InlineData("2025-06-01T12:00:00+0200", "2025-06-01T10:00:00Z")]
    // Without an offset: Brussels local time (summer +02:00, winter +01:00).
    [InlineData("2025-06-01T12:00:00", "2025-06-01T10:00:00Z")]
    [InlineData("2025-06-01 12:00", "2025-06-01T10:00:00Z")]
    [InlineData("01/06/2025 12:00", "2025-06-01T10:00:00Z")]
    [InlineData("15/01/2025 09:30", "2025-01-15T08:30:00Z")]
    [InlineData("15/01/2025 09:30:15", "2025-01-15T08:30:15Z")]
    [InlineData("5/1/2025 9:30", "2025-01-05T08:30:00Z")]
    [InlineData("15-01-2025 09:30", "2025-01-15T08:30:00Z")]
    [InlineData("15/01/2025", "2025-01-14T23:00:00Z")]
    public void Reads_iso_8601_and_day_first_times(string text, string utc)
    {
        var at = Time.Parse(text, out var error);
        Assert.Null(error);
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), at);
    }

    [Theory]
    [InlineData("06/31/2025 12:00")]
    [InlineData("2025-13-01T00:00:00Z")]
    [InlineData("yesterday")]
    [InlineData("2025-06-01T25:00")]
    public void Refuses_what_is_not_a_time_saying_what_is_expected(string text)
    {
        Assert.Null(Time.Parse(text, out var error));
        Assert.Contains("ISO 8601", error);
    }

    [Fact]
    public void A_local_time_skipped_by_the_clock_change_is_refused()
    {
        Assert.Null(Time.Parse("30/03/2025 02:30", out var error));
        Assert.Contains("does not exist", error);
    }

    [Fact]
    public void A_caller_format_and_utc_submission_times()
    {
        var custom = new ImportTime(TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels"), "dd.MM.yyyy HH'h'mm");
        Assert.Equal(new DateTimeOffset(2025, 1, 15, 8, 30, 0, TimeSpan.Zero), custom.Parse("15.01.2025 09h30", out _));
        Assert.Contains("does not match", (custom.Parse("2025-01-15", out var error), error).error);
        var utc = new ImportTime(TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels"), assumeUtc: true);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero), utc.Parse("2025-06-01T12:00:00", out _));
    }
}
