using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;
using static SceneMonitor.Tests.Integration.Ogc.OgcApi;

namespace SceneMonitor.Tests.Integration.Security;

/// <summary>An API key as the password of HTTP Basic, as QGIS 3.22 sends it (it has no "API Header"
/// authentication): the Authorization header shapes below are the ones QGIS builds, from its
/// authentication database ("Basic" + base64 of user:password, UTF-8) or from a layer URI's
/// username/password (Latin-1, which is the same bytes for a key), and that curl and GDAL send with
/// `-u user:key` / GDAL_HTTP_USERPWD. Role rules are those of the key.</summary>
public class BasicKeyAuthTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private static readonly string Source = UniqueSource();

    private async Task<string> KeyAsync(string name, string role)
    {
        var response = await app.ClientFor("admin").PostAsJsonAsync("/api/admin/api-keys", new { name, role, organisation = SceneMonitorApp.TestOrganisation });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
    }

    /// <summary>What QgsAuthBasicMethod puts on each request: "Basic " + base64(UTF-8 "user:password").</summary>
    public static string QgisBasic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    private HttpClient Basic(string user, string password)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", QgisBasic(user, password));
        return client;
    }

    private async Task SeedAsync()
    {
        if (await app.ScalarAsync<long>("SELECT count(*) FROM observations WHERE source = @s", ("s", Source)) == 0)
            await app.ClientFor("recorder").SeedAsync(Source, Spread(12));
    }

    private static void AsksForBasic(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Basic realm=\"SceneMonitor\", charset=\"UTF-8\"", response.Headers.WwwAuthenticate.Select(h => h.ToString()));
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task A_recorder_key_as_basic_password_reads_what_the_recorder_reads()
    {
        await SeedAsync();
        var key = await KeyAsync("qgis-recorder", "recorder");
        var viaBasic = await Basic("qgis-user", key).GetJsonAsync(Of(Source));
        var viaToken = await app.ClientFor("recorder").GetJsonAsync(Of(Source));
        Assert.Equal(12, viaBasic["numberMatched"]!.GetValue<long>());
        Assert.Equal(FeatureIds(viaToken), FeatureIds(viaBasic));
        // The audit line names the key, as for X-Api-Key, and holds no part of the key.
        Assert.True(await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE actor = 'apikey:qgis-recorder' AND target = @t", ("t", "GET " + Items)) > 0);
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE parameters::text LIKE @k", ("k", "%" + key[4..] + "%")));
    }

    [Fact]
    public async Task Any_user_name_works_and_an_empty_password_takes_the_key_from_the_user_name()
    {
        await SeedAsync();
        var key = await KeyAsync("curl-analyst", "analyst");
        // QGIS needs some user name; people will type their own, the key's name, or nothing.
        foreach (var user in new[] { "", "jan", "curl-analyst" })
            Assert.Equal(12, (await Basic(user, key).GetJsonAsync(Of(Source)))["numberMatched"]!.GetValue<long>());
        // curl -u smk_…: (key as user name, empty password)
        Assert.Equal(12, (await Basic(key, "").GetJsonAsync(Of(Source)))["numberMatched"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_planner_key_sees_only_what_a_planner_sees()
    {
        await SeedAsync();
        var planner = Basic("planner", await KeyAsync("qgis-planner", "planner"));
        var refused = await planner.GetAsync(Items);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.GetAsync("/api/exports/observations?format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.GetAsync("/api/observations")).StatusCode);
        Assert.DoesNotContain("\"observations\"", await planner.GetStringAsync("/ogc/collections"));
        var grid = await planner.GetJsonAsync("/ogc/collections/observation-grid/items?datetime=2025-06-01");
        var tokenGrid = await app.ClientFor("planner").GetJsonAsync("/ogc/collections/observation-grid/items?datetime=2025-06-01");
        Assert.Equal(tokenGrid["features"]!.ToJsonString(), grid["features"]!.ToJsonString());
    }

    [Fact]
    public async Task Wrong_missing_or_revoked_credentials_answer_401_with_a_basic_challenge()
    {
        var key = await KeyAsync("qgis-revoked", "recorder");
        AsksForBasic(await Basic("qgis-user", key[..^3] + "xyz").GetAsync(Items));
        AsksForBasic(await Basic("qgis-user", "not a key").GetAsync("/api/exports/observations"));
        AsksForBasic(await app.CreateClient().GetAsync(Items));
        AsksForBasic(await app.CreateClient().GetAsync("/api/aggregates/grid?cellSize=250"));
        var unreadable = app.CreateClient();
        unreadable.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic %%%not-base64");
        AsksForBasic(await unreadable.GetAsync(Items));

        Assert.Equal(HttpStatusCode.OK, (await Basic("qgis-user", key).GetAsync(Items + "?limit=1")).StatusCode);
        var id = (await app.ClientFor("admin").GetFromJsonAsync<JsonArray>("/api/admin/api-keys"))!
            .Single(k => k!["name"]!.GetValue<string>() == "qgis-revoked")!["id"]!.GetValue<int>();
        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientFor("admin").DeleteAsync($"/api/admin/api-keys/{id}")).StatusCode);
        AsksForBasic(await Basic("qgis-user", key).GetAsync(Items + "?limit=1"));
    }

    [Fact]
    public async Task Basic_reads_only_the_gis_paths_and_never_writes()
    {
        var key = await KeyAsync("qgis-writer", "recorder");
        var basic = Basic("qgis-user", key);
        // A browser that remembered the password sends it by itself: it must not be able to write.
        var source = UniqueSource();
        var post = await basic.PostAsJsonAsync("/api/observations", Observation(source));
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT count(*) FROM observations WHERE source = @s", ("s", source)));
        // Other reads keep to tokens and X-Api-Key, and do not ask for Basic.
        var stats = await basic.GetAsync("/api/stats/timeseries");
        Assert.Equal(HttpStatusCode.Unauthorized, stats.StatusCode);
        Assert.DoesNotContain(stats.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        // HEAD (GDAL's /vsicurl/) is a read.
        var head = await basic.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/exports/observations?format=csv"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task A_rejected_bearer_token_never_asks_for_basic()
    {
        // The page sends its token; a Basic challenge on its expired token would pop up the browser's
        // password dialog in the middle of the page.
        var expired = app.CreateClient();
        expired.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.e30.invalid");
        var response = await expired.GetAsync("/api/exports/observations");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task The_api_documents_say_where_basic_is_accepted()
    {
        var doc = await app.ClientFor("recorder").GetJsonAsync("/openapi/v1.json");
        string[] Schemes(string path, string method) =>
            doc["paths"]![path]![method]!["security"]?.AsArray().SelectMany(r => r!.AsObject().Select(k => k.Key)).ToArray() ?? [];
        Assert.Equal("basic", doc["components"]!["securitySchemes"]!["Basic"]!["scheme"]!.GetValue<string>());
        Assert.Contains("Basic", Schemes("/api/exports/observations", "get"));
        Assert.Contains("Basic", Schemes("/api/aggregates/grid", "get"));
        Assert.Contains("Basic", Schemes("/api/observations", "get"));
        Assert.DoesNotContain("Basic", Schemes("/api/observations", "post"));
        Assert.DoesNotContain("Basic", Schemes("/api/stats/timeseries", "get"));
        var ogc = await app.CreateClient().GetJsonAsync("/ogc/api");
        Assert.Equal("basic", ogc["components"]!["securitySchemes"]!["Basic"]!["scheme"]!.GetValue<string>());
        Assert.Contains(ogc["paths"]!["/collections/{collectionId}/items"]!["get"]!["security"]!.AsArray(), r => r!.AsObject().ContainsKey("Basic"));
    }
}
