using System.Text;
using System.Text.Json;
using SceneMonitor.Core.GeoJson;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Tests.Unit.Observations;

public class ObservationGeoJsonTests
{
    private static JsonElement Write(ObservationRow row)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) ObservationGeoJson.WriteFeature(w, row);
        return JsonDocument.Parse(Encoding.UTF8.GetString(stream.ToArray())).RootElement;
    }

    private static readonly ObservationRow Row = new(42, "syringe", 4.33601234567, 50.8357, new DateTimeOffset(2026, 3, 1, 21, 30, 0, TimeSpan.FromHours(1)),
        3, "syringe_patrol", "Outreach Brussels", null, false, null);

    [Fact]
    public void Feature_has_rfc7946_shape_with_lon_lat_order()
    {
        var f = Write(Row);
        Assert.Equal("Feature", f.GetProperty("type").GetString());
        Assert.Equal(42, f.GetProperty("id").GetInt64());
        var g = f.GetProperty("geometry");
        Assert.Equal("Point", g.GetProperty("type").GetString());
        Assert.Equal(4.3360123, g.GetProperty("coordinates")[0].GetDouble()); // rounded to 7 decimals (~1 cm)
        Assert.Equal(50.8357, g.GetProperty("coordinates")[1].GetDouble());
    }

    [Fact]
    public void Properties_carry_the_observation_with_utc_time()
    {
        var p = Write(Row).GetProperty("properties");
        Assert.Equal("syringe", p.GetProperty("category").GetString());
        Assert.Equal("2026-03-01T20:30:00Z", p.GetProperty("observedAt").GetString());
        Assert.Equal(3, p.GetProperty("quantity").GetInt32());
        Assert.Equal("syringe_patrol", p.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, p.GetProperty("note").ValueKind);
        Assert.False(p.TryGetProperty("retracted", out _));
    }

    [Fact]
    public void Retracted_rows_say_so_with_reason()
    {
        var p = Write(Row with { Retracted = true, RetractedReason = "double entry" }).GetProperty("properties");
        Assert.True(p.GetProperty("retracted").GetBoolean());
        Assert.Equal("double entry", p.GetProperty("retractedReason").GetString());
    }
}
