using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;

namespace SceneMonitor.Tests.Integration.Open311;

/// <summary>Open311 GeoReport v2 over real HTTP and PostGIS: form posts with the spec's api_key, personal
/// fields never stored, errors as [{code, description}], reads shaped per role.</summary>
public class Open311Tests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private const string Requests = "/open311/v2/requests.json";

    private async Task<string> KeyAsync(string role, string organisation = "city-complaints")
    {
        var created = await app.ClientFor("admin").PostAsJsonAsync("/api/admin/api-keys", new { name = $"open311 {role} {Guid.NewGuid():N}", role, organisation });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static async Task<JsonArray> ArrayAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsArray();
    }

    private static (string, string)[] Complaint(string key, string at = "2025-06-01T21:30:00+02:00", string service = "complaint") =>
        [("api_key", key), ("service_code", service), ("lat", "50.8357"), ("long", "4.3360"), ("requested_datetime", at)];

    [Fact]
    public async Task Services_list_the_complaint_categories_in_the_asked_language_and_leave_out_reports_about_people()
    {
        var client = app.ClientFor("anonymous");
        var services = await ArrayAsync(await client.GetAsync("/open311/v2/services.json"), HttpStatusCode.OK);
        var codes = services.Select(s => s!["service_code"]!.GetValue<string>()).ToList();
        Assert.Contains("complaint", codes);
        Assert.Contains("syringe", codes);
        Assert.DoesNotContain("dealing_point", codes);
        Assert.DoesNotContain("gathering", codes);
        var complaint = services.Single(s => s!["service_code"]!.GetValue<string>() == "complaint")!;
        Assert.Equal("Residents' complaint", complaint["service_name"]!.GetValue<string>());
        Assert.True(complaint["metadata"]!.GetValue<bool>()); // its definition declares fixmystreet_id (FixMyStreetClientTests)
        Assert.Equal("realtime", complaint["type"]!.GetValue<string>());

        var french = await ArrayAsync(await client.GetAsync("/open311/v2/services.json?locale=fr"), HttpStatusCode.OK);
        Assert.Contains(french, s => s!["service_name"]!.GetValue<string>() == "Plainte de riverains");
    }

    [Fact]
    public async Task A_posted_request_is_a_complaint_observation_and_personal_fields_are_never_stored()
    {
        var key = await KeyAsync("recorder");
        var client = app.ClientFor("anonymous");
        var fields = Complaint(key).Concat([
            ("email", "jan.peeters@example.be"), ("first_name", "Jan"), ("last_name", "Peeters"), ("phone", "+32 470 12 34 56"),
            ("device_id", "device-abc-123"), ("description", "Two men in red jackets dealing at the door of Jan Peeters")]).ToArray();
        var created = await ArrayAsync(await client.PostAsync(Requests, Form(fields)), HttpStatusCode.Created);
        var id = long.Parse(created[0]!["service_request_id"]!.GetValue<string>());
        Assert.Contains("not stored", created[0]!["service_notice"]!.GetValue<string>());

        Assert.Equal("complaint", await app.ScalarAsync<string>("SELECT c.code FROM observations o JOIN categories c ON c.id = o.category_id WHERE o.id = @id", ("id", id)));
        Assert.Equal("open311", await app.ScalarAsync<string>("SELECT source FROM observations WHERE id = @id", ("id", id)));
        Assert.Equal("city-complaints", await app.ScalarAsync<string>("SELECT organisation FROM observations WHERE id = @id", ("id", id)));
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 19, 30, 0, TimeSpan.Zero), await app.ScalarAsync<DateTime>("SELECT observed_at FROM observations WHERE id = @id", ("id", id)) is var t ? new DateTimeOffset(t, TimeSpan.Zero) : default);
        // Nothing the sender said about people reached any column of the row. The phone number is
        // looked for whole and as bare digits: a short fragment such as "470" also turns up in the
        // row's random idempotency hash, which made this test fail now and then.
        var row = await app.ScalarAsync<string>("SELECT row_to_json(o)::text FROM observations o WHERE id = @id", ("id", id));
        foreach (var personal in new[] { "Peeters", "example.be", "470 12 34 56", "470123456", "device-abc", "red jackets" })
            Assert.DoesNotContain(personal, row);

        // The same request sent again (a retrying complaint system) gives the same id, not a duplicate.
        var again = await ArrayAsync(await client.PostAsync(Requests, Form(Complaint(key))), HttpStatusCode.OK);
        Assert.Equal(id.ToString(), again[0]!["service_request_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Requests_are_read_back_with_status_and_filters_and_a_retracted_one_is_closed()
    {
        var key = await KeyAsync("recorder");
        var client = app.ClientFor("anonymous");
        var open = await ArrayAsync(await client.PostAsync(Requests, Form(Complaint(key, "2025-07-01T10:00:00+02:00"))), HttpStatusCode.Created);
        var syringe = await ArrayAsync(await client.PostAsync(Requests, Form(Complaint(key, "2025-07-02T10:00:00+02:00", "syringe"))), HttpStatusCode.Created);
        var openId = open[0]!["service_request_id"]!.GetValue<string>();
        var syringeId = syringe[0]!["service_request_id"]!.GetValue<string>();
        var recorder = app.ClientFor("recorder", "city-complaints");
        var retract = await recorder.PostAsJsonAsync($"/api/observations/{syringeId}/retract", new { reason = "duplicate of an outreach record" });
        Assert.Equal(HttpStatusCode.NoContent, retract.StatusCode);

        var window = "start_date=2025-06-30T00:00:00Z&end_date=2025-07-03T00:00:00Z";
        var all = await ArrayAsync(await client.GetAsync($"{Requests}?api_key={key}&{window}"), HttpStatusCode.OK);
        Assert.Equal(new[] { syringeId, openId }, all.Select(r => r!["service_request_id"]!.GetValue<string>()).ToArray());
        var first = all.Single(r => r!["service_request_id"]!.GetValue<string>() == openId)!;
        Assert.Equal("open", first["status"]!.GetValue<string>());
        Assert.Equal("complaint", first["service_code"]!.GetValue<string>());
        Assert.Equal("2025-07-01T10:00:00+02:00", first["requested_datetime"]!.GetValue<string>());
        Assert.Equal(50.8357, first["lat"]!.GetValue<double>(), 6);
        Assert.Equal(4.3360, first["long"]!.GetValue<double>(), 6);
        var closed = all.Single(r => r!["service_request_id"]!.GetValue<string>() == syringeId)!;
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        Assert.Equal("duplicate of an outreach record", closed["status_notes"]!.GetValue<string>());

        var onlyOpen = await ArrayAsync(await client.GetAsync($"{Requests}?api_key={key}&{window}&status=open"), HttpStatusCode.OK);
        Assert.Equal(openId, Assert.Single(onlyOpen)!["service_request_id"]!.GetValue<string>());
        var onlySyringe = await ArrayAsync(await client.GetAsync($"{Requests}?api_key={key}&{window}&service_code=syringe"), HttpStatusCode.OK);
        Assert.Equal(syringeId, Assert.Single(onlySyringe)!["service_request_id"]!.GetValue<string>());
        var byId = await ArrayAsync(await client.GetAsync($"/open311/v2/requests/{openId}.json?api_key={key}"), HttpStatusCode.OK);
        Assert.Equal(openId, Assert.Single(byId)!["service_request_id"]!.GetValue<string>());

        // Analysts read the coarse view: the 50 m grid and the whole hour, like every other read, under
        // opaque ids (Security/Attacks/Open311OrderingAttackTests).
        var analyst = await ArrayAsync(await app.ClientFor("analyst").GetAsync($"{Requests}?{window}&service_code=complaint"), HttpStatusCode.OK);
        var coarse = Assert.Single(analyst)!;
        Assert.NotEqual(openId, coarse["service_request_id"]!.GetValue<string>());
        Assert.NotEqual(50.8357, coarse["lat"]!.GetValue<double>(), 6);
        Assert.Null(coarse["description"]);
    }

    [Fact]
    public async Task Errors_come_in_the_spec_shape_and_store_nothing()
    {
        var key = await KeyAsync("recorder");
        var planner = await KeyAsync("planner", "city-planning");
        var client = app.ClientFor("anonymous");
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM observations");

        async Task Refused(HttpResponseMessage response, HttpStatusCode status, string expected)
        {
            var errors = await ArrayAsync(response, status);
            Assert.Equal((int)status, errors[0]!["code"]!.GetValue<int>());
            Assert.Contains(expected, string.Join(" | ", errors.Select(e => e!["description"]!.GetValue<string>())));
        }

        await Refused(await client.PostAsync(Requests, Form(("service_code", "complaint"), ("lat", "50.8357"), ("long", "4.336"))), HttpStatusCode.Unauthorized, "api_key");
        await Refused(await client.PostAsync(Requests, Form(Complaint("smk_not_a_real_key_at_all_000000"))), HttpStatusCode.Unauthorized, "api_key");
        await Refused(await client.PostAsync(Requests, Form(Complaint(planner))), HttpStatusCode.Forbidden, "planner");
        await Refused(await client.PostAsync(Requests, Form(("api_key", key), ("service_code", "dealing_point"), ("lat", "50.8357"), ("long", "4.336"))), HttpStatusCode.BadRequest, "service_code: 'dealing_point' is not a service");
        await Refused(await client.PostAsync(Requests, Form(("api_key", key), ("service_code", "complaint"), ("address_string", "Zuidstation"))), HttpStatusCode.BadRequest, "addresses are not geocoded");
        await Refused(await client.PostAsync(Requests, Form(("api_key", key), ("service_code", "complaint"), ("lat", "50,8357"), ("long", "4.336"))), HttpStatusCode.BadRequest, "lat: '50,8357' is not a decimal number");
        await Refused(await client.PostAsync(Requests, Form(("api_key", key), ("service_code", "complaint"), ("lat", "51.2194"), ("long", "4.4025"))), HttpStatusCode.BadRequest, "outside the service region");
        await Refused(await client.PostAsync(Requests, Form(Complaint(key, "2099-01-01T00:00:00Z"))), HttpStatusCode.BadRequest, "requested_datetime: is in the future");
        await Refused(await client.PostAsync(Requests, Form(Complaint(key, "yesterday"))), HttpStatusCode.BadRequest, "requested_datetime: must be ISO 8601");
        using (var json = new HttpRequestMessage(HttpMethod.Post, Requests) { Content = JsonContent.Create(new { service_code = "complaint" }) })
        {
            json.Headers.Add("X-Api-Key", key);
            await Refused(await client.SendAsync(json), HttpStatusCode.BadRequest, "x-www-form-urlencoded");
        }
        await Refused(await client.GetAsync($"{Requests}?api_key={key}&status=pending"), HttpStatusCode.BadRequest, "status: 'pending' must be open or closed");
        await Refused(await client.GetAsync($"{Requests}?api_key={key}&start_date=soon"), HttpStatusCode.BadRequest, "start_date");
        await Refused(await client.GetAsync($"{Requests}?api_key={planner}"), HttpStatusCode.Forbidden, "planner");
        await Refused(await client.GetAsync($"/open311/v2/requests/999999999.json?api_key={key}"), HttpStatusCode.NotFound, "not found");

        Assert.Equal(before, await app.ScalarAsync<long>("SELECT count(*) FROM observations"));
    }
}

/// <summary>The app serving one Open311 jurisdiction.</summary>
public sealed class BrusselsOpen311App : SceneMonitorApp
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("Open311:Jurisdiction", "brussels")];
}

