using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SceneMonitor.Api.Security;
using SceneMonitor.Tests.Support;

namespace SceneMonitor.Tests.Integration.Security.Attacks;

/// <summary>An analyst reads Open311 complaints and tries to learn more than the whole hour: exact
/// update times, the order of arrival from the ids or from the answer's order, or the mapping of
/// numeric ids to requests.</summary>
public class Open311OrderingAttackTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private const string Requests = "/open311/v2/requests.json";
    private const string Window = "start_date=2025-08-01T00:00:00Z&end_date=2025-08-02T00:00:00Z";

    /// <summary>Eight complaints in one hour, posted in the order of their minutes; their numeric ids.</summary>
    private async Task<List<string>> PostWithinOneHourAsync()
    {
        var created = await app.ClientFor("admin").PostAsJsonAsync("/api/admin/api-keys", new { name = $"open311 {Guid.NewGuid():N}", role = "recorder", organisation = "city-complaints" });
        var key = (await created.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
        var ids = new List<string>();
        for (var minute = 2; minute < 58; minute += 7)
        {
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["api_key"] = key, ["service_code"] = "complaint", ["lat"] = "50.8357", ["long"] = "4.3360",
                ["requested_datetime"] = $"2025-08-01T21:{minute:00}:00+02:00",
            });
            var response = await app.ClientFor("anonymous").PostAsync(Requests, form);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add(JsonNode.Parse(await response.Content.ReadAsStringAsync())![0]!["service_request_id"]!.GetValue<string>());
        }
        return ids;
    }

    private static async Task<JsonArray> ArrayAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsArray();
    }

    [Fact]
    public async Task An_analyst_sees_whole_hours_opaque_ids_and_no_arrival_order()
    {
        var numeric = await PostWithinOneHourAsync();
        var analyst = app.ClientFor("analyst");
        var answer = await ArrayAsync(await analyst.GetAsync($"{Requests}?{Window}"));
        Assert.Equal(numeric.Count, answer.Count);

        foreach (var r in answer)
        {
            Assert.Matches(@"T\d\d:00:00[+-]\d\d:\d\d$", r!["requested_datetime"]!.GetValue<string>());
            Assert.Matches(@"T\d\d:00:00[+-]\d\d:\d\d$", r["updated_datetime"]!.GetValue<string>());
        }
        var opaque = answer.Select(r => r!["service_request_id"]!.GetValue<string>()).ToList();
        Assert.Empty(opaque.Intersect(numeric));
        Assert.All(opaque, id => Assert.False(long.TryParse(id, out _), $"{id} is a number"));

        // The recorder's answer is in arrival order (newest first). The analyst's must not be, nor may
        // the opaque ids sort that way (8! orders: a keyed shuffle matches one by chance once in 20,000).
        var recorder = await ArrayAsync(await app.ClientFor("recorder").GetAsync($"{Requests}?{Window}"));
        Assert.Equal(Enumerable.Reverse(numeric), recorder.Select(r => r!["service_request_id"]!.GetValue<string>()));
        var ids = app.Services.GetRequiredService<ObservationIds>();
        var arrival = numeric.Select(n => ids.Opaque(long.Parse(n))).ToList();
        Assert.Equal(arrival.Order(), opaque.Order());
        foreach (var order in new[] { opaque, opaque.Order(StringComparer.Ordinal).ToList() })
        {
            Assert.NotEqual(arrival, order);
            Assert.NotEqual(Enumerable.Reverse(arrival), order);
        }

        // Requests are read one by one by the opaque id only: a numeric id would map ids to requests.
        var one = await ArrayAsync(await analyst.GetAsync($"/open311/v2/requests/{opaque[0]}.json"));
        Assert.Equal(opaque[0], Assert.Single(one)!["service_request_id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync($"/open311/v2/requests/{numeric[0]}.json")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.GetAsync($"{Requests}?service_request_id={numeric[0]}")).StatusCode);
        Assert.Single(await ArrayAsync(await analyst.GetAsync($"{Requests}?service_request_id={opaque[3]}")));
        // and an opaque id means nothing to an exact reader.
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ClientFor("recorder").GetAsync($"/open311/v2/requests/{opaque[0]}.json")).StatusCode);
    }
}
