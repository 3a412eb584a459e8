using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using SceneMonitor.Tests.Support;

namespace SceneMonitor.Tests.Integration.Open311;

/// <summary>SceneMonitor as FixMyStreet's Open311 client (mysociety/fixmystreet perllib/Open311.pm,
/// commit 84d7c80c of 2026-08-21) meets it: the same paths (services.xml, services/{code}.xml,
/// requests.xml, servicerequestupdates.xml), the same form (<see cref="PerlForm"/>) and the XML read
/// the way its XML::Simple settings read it (<see cref="Records"/>).</summary>
public class FixMyStreetClientTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private const string Endpoint = "/open311/v2/";

    private async Task<string> KeyAsync(string role = "recorder", string organisation = "fixmystreet-brussels")
    {
        var created = await app.ClientFor("admin").PostAsJsonAsync("/api/admin/api-keys", new { name = $"fms {role} {Guid.NewGuid():N}", role, organisation });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
    }

    /// <summary>The body HTTP::Request::Common's POST builds from Open311.pm's params hash: URI->query_form
    /// escapes ; / ? : @ &amp; = + , $ [ ] % in keys and values and turns spaces into +, then URI->query
    /// escapes every byte outside URI's uric set (non-ASCII after Open311.pm's encode('UTF-8'), newlines).
    /// Content-Type application/x-www-form-urlencoded. Perl's hash order is random; here it is as given.</summary>
    internal static ByteArrayContent PerlForm(params (string Key, string Value)[] fields)
    {
        static string Escape(string text)
        {
            var sb = new StringBuilder();
            foreach (var b in Encoding.UTF8.GetBytes(text))
            {
                var c = (char)b;
                if (c == ' ') sb.Append('+');
                else if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') || "-_.!~*'()".Contains(c)) sb.Append(c);
                else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }
        var body = string.Join('&', fields.Select(f => $"{Escape(f.Key)}={Escape(f.Value)}"));
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        return content;
    }

    /// <summary>Open311.pm's _populate_service_request_params for a report placed on the map, with the
    /// extended description (title, detail, report URL) and the id attribute our service definition declares.</summary>
    private static (string, string)[] Report(string key, long fmsId, string service = "syringe", string title = "Spuiten bij de ingang") =>
    [
        ("description", $"{title}\n\nTwee spuiten naast de bank, bij de ingang van het park. Jan Peeters (buurman) zag ze.\n\nhttps://fixmystreet.example.be/report/{fmsId}\n"),
        ("service_code", service), ("first_name", "Jan"), ("last_name", "Peeters"), ("email", "jan.peeters@example.be"),
        ("lat", "50.835712"), ("long", "4.336021"), ($"attribute[fixmystreet_id]", fmsId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("api_key", key),
    ];

    /// <summary>XML::Simple with Open311.pm's settings (ForceArray on service, attribute, value, request, error,
    /// request_update, group; KeyAttr {}; SuppressEmpty undef) gives the root's repeated children as a list of
    /// hashes of their children's text, empty elements as undef: this is that reading.</summary>
    private static List<Dictionary<string, string?>> Records(XDocument xml, string root, string item)
    {
        Assert.Equal(root, xml.Root!.Name.LocalName);
        return xml.Root.Elements(item).Select(e => e.Elements().ToDictionary(c => c.Name.LocalName, c => c.HasElements || c.Value.Length > 0 ? c.Value : null)).ToList();
    }

    private static async Task<XDocument> XmlAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(text);
    }

    [Fact]
    public async Task FixMyStreet_reads_the_services_and_their_definition_as_XML_without_a_key()
    {
        var client = app.ClientFor("anonymous");
        // Open311::PopulateServiceList: get_service_list → services.xml, then services/{code}.xml when metadata is true.
        var services = Records(await XmlAsync(await client.GetAsync(Endpoint + "services.xml"), HttpStatusCode.OK), "services", "service");
        var syringe = services.Single(s => s["service_code"] == "syringe");
        Assert.Equal("true", syringe["metadata"]);
        Assert.Equal("realtime", syringe["type"]);
        Assert.False(string.IsNullOrEmpty(syringe["service_name"]));
        Assert.DoesNotContain(services, s => s["service_code"] == "dealing_point");

        var definition = await XmlAsync(await client.GetAsync(Endpoint + "services/syringe.xml"), HttpStatusCode.OK);
        Assert.Equal("service_definition", definition.Root!.Name.LocalName);
        Assert.Equal("syringe", definition.Root.Element("service_code")!.Value);
        var attribute = Assert.Single(definition.Root.Element("attributes")!.Elements("attribute"));
        Assert.Equal("fixmystreet_id", attribute.Element("code")!.Value);  // Contact::id_field's default
        Assert.Equal("server_set", attribute.Element("automated")!.Value); // not asked of the resident
        Assert.Equal("true", attribute.Element("variable")!.Value);         // kept by get_metadata_for_storage

        // No extension is XML too (the spec's default); .json is the same records.
        Assert.Equal("text/xml", (await client.GetAsync(Endpoint + "services")).Content.Headers.ContentType?.MediaType);
        var json = JsonNode.Parse(await client.GetStringAsync(Endpoint + "services.json"))!.AsArray();
        Assert.Equal(services.Select(s => s["service_code"]), json.Select(s => s!["service_code"]!.GetValue<string>()));
        var unknown = await XmlAsync(await client.GetAsync(Endpoint + "services.csv"), HttpStatusCode.BadRequest);
        Assert.Contains(".xml", Records(unknown, "errors", "error")[0]["description"]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Endpoint + "services/dealing_point.xml")).StatusCode);
    }

    [Fact]
    public async Task FixMyStreet_posts_its_form_gets_the_id_where_it_looks_and_a_resend_is_not_a_duplicate()
    {
        var key = await KeyAsync();
        var client = app.ClientFor("anonymous");
        var fmsId = Random.Shared.NextInt64(100_000, 999_999_999);
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM observations");

        // send_service_request: $obj->{request}->[0]->{service_request_id}, used only when it is not a reference.
        var reply = Records(await XmlAsync(await client.PostAsync(Endpoint + "requests.xml", PerlForm(Report(key, fmsId))), HttpStatusCode.Created), "service_requests", "request");
        var id = Assert.Single(reply)["service_request_id"];
        Assert.Matches("^[0-9]+$", id);
        Assert.Contains("not stored", reply[0]["service_notice"]);

        var row = await app.ScalarAsync<string>("SELECT row_to_json(o)::text FROM observations o WHERE id = @id", ("id", long.Parse(id!)));
        Assert.Contains("\"source\":\"open311\"", row);
        foreach (var personal in new[] { "Peeters", "jan.peeters", "example.be", "Twee spuiten", "fixmystreet.example" })
            Assert.DoesNotContain(personal, row);

        // A resend after a timeout (the same report, the same form; FixMyStreet sends no requested_datetime).
        var again = Records(await XmlAsync(await client.PostAsync(Endpoint + "requests.xml", PerlForm(Report(key, fmsId))), HttpStatusCode.OK), "service_requests", "request");
        Assert.Equal(id, Assert.Single(again)["service_request_id"]);
        // Another report at the same pin is another request.
        var other = Records(await XmlAsync(await client.PostAsync(Endpoint + "requests.xml", PerlForm(Report(key, fmsId + 1))), HttpStatusCode.Created), "service_requests", "request");
        Assert.NotEqual(id, other[0]["service_request_id"]);
        Assert.Equal(before + 2, await app.ScalarAsync<long>("SELECT count(*) FROM observations"));

        // Its error reading (_process_error): errors/error with code and description.
        var refused = Records(await XmlAsync(await client.PostAsync(Endpoint + "requests.xml", PerlForm(Report("smk_not_a_real_key_at_all_000000", fmsId))), HttpStatusCode.Unauthorized), "errors", "error");
        Assert.Equal("401", refused[0]["code"]);
        Assert.Contains("api_key", refused[0]["description"]);
    }

    [Fact]
    public async Task Without_a_report_id_or_time_the_same_content_within_the_window_is_one_request()
    {
        var key = await KeyAsync();
        var client = app.ClientFor("anonymous");
        (string, string)[] Form(string description) =>
            [("api_key", key), ("service_code", "discarded_pipe"), ("lat", "50.8402"), ("long", "4.3511"), ("description", description)];
        var first = JsonNode.Parse(await (await client.PostAsync(Endpoint + "requests.json", PerlForm(Form("pipe by the bench")))).Content.ReadAsStringAsync())![0]!["service_request_id"]!.GetValue<string>();
        var resend = await client.PostAsync(Endpoint + "requests.json", PerlForm(Form("pipe by the bench")));
        Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
        Assert.Equal(first, JsonNode.Parse(await resend.Content.ReadAsStringAsync())![0]!["service_request_id"]!.GetValue<string>());
        var different = await client.PostAsync(Endpoint + "requests.json", PerlForm(Form("two pipes at the tram stop")));
        Assert.Equal(HttpStatusCode.Created, different.StatusCode);
    }

    [Fact]
    public async Task FixMyStreet_polls_servicerequestupdates_and_sees_a_retraction_as_closed()
    {
        var key = await KeyAsync();
        var client = app.ClientFor("anonymous");
        var fmsId = Random.Shared.NextInt64(100_000, 999_999_999);
        var id = Records(await XmlAsync(await client.PostAsync(Endpoint + "requests.xml", PerlForm(Report(key, fmsId, "human_waste"))), HttpStatusCode.Created), "service_requests", "request")[0]["service_request_id"]!;
        var retract = await app.ClientFor("recorder", "fixmystreet-brussels").PostAsJsonAsync($"/api/observations/{id}/retract", new { reason = "cleaned by the city" });
        Assert.Equal(HttpStatusCode.NoContent, retract.StatusCode);

        // GetServiceRequestUpdates: api_key on this GET, start/end the last two hours, DateTime::Format::W3CDTF in UTC.
        var now = DateTimeOffset.UtcNow;
        string W3c(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var url = $"{Endpoint}servicerequestupdates.xml?api_key={Uri.EscapeDataString(key)}&start_date={W3c(now.AddHours(-2))}&end_date={W3c(now.AddMinutes(1))}";
        var updates = Records(await XmlAsync(await client.GetAsync(url), HttpStatusCode.OK), "service_request_updates", "request_update");
        var update = Assert.Single(updates, u => u["service_request_id"] == id);
        Assert.Equal($"{id}-closed", update["update_id"]);
        Assert.Equal("closed", update["status"]);                // map_state: closed → 'fixed - council'
        Assert.Equal("cleaned by the city", update["description"]);
        var at = DateTimeOffset.Parse(update["updated_datetime"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(at, now.AddMinutes(-5), now.AddMinutes(1)); // check_date keeps it: inside [start, end]

        // An earlier window does not hold it; without a key there is nothing.
        var earlier = $"{Endpoint}servicerequestupdates.xml?api_key={Uri.EscapeDataString(key)}&start_date={W3c(now.AddHours(-4))}&end_date={W3c(now.AddHours(-2))}";
        Assert.DoesNotContain(Records(await XmlAsync(await client.GetAsync(earlier), HttpStatusCode.OK), "service_request_updates", "request_update"), u => u["service_request_id"] == id);
        await XmlAsync(await client.GetAsync($"{Endpoint}servicerequestupdates.xml"), HttpStatusCode.Unauthorized);
        // Comments the other way are refused in the spec's error shape, so FixMyStreet reports why.
        var comment = await XmlAsync(await client.PostAsync($"{Endpoint}servicerequestupdates.xml", PerlForm(("api_key", key), ("service_request_id", id), ("description", "thanks"), ("first_name", "Jan"))), HttpStatusCode.BadRequest);
        Assert.Contains("not accepted", Records(comment, "errors", "error")[0]["description"]);
    }

    [Fact]
    public async Task A_GET_without_a_key_gets_the_status_of_named_Open311_requests_and_nothing_else()
    {
        var key = await KeyAsync();
        var client = app.ClientFor("anonymous");
        var open = Records(await XmlAsync(await client.PostAsync(Endpoint + "requests.xml", PerlForm(Report(key, Random.Shared.NextInt64(100_000, 999_999_999)))), HttpStatusCode.Created), "service_requests", "request")[0]["service_request_id"]!;
        var recorder = app.ClientFor("recorder", "fixmystreet-brussels");
        var outreach = await Observations.ObservationApi.CreateAsync(recorder, Observations.ObservationApi.Observation(Observations.ObservationApi.UniqueSource()));

        var found = Records(await XmlAsync(await client.GetAsync($"{Endpoint}requests.xml?service_request_id={open},{outreach}"), HttpStatusCode.OK), "service_requests", "request");
        var only = Assert.Single(found); // the outreach observation is not an Open311 request: absent, not described
        Assert.Equal(open, only["service_request_id"]);
        Assert.Equal("open", only["status"]);
        Assert.Equal("syringe", only["service_code"]);
        foreach (var hidden in new[] { "lat", "long", "requested_datetime", "updated_datetime", "description", "status_notes" })
            Assert.Null(only[hidden]);
        var one = JsonNode.Parse(await client.GetStringAsync($"{Endpoint}requests/{open}.json"))!.AsArray();
        Assert.Null(one[0]!["lat"]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Endpoint}requests/{outreach}.json")).StatusCode);

        // No listing without a key, and a wrong key is a wrong key (not a quieter answer).
        var list = Records(await XmlAsync(await client.GetAsync($"{Endpoint}requests.xml?status=open"), HttpStatusCode.Unauthorized), "errors", "error");
        Assert.Contains("service_request_id", list[0]["description"]);
        await XmlAsync(await client.GetAsync($"{Endpoint}requests.xml?api_key=smk_not_a_real_key_at_all_000000&service_request_id={open}"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Status_and_service_code_take_comma_lists_and_repeated_parameters_count_with_every_value()
    {
        var key = await KeyAsync();
        var client = app.ClientFor("anonymous");
        async Task<string> Post(string service, string at) =>
            JsonNode.Parse(await (await client.PostAsync(Endpoint + "requests.json", PerlForm(
                ("api_key", key), ("service_code", service), ("lat", "50.8357"), ("long", "4.3360"), ("requested_datetime", at)))).Content.ReadAsStringAsync())![0]!["service_request_id"]!.GetValue<string>();
        var complaint = await Post("complaint", "2025-09-01T10:00:00+02:00");
        var syringe = await Post("syringe", "2025-09-01T11:00:00+02:00");
        var noise = await Post("nuisance_noise", "2025-09-01T12:00:00+02:00");
        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientFor("recorder", "fixmystreet-brussels").PostAsJsonAsync($"/api/observations/{syringe}/retract", new { reason = "duplicate" })).StatusCode);

        async Task<string[]> Ids(string query) =>
            JsonNode.Parse(await client.GetStringAsync($"{Endpoint}requests.json?api_key={Uri.EscapeDataString(key)}&start_date=2025-09-01&end_date=2025-09-02&{query}"))!
                .AsArray().Select(r => r!["service_request_id"]!.GetValue<string>()).Order().ToArray();
        string[] Sorted(params string[] ids) => [.. ids.Order()];
        Assert.Equal(Sorted(complaint, syringe), await Ids("service_code=complaint,syringe"));
        Assert.Equal(Sorted(complaint, syringe), await Ids("service_code=complaint&service_code=syringe"));
        Assert.Equal(Sorted(complaint, syringe, noise), await Ids("status=open,closed"));
        Assert.Equal(Sorted(syringe), await Ids("status=closed&service_code=complaint,syringe"));
        Assert.Equal(Sorted(complaint, noise), await Ids("status=open"));
        var bad = JsonNode.Parse(await (await client.GetAsync($"{Endpoint}requests.json?api_key={Uri.EscapeDataString(key)}&service_code=complaint,dealing_point")).Content.ReadAsStringAsync())!;
        Assert.Contains("'dealing_point'", bad[0]!["description"]!.GetValue<string>());
    }
}
