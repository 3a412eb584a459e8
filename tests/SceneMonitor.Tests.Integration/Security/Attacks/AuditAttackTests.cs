using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Security.Attacks;

/// <summary>An admin (or anyone with the audit log or a backup of it) harvests keys from the log; a
/// reader runs counting endpoints that leave no trace; someone with the app's database connection
/// removes or back-dates lines.</summary>
public class AuditAttackTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _admin = app.ClientFor("admin");

    private async Task<string> ApiKeyAsync(string role)
    {
        var created = await _admin.PostAsJsonAsync("/api/admin/api-keys", new { name = $"audit attack {Guid.NewGuid():N}", role, organisation = "city-complaints" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
    }

    private async Task<string> AuditTextAsync() => await _admin.GetStringAsync("/api/audit?limit=500");

    [Fact]
    public async Task An_open311_api_key_in_the_query_is_never_stored_in_the_audit_log()
    {
        var key = await ApiKeyAsync("analyst");
        var response = await app.CreateClient().GetAsync($"/open311/v2/requests.json?api_key={Uri.EscapeDataString(key)}&status=open");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.DoesNotContain(key, await AuditTextAsync());
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE parameters::text LIKE '%' || @k || '%'", ("k", key[4..])));
        // What is kept is a short prefix of the key's SHA-256, enough to tell which stored key it was.
        var kept = await app.ScalarAsync<string>(
            "SELECT parameters->'api_key'->>0 FROM audit_log WHERE target = 'GET /open311/v2/requests.json' ORDER BY id DESC LIMIT 1");
        Assert.StartsWith("sha256:", kept);
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT count(*) FROM api_keys WHERE hash LIKE @p || '%'", ("p", kept![7..])));
    }

    [Fact]
    public async Task Secrets_in_any_audited_parameter_are_redacted()
    {
        var analyst = app.ClientFor("analyst");
        var smk = "smk_" + Guid.NewGuid().ToString("N");
        const string password = "hunter2-but-longer";
        const string token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
        var response = await analyst.GetAsync($"/api/observations?source={UniqueSource()}&password={password}&access_token={token}&note_ref={smk}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await AuditTextAsync();
        Assert.Equal("[redacted]", await app.ScalarAsync<string>(
            "SELECT parameters->'password'->>0 FROM audit_log WHERE actor = 'test-analyst' AND target = 'GET /api/observations' ORDER BY id DESC LIMIT 1"));
        Assert.DoesNotContain(password, text);
        Assert.DoesNotContain(token, text);
        Assert.DoesNotContain(smk, text);
    }

    [Fact]
    public async Task Map_clusters_time_series_and_area_summaries_are_audited_with_their_parameters()
    {
        var s = UniqueSource();
        var planner = app.ClientFor("planner");
        var areaId = await app.ScalarAsync<int>("SELECT min(id) FROM areas");
        Assert.Equal(HttpStatusCode.OK, (await planner.GetAsync($"/api/map/clusters?bbox=4.30,50.80,4.40,50.90&zoom=14&source={s}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await planner.GetAsync($"/api/stats/timeseries?bucket=week&source={s}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await planner.GetAsync($"/api/areas/{areaId}/summary?from=2025-01-01T00:00:00%2B01:00&to=2025-02-01T00:00:00%2B01:00")).StatusCode);

        var lines = (await _admin.GetJsonAsync("/api/audit?action=read_aggregates&user=test-planner&limit=10"))["items"]!.AsArray()
            .ToDictionary(l => l!["target"]!.GetValue<string>(), l => l!["parameters"]!);
        Assert.Equal(s, lines["GET /api/map/clusters"]["filter"]!["source"]![0]!.GetValue<string>());
        Assert.Equal(14, lines["GET /api/map/clusters"]["zoom"]!.GetValue<double>());
        Assert.Equal("week", lines["GET /api/stats/timeseries"]["bucket"]!.GetValue<string>());
        Assert.Equal(s, lines["GET /api/stats/timeseries"]["filter"]!["source"]![0]!.GetValue<string>());
        Assert.Equal(areaId, lines[$"GET /api/areas/{areaId}/summary"]["areaId"]!.GetValue<int>());
        Assert.NotNull(lines[$"GET /api/areas/{areaId}/summary"]["from"]);
    }

    [Fact]
    public async Task The_apps_connection_cannot_delete_a_chosen_line_by_setting_the_purge_flag()
    {
        var marker = "chosen-" + Guid.NewGuid().ToString("N")[..8];
        await AuditHistory.SeedAsync(app, marker, "20 months");
        foreach (var sql in new[]
        {
            $"BEGIN; SELECT set_config('scenemonitor.audit_purge', 'on', true); DELETE FROM audit_log WHERE actor = '{marker}'; COMMIT;",
            $"SET scenemonitor.audit_purge = 'on'; DELETE FROM audit_log WHERE actor = '{marker}'",
            // Code that merely mentions the function is not the function.
            $"DO $$ BEGIN DELETE FROM audit_log WHERE actor = '{marker}' /* PL/pgSQL function purge_audit_log(timestamp with time zone) */; END $$",
        })
        {
            await Assert.ThrowsAsync<PostgresException>(() => app.ExecuteAsync(sql));
            Assert.Equal(1, await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE actor = @m", ("m", marker)));
        }
    }

    [Fact]
    public async Task A_function_of_the_same_name_elsewhere_cannot_delete_a_line_from_the_middle()
    {
        var (older, chosen) = ("older-" + Guid.NewGuid().ToString("N")[..8], "chosen-" + Guid.NewGuid().ToString("N")[..8]);
        await AuditHistory.SeedAsync(app, older, "40 months");
        await AuditHistory.SeedAsync(app, chosen, "20 months");
        var e = await Assert.ThrowsAsync<PostgresException>(() => app.ExecuteAsync($"""
            BEGIN;
            CREATE FUNCTION pg_temp.purge_audit_log(cutoff timestamptz) RETURNS bigint LANGUAGE plpgsql AS $f$
            BEGIN
                PERFORM set_config('scenemonitor.audit_purge', 'on', true);
                DELETE FROM public.audit_log WHERE actor = '{chosen}';
                RETURN 1;
            END $f$;
            SELECT pg_temp.purge_audit_log(now());
            COMMIT;
            """));
        Assert.Contains("append-only", e.MessageText);
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE actor = @m", ("m", chosen)));
    }

    [Theory]
    [InlineData("now() - interval '3 days'")]
    [InlineData("now() + interval '1 hour'")]
    [InlineData("'2020-01-01T00:00:00Z'")]
    public async Task The_apps_connection_cannot_insert_a_back_dated_line(string at)
    {
        var marker = "backdated-" + Guid.NewGuid().ToString("N")[..8];
        var e = await Assert.ThrowsAsync<PostgresException>(() => app.ExecuteAsync($"INSERT INTO audit_log (at, actor, action) VALUES ({at}, '{marker}', 'login')"));
        Assert.Contains("database clock", e.MessageText);
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE actor = @m", ("m", marker)));
    }

    [Fact]
    public async Task A_chosen_id_cannot_place_a_new_line_among_older_ones()
    {
        await _admin.GetAsync("/api/admin/accounts"); // at least one line
        var marker = "low-id-" + Guid.NewGuid().ToString("N")[..8];
        var unused = await app.ScalarAsync<long>("SELECT coalesce(min(id), 2) - 1 FROM audit_log");
        await app.ExecuteAsync($"INSERT INTO audit_log (id, actor, action) VALUES ({Math.Max(unused, -1)}, '{marker}', 'login')");
        var id = await app.ScalarAsync<long>("SELECT id FROM audit_log WHERE actor = @m", ("m", marker));
        Assert.Equal(await app.ScalarAsync<long>("SELECT max(id) FROM audit_log"), id);
    }
}
