using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Reliability;

/// <summary>What the bad-input tests share: a few real records to aim at, and the row counts that
/// must not change whatever garbage is sent.</summary>
public static class BadInput
{
    public sealed record Sample(long ObservationId, int AreaId, int InterventionId, int AccountId, string Source);

    public const string Polygon = "{\"type\":\"Polygon\",\"coordinates\":[[[4.33,50.83],[4.34,50.83],[4.34,50.84],[4.33,50.84],[4.33,50.83]]]}";

    /// <summary>Inputs a careless or hostile client may put in any text: each must be refused or
    /// simply match nothing, never reach SQL as code and never cause a 500.</summary>
    public static readonly string[] Hostile =
    [
        "'; DROP TABLE observations; --",
        "1 OR 1=1",
        "\u2019 OR \u20181\u2019=\u20181",
        "a\0b",
        string.Concat(Enumerable.Repeat("x' OR '1'='1 ", 400)),
    ];

    public static async Task<Sample> ArrangeAsync(SceneMonitorApp app)
    {
        var admin = app.ClientFor("admin");
        var source = UniqueSource();
        var recorder = app.ClientFor("recorder");
        var id = await recorder.CreateAsync(Observation(source));
        await recorder.CreateAsync(Observation(source, lon: 4.3370));
        var area = await CreatedIdAsync(await admin.PostAsync("/api/areas", Json($"{{\"name\":\"bad input target\",\"geometry\":{Polygon}}}")));
        var intervention = await CreatedIdAsync(await admin.PostAsync("/api/interventions", Json(
            $"{{\"name\":\"bad input clearance\",\"kind\":\"clearance\",\"pillar\":\"enforcement\",\"targetArea\":{Polygon},\"startsAt\":\"2025-05-01T00:00:00Z\"}}")));
        var account = await CreatedIdAsync(await admin.PostAsJsonAsync("/api/admin/accounts",
            new { username = "bad-input-" + Guid.NewGuid().ToString("N")[..8], password = "a long enough password", role = "analyst", organisation = "org" }));
        return new Sample(id, area, intervention, account, source);
    }

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static async Task<int> CreatedIdAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<int>();
    }

    /// <summary>Rows of every table a write could touch; audit lines of reads are left out (reads are audited by design).</summary>
    public static async Task<string> CountsAsync(SceneMonitorApp app) =>
        await app.ScalarAsync<string>("""
            SELECT concat_ws(' ',
              'observations', (SELECT count(*) FROM observations), (SELECT count(*) FILTER (WHERE retracted) FROM observations),
              'areas', (SELECT count(*) FROM areas), 'interventions', (SELECT count(*) FROM interventions),
              'sweeps', (SELECT count(*) FROM sweeps), 'categories', (SELECT count(*) FROM categories),
              'accounts', (SELECT count(*) FROM accounts), 'api_keys', (SELECT count(*) FROM api_keys),
              'settings', (SELECT count(*) FROM settings),
              'audit', (SELECT count(*) FROM audit_log WHERE action NOT IN ('read_points', 'read_aggregates', 'export', 'analysis')))
            """) ?? "";
}
