using System.Net.Http.Headers;
using System.Text;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Imports.ImportApi;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Imports;

/// <summary>The file shapes POST /api/imports reads, each checked against the stored rows.</summary>
public class ImportFormatTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _http = app.ClientFor("recorder");

    [Fact]
    public async Task Csv_with_lat_lon_columns_stores_every_row_with_its_values()
    {
        var source = UniqueSource();
        var (status, body) = await _http.ImportAsync(Csv($"""
            category,latitude,longitude,observed_at,quantity,external_ref,note,source
            syringe,50.8357,4.3360,2025-06-01T12:00:00+02:00,3,r1,bij de ingang,{source}
            discarded_pipe,50.8604,4.3618,2025-06-02T08:15:00Z,,r2,,{source}
            """), "");
        Assert.True(200 == status, body.ToJsonString());
        Assert.Equal("committed", body["state"]!.GetValue<string>());
        Assert.Equal(2, body["inserted"]!.GetValue<long>());
        Assert.Equal("syringe|4.336000|50.835700|2025-06-01T10:00:00Z|3|bij de ingang", await app.RowAsync(source, "r1"));
        Assert.Equal("discarded_pipe|4.361800|50.860400|2025-06-02T08:15:00Z|1|", await app.RowAsync(source, "r2"));
        Assert.Equal(SceneMonitorApp.TestOrganisation, await app.ScalarAsync<string>("SELECT DISTINCT organisation FROM observations WHERE source = @s", ("s", source)));
        Assert.Equal("test-recorder", await app.ScalarAsync<string>("SELECT DISTINCT recorded_by FROM observations WHERE source = @s", ("s", source)));
    }

    [Fact]
    public async Task Csv_with_a_wkt_column_and_the_source_as_parameter()
    {
        var source = UniqueSource();
        var (status, body) = await _http.ImportAsync(Csv("""
            type,geom,time,ref
            syringe,POINT(4.3440 50.8333),2025-06-01T10:00:00Z,w1
            complaint,SRID=4326;POINT (4.3296 50.8415),2025-06-01T11:00:00Z,w2
            """), $"source={source}");
        Assert.True(200 == status, body.ToJsonString());
        Assert.Equal("syringe|4.344000|50.833300|2025-06-01T10:00:00Z|1|", await app.RowAsync(source, "w1"));
        Assert.Equal("complaint|4.329600|50.841500|2025-06-01T11:00:00Z|1|", await app.RowAsync(source, "w2"));
    }

    [Fact]
    public async Task Belgian_spreadsheet_semicolons_decimal_commas_labels_in_three_languages_and_brussels_local_times()
    {
        var source = UniqueSource();
        var (status, body) = await _http.ImportAsync(Csv("""
            Categorie;Breedte;Lengte;Tijdstip;Aantal;Referentie
            Spuit;50,8357;4,3360;01/06/2025 12:30;2;n1
            Seringue;50,8447;4,3438;15/01/2025 09:30;1;n2
            Ammonia bottle;50,8413;4,3429;2025-01-15T09:30:00;1;n3
            dealing_point;50,8413;4,3429;2025-01-15T09:30:00+01:00;1;n4
            """), $"source={source}&lat=Breedte&lon=Lengte");
        Assert.True(200 == status, body.ToJsonString());
        Assert.Equal(4, body["inserted"]!.GetValue<long>());
        // dd/MM/yyyy HH:mm and ISO without offset are Brussels time: +02:00 in June, +01:00 in January.
        Assert.Equal("syringe|4.336000|50.835700|2025-06-01T10:30:00Z|2|", await app.RowAsync(source, "n1"));
        Assert.Equal("syringe|4.343800|50.844700|2025-01-15T08:30:00Z|1|", await app.RowAsync(source, "n2"));
        Assert.Equal("ammonia_bottle|4.342900|50.841300|2025-01-15T08:30:00Z|1|", await app.RowAsync(source, "n3"));
        Assert.Equal("dealing_point|4.342900|50.841300|2025-01-15T08:30:00Z|1|", await app.RowAsync(source, "n4"));
    }

    [Fact]
    public async Task KoboToolbox_csv_export_uses_geopoint_columns_the_form_start_time_and_uuid_as_reference()
    {
        var source = UniqueSource();
        var (status, body) = await _http.ImportAsync(Csv("""
            start;end;group_obs/category;where;_where_latitude;_where_longitude;_where_altitude;_where_precision;_id;_uuid;_submission_time;_status
            2025-06-01T11:50:00.000+02:00;2025-06-01T11:55:00.000+02:00;syringe;50.8357 4.336 0 5;50.8357;4.336;0;5;1;5e7f0c1a-0001;2025-06-01T10:00:00;submitted_via_web
            2025-06-01T11:50:00.000+02:00;2025-06-01T11:55:00.000+02:00;Klacht van buurtbewoners;50.8604 4.3618 0 5;50.8604;4.3618;0;5;2;5e7f0c1a-0002;2025-06-01T10:05:00;submitted_via_web
            """), $"source={source}");
        Assert.True(200 == status, body.ToJsonString());
        // The form's start (11:50 Brussels summer time = 09:50Z), not the sync time _submission_time.
        Assert.Equal("syringe|4.336000|50.835700|2025-06-01T09:50:00Z|1|", await app.RowAsync(source, "5e7f0c1a-0001"));
        Assert.Equal("complaint|4.361800|50.860400|2025-06-01T09:50:00Z|1|", await app.RowAsync(source, "5e7f0c1a-0002"));
    }

    [Fact]
    public async Task KoboToolbox_json_export_with_geolocation_arrays_and_questions_left_out()
    {
        var source = UniqueSource();
        var json = """
            {"count": 2, "next": null, "previous": null, "results": [
              {"_id": 1, "category": "syringe", "_geolocation": [50.8357, 4.336], "_submission_time": "2025-06-01T10:00:00", "_uuid": "k1", "_tags": []},
              {"_id": 2, "category": "gathering", "aantal": 4, "opmerking": "achter de kiosk", "_geolocation": [50.8447, 4.3438], "_submission_time": "2025-06-01T10:05:00", "_uuid": "k2"}
            ]}
            """;
        var (status, body) = await _http.ImportAsync(Body(Encoding.UTF8.GetBytes(json), "application/json"), $"source={source}");
        Assert.True(200 == status, body.ToJsonString());
        Assert.Equal("json", body["format"]!.GetValue<string>());
        Assert.Equal("syringe|4.336000|50.835700|2025-06-01T10:00:00Z|1|", await app.RowAsync(source, "k1"));
        Assert.Equal("gathering|4.343800|50.844700|2025-06-01T10:05:00Z|4|achter de kiosk", await app.RowAsync(source, "k2"));
    }

    [Fact]
    public async Task GeoJson_feature_collection_of_points_sent_as_a_form_file()
    {
        var source = UniqueSource();
        var geojson = $$$"""
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [4.3360, 50.8357]},
               "properties": {"category": "syringe", "observedAt": "2025-06-01T12:00:00+02:00", "quantity": 2, "source": "{{{source}}}", "externalRef": "g1"}},
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [4.3618, 50.8604]},
               "properties": {"category": "Pipe à crack abandonnée", "observed_at": "2025-06-02T08:00:00Z", "source": "{{{source}}}", "external_ref": "g2"}}
            ]}
            """;
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(geojson));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/geo+json");
        form.Add(file, "file", "rounds.geojson");
        var (status, body) = await _http.ImportAsync(form, "");
        Assert.True(200 == status, body.ToJsonString());
        Assert.Equal("geojson", body["format"]!.GetValue<string>());
        Assert.Equal("syringe|4.336000|50.835700|2025-06-01T10:00:00Z|2|", await app.RowAsync(source, "g1"));
        Assert.Equal("discarded_pipe|4.361800|50.860400|2025-06-02T08:00:00Z|1|", await app.RowAsync(source, "g2"));
    }

    [Fact]
    public async Task GeoJson_with_a_polygon_is_rejected_naming_the_feature()
    {
        var source = UniqueSource();
        var geojson = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [4.3360, 50.8357]}, "properties": {"category": "syringe", "time": "2025-06-01T10:00:00Z"}},
              {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[4.33, 50.83], [4.34, 50.83], [4.34, 50.84], [4.33, 50.83]]]}, "properties": {"category": "syringe", "time": "2025-06-01T10:00:00Z"}}
            ]}
            """;
        var (status, body) = await _http.ImportAsync(Body(Encoding.UTF8.GetBytes(geojson), "application/geo+json"), $"source={source}");
        Assert.True(422 == status, body.ToJsonString());
        Assert.Equal([(2L, "geometry", "must be a Point (observations are points)")], Errors(body));
        Assert.Equal(0, await app.CountAsync(source));
    }
}
