using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Imports.ImportApi;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Security.Attacks;

/// <summary>A recorder of one organisation re-posts another organisation's (source, externalRef),
/// guessed or seen on a printout, to read that record or to take the key over.</summary>
public class IdempotencyKeyAttackTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private const string Secret = "achter de blauwe deur van nummer 12";
    private readonly HttpClient _victim = app.ClientFor("recorder", "victim-org");
    private readonly HttpClient _attacker = app.ClientFor("recorder", "attacker-org");

    private async Task<(string Source, string Ref, long Id)> VictimRecordAsync()
    {
        var (source, key) = (UniqueSource(), "round-" + Guid.NewGuid().ToString("N")[..8]);
        var id = await _victim.CreateAsync(Observation(source, 4.341234, 50.842345, externalRef: key, note: Secret));
        return (source, key, id);
    }

    [Fact]
    public async Task Reposting_another_organisations_key_reveals_nothing_and_stores_the_attackers_own_record()
    {
        var (source, key, victimId) = await VictimRecordAsync();

        var response = await _attacker.PostAsJsonAsync("/api/observations", Observation(source, 4.30, 50.80, externalRef: key));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.DoesNotContain(Secret, text);
        Assert.DoesNotContain("victim-org", text);
        Assert.DoesNotContain("4.341234", text);
        var own = JsonNode.Parse(text)!;
        Assert.NotEqual(victimId, own["id"]!.GetValue<long>());
        Assert.Equal("attacker-org", own["properties"]!["organisation"]!.GetValue<string>());

        // The victim's record is untouched and still answers its own organisation's re-post.
        var again = await _victim.PostAsJsonAsync("/api/observations", Observation(source, 4.341234, 50.842345, externalRef: key, note: Secret));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(victimId, (await again.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>());
        Assert.Equal(2, await app.CountAsync(source));
    }

    [Fact]
    public async Task A_batch_with_another_organisations_key_neither_reports_it_as_existing_nor_returns_its_id()
    {
        var (source, key, victimId) = await VictimRecordAsync();
        var response = await _attacker.PostAsJsonAsync("/api/observations/batch", new { observations = new[] { Observation(source, externalRef: key) } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, body["created"]!.GetValue<int>());
        Assert.Equal(0, body["existing"]!.GetValue<int>());
        Assert.NotEqual(victimId, body["ids"]![0]!.GetValue<long>());
    }

    [Fact]
    public async Task An_import_of_another_organisations_keys_does_not_count_them_as_duplicates()
    {
        var (source, key, _) = await VictimRecordAsync();
        var csv = $"category,lat,lon,time,external_ref\nsyringe,50.83,4.33,2025-06-01T10:00:00Z,{key}\n";

        var (status, report) = await _attacker.ImportAsync(Csv(csv), $"source={source}");
        Assert.Equal(200, status);
        Assert.Equal(1, report["inserted"]!.GetValue<long>());
        Assert.Equal(0, report["duplicates"]!.GetValue<long>());
        Assert.DoesNotContain(Secret, report.ToJsonString());

        // The victim re-importing its own key still sees it as a duplicate.
        var (_, own) = await _victim.ImportAsync(Csv(csv), $"source={source}");
        Assert.Equal(0, own["inserted"]!.GetValue<long>());
        Assert.Equal(1, own["duplicates"]!.GetValue<long>());
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT count(*) FROM observations WHERE source = @s AND organisation = 'victim-org'", ("s", source)));
    }

    [Fact]
    public async Task A_repost_by_the_same_organisation_returns_the_stored_record_and_is_audited_as_a_read()
    {
        var (source, key, id) = await VictimRecordAsync();
        var again = await _victim.PostAsJsonAsync("/api/observations", Observation(source, externalRef: key));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(Secret, (await again.Content.ReadFromJsonAsync<JsonObject>())!["properties"]!["note"]!.GetValue<string>());
        Assert.Equal(1, await app.ScalarAsync<long>("""
            SELECT count(*) FROM audit_log WHERE action = 'read_points' AND actor = 'test-recorder-victim-org'
              AND target = 'POST /api/observations' AND row_count = 1 AND (parameters->>'id')::bigint = @id
            """, ("id", id)));
    }
}
