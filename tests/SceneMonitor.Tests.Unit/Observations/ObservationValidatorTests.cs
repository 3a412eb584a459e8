using Microsoft.Extensions.Time.Testing;
using NetTopologySuite.Geometries;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Tests.Unit.Observations;

public class ObservationValidatorTests
{
    // A square "region" around central Brussels; the real one is the UrbIS outline plus 2 km.
    private static readonly ServiceRegion Region = new(
        new GeometryFactory().ToGeometry(new Envelope(4.20, 4.50, 50.74, 50.93)), "Test region", 2000);

    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static ObservationValidator Validator() => new(Region,
        new Dictionary<string, bool> { ["syringe"] = true, ["old_category"] = false }, new FakeTimeProvider(Now));

    private static ObservationInput Valid() => new()
    {
        Category = "syringe", Longitude = 4.3360, Latitude = 50.8357, ObservedAt = Now.AddHours(-2),
        Quantity = 3, Source = "syringe_patrol", Note = "onder de trap",
    };

    [Fact]
    public void Valid_observation_has_no_errors() => Assert.Empty(Validator().Validate(Valid()));

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("teleport", "unknown category")]
    [InlineData("old_category", "no longer active")]
    public void Category_must_exist_and_be_active(string? category, string message) =>
        AssertError(Valid() with { Category = category }, "category", message);

    [Fact]
    public void Longitude_out_of_range_is_rejected() => AssertError(Valid() with { Longitude = 181 }, "longitude", "between -180 and 180");

    [Fact]
    public void Latitude_out_of_range_is_rejected() => AssertError(Valid() with { Latitude = -91 }, "latitude", "between -90 and 90");

    [Fact]
    public void Swapped_coordinates_are_named_as_such() =>
        AssertError(Valid() with { Longitude = 50.8357, Latitude = 4.3360 }, "latitude", "swapped");

    [Fact]
    public void Point_outside_the_service_region_says_so() =>
        AssertError(Valid() with { Longitude = 3.72, Latitude = 51.05 }, "longitude", "outside the service region (Test region plus 2000 m)");

    [Fact]
    public void Future_time_beyond_clock_skew_is_rejected() =>
        AssertError(Valid() with { ObservedAt = Now.AddMinutes(6) }, "observedAt", "in the future");

    [Fact]
    public void Time_within_clock_skew_is_accepted() => Assert.Empty(Validator().Validate(Valid() with { ObservedAt = Now.AddMinutes(4) }));

    [Fact]
    public void Time_before_2000_is_rejected() =>
        AssertError(Valid() with { ObservedAt = new DateTimeOffset(1999, 12, 31, 23, 0, 0, TimeSpan.Zero) }, "observedAt", "before 2000");

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_001)]
    public void Quantity_outside_1_to_10000_is_rejected(int quantity) =>
        AssertError(Valid() with { Quantity = quantity }, "quantity", "between 1 and 10000");

    [Fact]
    public void Quantity_bounds_are_accepted()
    {
        Assert.Empty(Validator().Validate(Valid() with { Quantity = 1 }));
        Assert.Empty(Validator().Validate(Valid() with { Quantity = 10_000 }));
    }

    [Fact]
    public void Note_over_280_characters_is_rejected() =>
        AssertError(Valid() with { Note = new string('x', 281) }, "note", "281 characters");

    [Theory]
    [InlineData("contact jan.peeters@example.be", "e-mail")]
    [InlineData("belde +32 470 12 34 56", "phone")]
    [InlineData("tel 0470/12.34.56", "phone")]
    [InlineData("RRN 85.07.30-033.28", "national register number")]
    [InlineData("auto 1-ABC-123 geparkeerd", "licence plate")]
    [InlineData("someone named Karim was there", "name a person")]
    [InlineData("une personne nommée Sophie", "name a person")]
    [InlineData("een man genaamd Tom", "name a person")]
    public void Note_with_personal_data_is_rejected(string note, string message) =>
        AssertError(Valid() with { Note = note }, "note", message);

    [Theory]
    [InlineData("12 spuiten achter de trap van metro Clemenceau")]
    [InlineData("près de l'entrée du parking, niveau -2")]
    [InlineData("tram 81 stop, 3 pipes")]
    public void Ordinary_place_notes_pass(string note) => Assert.Empty(Validator().Validate(Valid() with { Note = note }));

    [Theory]
    [InlineData(null)]
    [InlineData("Outreach Team")]
    [InlineData("police;drop")]
    public void Source_must_be_a_slug(string? source) => Assert.Contains("source", Validator().Validate(Valid() with { Source = source }).Keys);

    [Fact]
    public void Every_missing_field_is_reported_at_once()
    {
        var errors = Validator().Validate(new ObservationInput());
        Assert.Equal(["category", "longitude", "latitude", "observedAt", "source"], errors.Keys.ToArray());
    }

    private static void AssertError(ObservationInput input, string field, string fragment)
    {
        var errors = Validator().Validate(input);
        Assert.True(errors.TryGetValue(field, out var messages), $"expected an error on '{field}', got: {string.Join("; ", errors.Keys)}");
        Assert.Contains(messages!, m => m.Contains(fragment, StringComparison.OrdinalIgnoreCase));
    }
}