public class Open311JurisdictionTests(BrusselsOpen311App app) : IClassFixture<BrusselsOpen311App>
{
    [Fact]
    public async Task A_form_naming_another_jurisdiction_is_refused_and_a_local_time_without_offset_is_read_as_Brussels_time()
    {
        // Signed in with a bearer token, so the form is read by the endpoint itself (not by the api_key check).
        var recorder = app.ClientFor("recorder");
        FormUrlEncodedContent Form(string jurisdiction) => new([
            new("jurisdiction_id", jurisdiction), new("service_code", "complaint"), new("lat", "50.8357"), new("long", "4.3360"),
            new("requested_datetime", "2025-07-01T22:15:00")]);

        var wrong = await recorder.PostAsync("/open311/v2/requests.json", Form("ghent"));
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Contains("jurisdiction_id 'ghent'", await wrong.Content.ReadAsStringAsync());

        var right = await recorder.PostAsync("/open311/v2/requests.json", Form("brussels"));
        var body = JsonNode.Parse(await right.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal(HttpStatusCode.Created, right.StatusCode);
        var id = long.Parse(body[0]!["service_request_id"]!.GetValue<string>());
        var stored = await app.ScalarAsync<DateTime>("SELECT observed_at FROM observations WHERE id = @id", ("id", id));
        Assert.Equal(new DateTime(2025, 7, 1, 20, 15, 0), stored); // 22:15 summer time in Brussels is 20:15 UTC
    }
}
