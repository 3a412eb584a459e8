using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;
using static SceneMonitor.Tests.Integration.Reliability.BadInput;

namespace SceneMonitor.Tests.Integration.Interventions;

/// <summary>Interventions carry their name in Dutch, French and English (issue 16); the old single
/// <c>name</c> stays required and is what a client shows when a language has no name.</summary>
public class InterventionNameTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _admin = app.ClientFor("admin");

    private static string Body(string names) =>
        $$"""{"name":"Clearance Hallepoort",{{names}}"kind":"clearance","pillar":"enforcement","targetArea":{{Polygon}},"startsAt":"2025-05-01T00:00:00Z"}""";

    [Fact]
    public async Task Names_in_three_languages_are_stored_returned_and_blank_ones_left_out()
    {
        var created = await _admin.PostAsync("/api/interventions", Json(Body("""
            "nameNl":" Ontruiming Hallepoort ","nameFr":"Évacuation de la Porte de Hal","nameEn":"",
            """)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();

        // Read back through another role: every role reads interventions and their names.
        var read = await app.ClientFor("planner").GetJsonAsync($"/api/interventions/{id}");
        Assert.Equal("Clearance Hallepoort", read["name"]!.GetValue<string>());
        Assert.Equal("Ontruiming Hallepoort", read["nameNl"]!.GetValue<string>()); // trimmed
        Assert.Equal("Évacuation de la Porte de Hal", read["nameFr"]!.GetValue<string>());
        Assert.Null(read["nameEn"]); // blank is no translation: the client falls back to name
        Assert.Equal("Ontruiming Hallepoort", await app.ScalarAsync<string>($"SELECT name_nl FROM interventions WHERE id = {id}"));

        // A PUT replaces the whole intervention: names left out are removed, the old 'name' remains.
        var put = await _admin.PutAsync($"/api/interventions/{id}", Json(Body("\"nameEn\":\"Clearance of Porte de Hal\",")));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var list = JsonNode.Parse(await _admin.GetStringAsync("/api/interventions"))!.AsArray();
        var changed = list.Single(i => i!["id"]!.GetValue<int>() == id)!;
        Assert.Null(changed["nameNl"]);
        Assert.Equal("Clearance of Porte de Hal", changed["nameEn"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_client_that_only_knows_name_still_works()
    {
        var created = await _admin.PostAsync("/api/interventions", Json(Body("")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Clearance Hallepoort", body["name"]!.GetValue<string>());
        Assert.Null(body["nameNl"]);
        Assert.Null(body["nameFr"]);
    }

    [Fact]
    public async Task Too_long_or_personal_translated_names_are_refused_by_field()
    {
        var problem = await ProblemAsync(await _admin.PostAsync("/api/interventions", Json(Body(
            $$"""
            "nameNl":"{{new string('x', 201)}}","nameFr":"bij Mohamed thuis","nameEn":"ok",
            """))), 422);
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["nameFr", "nameNl"], errors.Select(e => e.Key).Order());
        Assert.Contains("200", errors["nameNl"]![0]!.GetValue<string>());
        Assert.DoesNotContain("Mohamed", problem.ToJsonString());
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT count(*) FROM interventions WHERE name_en = 'ok'"));
    }

    [Fact]
    public async Task OpenApi_declares_the_translated_names_and_places_declare_their_radius()
    {
        var doc = await _admin.GetJsonAsync("/openapi/v1.json");
        // The schemas the operations point at: the POST body and the items of the GET list.
        var operations = doc["paths"]!["/api/interventions"]!;
        var refs = new[]
        {
            operations["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>(),
            operations["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["items"]!["$ref"]!.GetValue<string>(),
        };
        foreach (var schema in refs.Select(r => r.Split('/')[^1]))
        {
            var properties = doc["components"]!["schemas"]![schema]!["properties"]!.AsObject();
            Assert.All(new[] { "name", "nameNl", "nameFr", "nameEn" }, p => Assert.True(properties.ContainsKey(p), $"{schema}.{p}"));
        }
        // The record page names a point offline with the server's rule: 350 m (PlaceNamer.Radius).
        var places = await app.ClientFor("recorder").GetJsonAsync("/api/places");
        Assert.Equal(350, places["nearRadiusMetres"]!.GetValue<double>());
    }
}
