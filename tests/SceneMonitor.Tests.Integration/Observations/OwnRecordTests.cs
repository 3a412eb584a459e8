using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Observations;

/// <summary>"My records": GET /api/observations/mine and POST /api/observations/{id}/correct, against
/// PostGIS over HTTP. test-recorder and test-admin share the organisation test-org (colleagues);
/// the recorder of "org-b" is another organisation.</summary>
public class OwnRecordTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _recorder = app.ClientFor("recorder");
    private readonly HttpClient _colleague = app.ClientFor("admin");
    private readonly HttpClient _other = app.ClientFor("recorder", "org-b");

    private static DateTimeOffset HoursAgo(double h) => DateTimeOffset.UtcNow.AddHours(-h);

    private static async Task<List<JsonObject>> MineAsync(HttpClient http, string source, string query = "")
    {
        var mine = await http.GetJsonAsync($"/api/observations/mine{query}");
        return mine["records"]!.AsArray().Select(r => r!.AsObject()).Where(r => r["source"]!.GetValue<string>() == source).ToList();
    }

    [Fact]
    public async Task Mine_lists_the_organisations_recent_records_newest_first_and_nothing_of_another_organisation()
    {
        var s = UniqueSource();
        var older = await _recorder.CreateAsync(Observation(s, at: HoursAgo(30), externalRef: "r-older"));
        var newer = await _recorder.CreateAsync(Observation(s, at: HoursAgo(2), externalRef: "r-newer", category: "discarded_pipe"));
        var colleagues = await _colleague.CreateAsync(Observation(s, at: HoursAgo(5), externalRef: "c-1"));
        var tenDaysAgo = await _recorder.CreateAsync(Observation(s, at: HoursAgo(240), externalRef: "r-old"));
        // The same source and place from another organisation: a recorder sees it on the map, but it is not theirs.
        var others = await _other.CreateAsync(Observation(s, at: HoursAgo(1), externalRef: "o-1"));

        var mine = await MineAsync(_recorder, s);
        // Default window 7 days: the 10-day-old record is left out; newest observation first.
        Assert.Equal([newer, colleagues, older], mine.Select(r => r["id"]!.GetValue<long>()));
        Assert.Equal(["r-newer", "c-1", "r-older"], mine.Select(r => r["externalRef"]!.GetValue<string>()));
        Assert.Equal([true, false, true], mine.Select(r => r["byMe"]!.GetValue<bool>()));
        Assert.Equal("discarded_pipe", mine[0]["category"]!.GetValue<string>());
        Assert.Contains(tenDaysAgo, (await MineAsync(_recorder, s, "?days=14")).Select(r => r["id"]!.GetValue<long>()));

        var theirs = await MineAsync(_other, s);
        Assert.Equal([others], theirs.Select(r => r["id"]!.GetValue<long>()));
        Assert.True(theirs[0]["byMe"]!.GetValue<bool>());

        await ProblemAsync(await _recorder.GetAsync("/api/observations/mine?days=32"), 400);
        await ProblemAsync(await _recorder.GetAsync("/api/observations/mine?limit=0"), 400);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor("analyst").GetAsync("/api/observations/mine")).StatusCode);
    }

    [Fact]
    public async Task A_correction_withdraws_the_old_record_and_stores_the_new_one_once_even_when_sent_twice()
    {
        var s = UniqueSource();
        var at = HoursAgo(3);
        var old = await _recorder.CreateAsync(Observation(s, at: at, externalRef: "first", category: "syringe"));
        var body = new { reason = "wrong category", observation = Observation(s, at: at, externalRef: "first-fix", category: "discarded_pipe", quantity: 2) };

        var response = await _recorder.PostAsJsonAsync($"/api/observations/{old}/correct", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var newId = created["id"]!.GetValue<long>();
        Assert.Equal($"/api/observations/{newId}", response.Headers.Location!.OriginalString);

        // The answer was lost and the page sends the same correction again: nothing changes.
        var again = await _recorder.PostAsJsonAsync($"/api/observations/{old}/correct", body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(newId, JsonNode.Parse(await again.Content.ReadAsStringAsync())!["id"]!.GetValue<long>());

        var mine = await MineAsync(_recorder, s);
        Assert.Equal(2, mine.Count);
        var withdrawn = mine.Single(r => r["id"]!.GetValue<long>() == old);
        Assert.True(withdrawn["retracted"]!.GetValue<bool>());
        Assert.Equal($"corrected by #{newId}: wrong category", withdrawn["retractedReason"]!.GetValue<string>());
        var replacement = mine.Single(r => r["id"]!.GetValue<long>() == newId);
        Assert.False(replacement["retracted"]!.GetValue<bool>());
        Assert.Equal("discarded_pipe", replacement["category"]!.GetValue<string>());
        Assert.Equal(2, replacement["quantity"]!.GetValue<int>());

        // Audited, with both ids.
        var audit = await app.ClientFor("admin").GetJsonAsync("/api/audit?action=correction&limit=50");
        Assert.Contains(audit["items"]!.AsArray(), e => e!["parameters"]?.ToJsonString().Contains($"\"withdrawn\":{old}") == true
            && e["parameters"]!.ToJsonString().Contains($"\"replacedBy\":{newId}"));

        // A record already withdrawn cannot be corrected, and the refused replacement is not stored.
        var late = new { reason = "wrong place", observation = Observation(s, at: at, externalRef: "first-fix-2") };
        await ProblemAsync(await _recorder.PostAsJsonAsync($"/api/observations/{old}/correct", late), 409);
        Assert.DoesNotContain(await MineAsync(_recorder, s), r => r["externalRef"]!.GetValue<string>() == "first-fix-2");
    }

    [Fact]
    public async Task Another_organisation_can_neither_correct_nor_withdraw_a_record_and_nothing_changes()
    {
        var s = UniqueSource();
        var record = await _recorder.CreateAsync(Observation(s, at: HoursAgo(1), externalRef: "ours"));

        await ProblemAsync(await _other.PostAsJsonAsync($"/api/observations/{record}/correct",
            new { reason = "looks wrong", observation = Observation(s, at: HoursAgo(1), externalRef: "theirs") }), 403);
        await ProblemAsync(await _other.PostAsJsonAsync($"/api/observations/{record}/retract", new { reason = "looks wrong" }), 403);

        var ours = await MineAsync(_recorder, s);
        Assert.False(Assert.Single(ours)["retracted"]!.GetValue<bool>());
        Assert.Empty(await MineAsync(_other, s)); // the refused replacement was rolled back

        // A colleague of the same organisation may (records belong to the organisation, not the account).
        Assert.Equal(HttpStatusCode.NoContent, (await _colleague.PostAsJsonAsync($"/api/observations/{record}/retract", new { reason = "entered twice" })).StatusCode);
    }

    [Fact]
    public async Task An_invalid_correction_names_its_fields_and_changes_nothing()
    {
        var s = UniqueSource();
        var record = await _recorder.CreateAsync(Observation(s, at: HoursAgo(1), externalRef: "keep"));
        var problem = await ProblemAsync(await _recorder.PostAsJsonAsync($"/api/observations/{record}/correct",
            new { reason = "", observation = Observation(s, at: HoursAgo(1), category: "no_such_thing", note: "call 0475 12 34 56") }), 422);
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["observation.category", "observation.note", "reason"], errors.Select(e => e.Key).Order());
        await ProblemAsync(await _recorder.PostAsJsonAsync($"/api/observations/{record}/correct", new { reason = "x" }), 422);
        Assert.False(Assert.Single(await MineAsync(_recorder, s))["retracted"]!.GetValue<bool>());
    }
}
