using System.Text;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Imports.ImportApi;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Imports;

/// <summary>Exports as the real clients write them (issue 15, findings 2, 3 and 5), read without
/// options: the dry run says which columns it used, which it left and what it filled in.</summary>
public class ImportClientExportTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _http = app.ClientFor("recorder");

    private static List<(string Code, string? Column, string Message)> Warnings(JsonObject body) =>
        body["warnings"]!.AsArray().Select(w => (w!["code"]!.GetValue<string>(), w["column"]?.GetValue<string>(), w["message"]!.GetValue<string>())).ToList();

    // ODK Central's submissions.csv as its server writes it: SubmissionDate first, group names joined
    // with "-", a geopoint as <name>-Latitude/-Longitude/-Altitude/-Accuracy, then meta-instanceID and
    // the trailing KEY … FormVersion metadata (column list from getodk/central-backend's export tests;
    // start/end come first as an XLSForm puts them). SubmissionDate is two days after the observation.
    private static string OdkCentralCsv(string source) => $"""
        SubmissionDate,start,end,vondst-soort,vondst-aantal,vondst-opmerking,vondst-plek-Latitude,vondst-plek-Longitude,vondst-plek-Altitude,vondst-plek-Accuracy,bron,meta-instanceID,KEY,SubmitterID,SubmitterName,AttachmentsPresent,AttachmentsExpected,Status,ReviewState,DeviceID,Edits,FormVersion
        2025-06-03T08:12:45.123Z,2025-06-01T21:30:05.000+02:00,2025-06-01T21:32:40.000+02:00,syringe,3,achter de kiosk,50.8357,4.336,61.2,4.5,{source},uuid:0d7c3a52-1,uuid:0d7c3a52-1,5,patrol,0,0,,,collect:Xy12,0,2025061301
        2025-06-03T08:12:46.001Z,2025-06-01T22:05:00.000+02:00,2025-06-01T22:06:10.000+02:00,discarded_pipe,1,,50.8604,4.3618,58.0,3.9,{source},uuid:0d7c3a52-2,uuid:0d7c3a52-2,5,patrol,0,0,,,collect:Xy12,0,2025061301
        """;

    [Fact]
    public async Task Odk_central_csv_keeps_quantities_notes_and_the_form_time_and_the_dry_run_says_what_it_left()
    {
        var source = UniqueSource();
        var (status, dry) = await _http.ImportAsync(Csv(OdkCentralCsv(source)), "dryRun=true");
        Assert.True(200 == status, dry.ToJsonString());
        Assert.Equal(0, dry["errorCount"]!.GetValue<long>());
        var warnings = Warnings(dry);
        var time = Assert.Single(warnings, w => w.Code == "time-from-form");
        Assert.Equal("start", time.Column);
        Assert.Contains("not from 'SubmissionDate' or 'end'", time.Message); // in file order
        // Every column no field reads is named; the used ones are not.
        var unused = warnings.Where(w => w.Code == "column-unused").Select(w => w.Column).ToList();
        Assert.Equal(["SubmissionDate", "end", "vondst-plek-Altitude", "vondst-plek-Accuracy", "KEY", "SubmitterID", "SubmitterName",
            "AttachmentsPresent", "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion"], unused);
        Assert.DoesNotContain(warnings, w => w.Code is "quantity-default" or "ref-derived" or "note-none");

        (status, var body) = await _http.ImportAsync(Csv(OdkCentralCsv(source)), "");
        Assert.True(200 == status, body.ToJsonString());
        Assert.Equal(2, body["inserted"]!.GetValue<long>());
        // 21:30:05 Brussels summer time = 19:30:05Z (not SubmissionDate, 3 June 08:12Z).
        Assert.Equal("syringe|4.336000|50.835700|2025-06-01T19:30:05Z|3|achter de kiosk", await app.RowAsync(source, "uuid:0d7c3a52-1"));
        Assert.Equal("discarded_pipe|4.361800|50.860400|2025-06-01T20:05:00Z|1|", await app.RowAsync(source, "uuid:0d7c3a52-2"));
    }

    // A KoBoToolbox CSV export "labels" (the default for a person downloading it): question labels as
    // headers, choice labels as values, ";" between fields, the geopoint as its label plus
    // _<label>_latitude/_longitude/_altitude/_precision, and the metadata columns KoBo adds.
    // _submission_time is UTC and two days late; start is when the form was opened on the phone.
    internal const string KoboLabelsCsv = """
        start;end;Soort vondst;Aantal spuiten;Locatie;_Locatie_latitude;_Locatie_longitude;_Locatie_altitude;_Locatie_precision;_id;_uuid;_submission_time;_validation_status;_notes;_status;_submitted_by;__version__;_tags;_index
        2025-06-01T21:30:12.345+02:00;2025-06-01T21:34:00.000+02:00;Spuit;2;50.8357 4.336 0 5;50.8357;4.336;0;5;101;a1b2-0001;2025-06-03T08:12:45;;;submitted_via_web;;vHx1;;1
        2025-06-01T21:40:00.000+02:00;2025-06-01T21:41:30.000+02:00;Pipe à crack abandonnée;;50.8604 4.3618 0 5;50.8604;4.3618;0;5;102;a1b2-0002;2025-06-03T08:12:47;;;submitted_via_web;;vHx1;;2
        """;

    [Fact]
    public async Task Kobo_labels_export_takes_the_start_time_not_the_sync_time_and_says_so_in_the_dry_run()
    {
        var source = UniqueSource();
        var (status, dry) = await _http.ImportAsync(Csv(KoboLabelsCsv), $"dryRun=true&source={source}");
        Assert.True(200 == status, dry.ToJsonString());
        Assert.Equal(0, dry["errorCount"]!.GetValue<long>());
        var warnings = Warnings(dry);
        Assert.Contains(warnings, w => w.Code == "time-from-form" && w.Column == "start" && w.Message.Contains("not from 'end' or '_submission_time'"));
        Assert.Contains(warnings, w => w.Code == "column-by-label" && w.Column == "Soort vondst");
        Assert.Contains(warnings, w => w.Code == "column-by-label" && w.Column == "Aantal spuiten");
        // One row leaves the quantity empty: said, with the count; the source comes from ?source=.
        Assert.Contains(warnings, w => w.Code == "quantity-default" && w.Message == "quantity empty in 1 of 2 rows: 1 used");
        Assert.Contains(warnings, w => w.Code == "source-default" && w.Message.Contains($"'{source}'"));
        Assert.Contains(warnings, w => w.Code == "column-unused" && w.Column == "_submission_time");
        Assert.Contains(warnings, w => w.Code == "column-unused" && w.Column == "Locatie");

        (status, var body) = await _http.ImportAsync(Csv(KoboLabelsCsv), $"source={source}");
        Assert.True(200 == status, body.ToJsonString());
        // 21:30:12.345+02:00 = 19:30:12Z on 1 June (the sync time said 3 June, 08:12).
        Assert.Equal("syringe|4.336000|50.835700|2025-06-01T19:30:12Z|2|", await app.RowAsync(source, "a1b2-0001"));
        Assert.Equal("discarded_pipe|4.361800|50.860400|2025-06-01T19:40:00Z|1|", await app.RowAsync(source, "a1b2-0002"));
    }

    [Fact]
    public async Task Only_the_sync_time_is_used_with_a_warning_that_says_it_is_not_the_observation_time()
    {
        var source = UniqueSource();
        var (status, dry) = await _http.ImportAsync(Csv("""
            category;_geolocation;_uuid;_submission_time
            syringe;50.8357 4.336;s1;2025-06-03T08:12:45
            """), $"dryRun=true&source={source}");
        Assert.True(200 == status, dry.ToJsonString());
        var time = Assert.Single(Warnings(dry), w => w.Code == "time-from-sync");
        Assert.Equal("_submission_time", time.Column);
        Assert.Contains("map the form's time question to time", time.Message);
    }

    // A point layer saved by QGIS as GeoJSON in Belgian Lambert 72: the 2008-style "crs" member before
    // the features, coordinates in metres. Expected WGS84 values from gdaltransform (GDAL 3.6.2,
    // PROJ 9.1): 148500 170600 -> 4.34745362361699 50.8458031869034 and, for EPSG:3812,
    // 648500 670600 -> 4.34745891426247 50.8458011380662 (docs/checks/lambert72.sh), rounded to 6 places.
    private static string QgisGeoJson(string source, string? crs, double x, double y) => $$"""
        {
        "type": "FeatureCollection",
        "name": "vondsten",
        {{(crs is null ? "" : $$"""  "crs": { "type": "name", "properties": { "name": "{{crs}}" } },""")}}
        "features": [
        { "type": "Feature", "properties": { "fid": 1, "category": "syringe", "observed_at": "2025-06-01T21:30:00+02:00", "source": "{{source}}", "ref": "q1" }, "geometry": { "type": "Point", "coordinates": [ {{x}}, {{y}} ] } }
        ]
        }
        """;

    [Fact]
    public async Task GeoJson_with_a_lambert_72_crs_member_is_transformed_to_wgs84()
    {
        var source = UniqueSource();
        var (status, body) = await _http.ImportAsync(Body(Encoding.UTF8.GetBytes(QgisGeoJson(source, "urn:ogc:def:crs:EPSG::31370", 148500.0, 170600.0)), "application/geo+json"), "");
        Assert.True(200 == status, body.ToJsonString());
        Assert.Equal(1, body["inserted"]!.GetValue<long>());
        Assert.Equal("syringe|4.347454|50.845803|2025-06-01T19:30:00Z|1|", await app.RowAsync(source, "q1"));
        Assert.Contains(Warnings(body), w => w.Code == "crs" && w.Message.Contains("EPSG:31370"));
        Assert.Contains(Warnings(body), w => w.Code == "column-unused" && w.Column == "fid");
    }

    [Fact]
    public async Task GeoJson_in_lambert_2008_with_the_crs_parameter_is_transformed_to_wgs84()
    {
        var source = UniqueSource();
        var (status, body) = await _http.ImportAsync(Body(Encoding.UTF8.GetBytes(QgisGeoJson(source, null, 648500.0, 670600.0)), "application/geo+json"), "crs=EPSG:3812");
        Assert.True(200 == status, body.ToJsonString());
        Assert.Equal("syringe|4.347459|50.845801|2025-06-01T19:30:00Z|1|", await app.RowAsync(source, "q1"));
    }

    [Fact]
    public async Task GeoJson_in_lambert_72_without_a_crs_is_refused_with_an_error_naming_the_crs_to_add()
    {
        var source = UniqueSource();
        var (status, body) = await _http.ImportAsync(Body(Encoding.UTF8.GetBytes(QgisGeoJson(source, null, 148500.0, 170600.0)), "application/geo+json"), "");
        Assert.Equal(422, status);
        var error = Assert.Single(Errors(body));
        Assert.Equal("geometry", error.Column);
        Assert.Equal("coordinates look like EPSG:31370 (Belgian Lambert 72) metres but the file names no CRS: add crs=EPSG:31370", error.Reason);
        Assert.Equal(0, await app.CountAsync(source));
    }

    [Fact]
    public async Task An_unsupported_crs_is_refused_by_name()
    {
        var source = UniqueSource();
        var (status, body) = await _http.ImportAsync(Body(Encoding.UTF8.GetBytes(QgisGeoJson(source, "urn:ogc:def:crs:EPSG::32631", 596000.0, 5633000.0)), "application/geo+json"), "");
        Assert.Equal(400, status);
        Assert.Contains("urn:ogc:def:crs:EPSG::32631", Assert.Single(Errors(body)).Reason);
        (status, _) = await _http.ImportAsync(Body(Encoding.UTF8.GetBytes(QgisGeoJson(source, null, 4.3, 50.8)), "application/geo+json"), "crs=EPSG:32631");
        Assert.Equal(400, status);
    }
}
