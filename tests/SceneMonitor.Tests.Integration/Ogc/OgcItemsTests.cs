using System.Globalization;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;
using static SceneMonitor.Tests.Integration.Ogc.OgcApi;

namespace SceneMonitor.Tests.Integration.Ogc;

/// <summary>/ogc/collections/{id}/items: limit, paging, bbox (+bbox-crs), datetime, crs and errors.</summary>
public class OgcItemsTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _recorder = app.ClientFor("recorder");

    [Fact]
    public async Task Limit_defaults_to_100_and_larger_values_are_clamped_to_10000()
    {
        var s = UniqueSource();
        await _recorder.SeedAsync(s, Spread(10_000));
        await _recorder.SeedAsync(s, Spread(50));

        var first = await _recorder.GetJsonAsync(Of(s));
        Assert.Equal(100, first["numberReturned"]!.GetValue<int>());
        Assert.Equal(10_050, first["numberMatched"]!.GetValue<long>());
        Assert.NotNull(Next(first));

        var clamped = await _recorder.GetJsonAsync(Of(s, "limit=250000"));
        Assert.Equal(10_000, clamped["numberReturned"]!.GetValue<int>());
        Assert.Equal(10_000, FeatureIds(clamped).Distinct().Count());
        var rest = await _recorder.GetJsonAsync(Next(clamped)!);
        Assert.Equal(50, FeatureIds(rest).Length);
        Assert.Null(Next(rest));

        foreach (var bad in new[] { "0", "-1", "ten", "1.5", "" })
            Assert.Contains("limit", (await ProblemAsync(await _recorder.GetAsync(Of(s, $"limit={bad}")), 400))["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Next_links_page_through_every_feature_once_with_numberReturned_on_each_page()
    {
        var s = UniqueSource();
        var ids = await _recorder.SeedAsync(s, Spread(23));
        var seen = new List<long>();
        var pages = 0;
        for (var url = Of(s, "limit=5"); url is not null; pages++)
        {
            var page = await _recorder.GetJsonAsync(url);
            Assert.Equal(FeatureIds(page).Length, page["numberReturned"]!.GetValue<int>());
            Assert.Equal(pages == 0, page.ContainsKey("numberMatched")); // counted on the first page only
            Assert.Contains(page["links"]!.AsArray(), l => l!["rel"]!.GetValue<string>() == "self");
            Assert.Contains(page["links"]!.AsArray(), l => l!["rel"]!.GetValue<string>() == "alternate" && l["type"]!.GetValue<string>() == "application/json");
            seen.AddRange(FeatureIds(page));
            url = Next(page);
        }
        Assert.Equal(5, pages);
        Assert.Equal(ids.Order(), seen);
    }

    [Fact]
    public async Task Items_are_geojson_and_f_json_gives_the_same_as_application_json()
    {
        var s = UniqueSource();
        await _recorder.SeedAsync(s, Spread(2));
        var response = await _recorder.GetAsync(Of(s));
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        var json = await _recorder.GetAsync(Of(s, "f=json"));
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        await ProblemAsync(await _recorder.GetAsync(Of(s, "f=html")), 400);
    }

    [Fact]
    public async Task Bbox_in_crs84_and_with_bbox_crs_3812_31370_and_4326_in_latitude_longitude_order()
    {
        var s = UniqueSource();
        var ids = await _recorder.SeedAsync(s, [new(4.3400, 50.8400), new(4.3450, 50.8450), new(4.3600, 50.8600)]);
        var inside = ids[..2];
        Assert.Equal(inside, FeatureIds(await _recorder.GetJsonAsync(Of(s, "bbox=4.339,50.839,4.346,50.846"))));

        // The same box's corners in the projected CRSs, from PostGIS.
        foreach (var srid in new[] { 3812, 31370 })
        {
            var corners = await Corners(srid, 4.339, 50.839, 4.346, 50.846);
            Assert.Equal(inside, FeatureIds(await _recorder.GetJsonAsync(Of(s, $"bbox={corners}&bbox-crs={Q($"http://www.opengis.net/def/crs/EPSG/0/{srid}")}"))));
        }
        Assert.Equal(inside, FeatureIds(await _recorder.GetJsonAsync(Of(s, "bbox=50.839,4.339,50.846,4.346&bbox-crs=EPSG:4326"))));
        // Longitude first with EPSG:4326 is a box near the Horn of Africa: nothing there.
        Assert.Empty(FeatureIds(await _recorder.GetJsonAsync(Of(s, "bbox=4.339,50.839,4.346,50.846&bbox-crs=EPSG:4326"))));

        foreach (var bad in new[] { "bbox=1,2,3", "bbox=4.35,50.84,4.34,50.85", "bbox=a,b,c,d", "bbox=-200,0,0,10", "bbox-crs=EPSG:3812" })
            Assert.NotEmpty((await ProblemAsync(await _recorder.GetAsync(Of(s, bad)), 400))["errors"]!.AsObject());
        await ProblemAsync(await _recorder.GetAsync(Of(s, "bbox=4,50,5,51&bbox-crs=EPSG:9999")), 400);
    }

    private async Task<string> Corners(int srid, double x0, double y0, double x1, double y1) =>
        (await app.ScalarAsync<string>("""
            SELECT concat_ws(',', ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b))
            FROM (SELECT ST_Transform(ST_MakeEnvelope(@x0, @y0, @x1, @y1, 4326), @srid)::box2d AS b) t
            """, ("x0", x0), ("y0", y0), ("x1", x1), ("y1", y1), ("srid", srid)))!;

    [Fact]
    public async Task Datetime_takes_an_instant_a_date_and_closed_or_open_intervals()
    {
        var s = UniqueSource();
        var t = new DateTimeOffset(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
        var ids = await _recorder.SeedAsync(s, [new(4.34, 50.84, At: t), new(4.34, 50.84, At: t.AddHours(1)), new(4.34, 50.84, At: t.AddDays(1)), new(4.34, 50.84, At: t.AddDays(5))]);
        async Task<long[]> At(string datetime) => FeatureIds(await _recorder.GetJsonAsync(Of(s, $"datetime={Q(datetime)}")));

        Assert.Equal([ids[0]], await At("2025-03-10T12:00:00Z"));
        Assert.Equal([ids[0]], await At("2025-03-10T13:00:00+01:00"));
        Assert.Equal(ids[..2], await At("2025-03-10"));
        Assert.Equal(ids[..3], await At("2025-03-10T12:00:00Z/2025-03-11T12:00:00Z")); // closed: both ends included
        Assert.Equal(ids[..3], await At("../2025-03-11"));
        Assert.Equal(ids[1..], await At("2025-03-10T12:30:00Z/.."));
        Assert.Equal(ids[1..], await At("2025-03-10T12:30:00Z/"));
        Assert.Equal([ids[3]], await At("2025-03-12/2025-03-20"));

        foreach (var bad in new[] { "yesterday", "2025-03-10T12:00:00", "../..", "2025-03-12/2025-03-10", "2025-03-10/2025-03-11/2025-03-12" })
            Assert.Contains("datetime", (await ProblemAsync(await _recorder.GetAsync(Of(s, $"datetime={Q(bad)}")), 400))["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Crs_sets_the_output_coordinates_with_the_crs_axis_order_and_content_crs()
    {
        var s = UniqueSource();
        await _recorder.SeedAsync(s, [new(4.3512345, 50.8456789)]);

        var crs84 = await _recorder.GetAsync(Of(s));
        Assert.Equal("<http://www.opengis.net/def/crs/OGC/1.3/CRS84>", crs84.Headers.GetValues("Content-Crs").Single());
        Assert.Equal(new[] { 4.3512345, 50.8456789 }, Coordinates((await _recorder.GetJsonAsync(Of(s)))["features"]![0]!));

        var latLon = await _recorder.GetAsync(Of(s, "crs=" + Q("http://www.opengis.net/def/crs/EPSG/0/4326")));
        Assert.Equal("<http://www.opengis.net/def/crs/EPSG/0/4326>", latLon.Headers.GetValues("Content-Crs").Single());
        Assert.Equal(new[] { 50.8456789, 4.3512345 }, Coordinates((await _recorder.GetJsonAsync(Of(s, "crs=EPSG:4326")))["features"]![0]!));

        foreach (var srid in new[] { 3812, 31370, 3857 })
        {
            var response = await _recorder.GetAsync(Of(s, $"crs={Q($"http://www.opengis.net/def/crs/EPSG/0/{srid}")}"));
            Assert.Equal($"<http://www.opengis.net/def/crs/EPSG/0/{srid}>", response.Headers.GetValues("Content-Crs").Single());
            var xy = Coordinates(System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["features"]![0]!);
            var expected = (await app.ScalarAsync<string>("SELECT concat_ws(',', ST_X(p), ST_Y(p)) FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(4.3512345, 50.8456789), 4326), @srid) p) t", ("srid", srid)))!
                .Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(expected[0], xy[0], 0.001);
            Assert.Equal(expected[1], xy[1], 0.001);
            Assert.True(xy[0] > 100_000, "easting first");
        }
        Assert.Contains("crs", (await ProblemAsync(await _recorder.GetAsync(Of(s, "crs=EPSG:27700")), 400))["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Polygons_are_reprojected_and_flipped_for_epsg_4326()
    {
        var crs84 = await _recorder.GetJsonAsync("/ogc/collections/areas/items?kind=region");
        var latLon = await _recorder.GetJsonAsync("/ogc/collections/areas/items?kind=region&crs=EPSG:4326");
        var lambert = await _recorder.GetJsonAsync("/ogc/collections/areas/items?kind=region&crs=EPSG:3812");
        double[] First(System.Text.Json.Nodes.JsonObject c) => c["features"]![0]!["geometry"]!["coordinates"]![0]![0]![0]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal("MultiPolygon", crs84["features"]![0]!["geometry"]!["type"]!.GetValue<string>());
        Assert.Equal(First(crs84).Reverse(), First(latLon));
        Assert.InRange(First(lambert)[0], 600_000, 700_000);
        Assert.InRange(First(lambert)[1], 630_000, 700_000);
    }

    [Fact]
    public async Task Unknown_or_repeated_parameters_are_refused_naming_the_parameter()
    {
        var s = UniqueSource();
        var problem = await ProblemAsync(await _recorder.GetAsync(Of(s, "colour=red")), 400);
        Assert.Contains("not a parameter", problem["errors"]!["colour"]![0]!.GetValue<string>());
        Assert.NotNull((await ProblemAsync(await _recorder.GetAsync(Of(s, "limit=5&limit=6")), 400))["errors"]!["limit"]);
        Assert.NotNull((await ProblemAsync(await _recorder.GetAsync(Of(s, "quantity=many")), 400))["errors"]!["quantity"]);
        await ProblemAsync(await _recorder.GetAsync("/ogc/collections/nothing/items"), 404);
        await ProblemAsync(await _recorder.GetAsync("/ogc/collections/observations/items/99999999"), 404);
        await ProblemAsync(await _recorder.GetAsync("/ogc/collections/observations/items/abc"), 404);
        Assert.NotNull((await ProblemAsync(await _recorder.GetAsync("/ogc/collections/observations/items/1?bbox=1,2,3,4"), 400))["errors"]!["bbox"]);
    }

    [Fact]
    public async Task One_feature_by_id_with_links_and_crs()
    {
        var s = UniqueSource();
        var id = (await _recorder.SeedAsync(s, [new(4.3512345, 50.8456789, "complaint", Quantity: 3)]))[0];
        var response = await _recorder.GetAsync($"/ogc/collections/observations/items/{id}?crs=EPSG:4326");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("<http://www.opengis.net/def/crs/EPSG/0/4326>", response.Headers.GetValues("Content-Crs").Single());
        var feature = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(id, feature["id"]!.GetValue<long>());
        Assert.Equal(new[] { 50.8456789, 4.3512345 }, Coordinates(feature));
        Assert.Equal("complaint", feature["properties"]!["category"]!.GetValue<string>());
        Assert.Equal(3, feature["properties"]!["quantity"]!.GetValue<int>());
        Assert.Contains(feature["links"]!.AsArray(), l => l!["rel"]!.GetValue<string>() == "collection");
    }
}
