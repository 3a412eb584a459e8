using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Security;

public class AuditAndRetentionTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _admin = app.ClientFor("admin");

    private async Task<JsonArray> AuditAsync(string query) => (await _admin.GetJsonAsync($"/api/audit?{query}"))["items"]!.AsArray();

    [Fact]
    public async Task An_export_writes_an_audit_line_with_who_what_filter_and_row_count()
    {
        var s = UniqueSource();
        var recorder = app.ClientFor("recorder");
        for (var i = 0; i < 3; i++) await recorder.CreateAsync(Observation(s, 4.3510, 50.8800));
        var planner = app.ClientFor("planner");
        var export = await planner.GetJsonAsync($"/api/aggregates/grid?source={s}&cellSize=200");
        Assert.Single(export["features"]!.AsArray());

        var line = (await AuditAsync("action=export&user=test-planner&limit=1"))[0]!;
        Assert.Equal("test-planner", line["actor"]!.GetValue<string>());
        Assert.Equal("planner", line["role"]!.GetValue<string>());
        Assert.Equal(SceneMonitorApp.TestOrganisation, line["organisation"]!.GetValue<string>());
        Assert.Equal("GET /api/aggregates/grid", line["target"]!.GetValue<string>());
        Assert.Equal(s, line["parameters"]!["filter"]!["source"]![0]!.GetValue<string>());
        Assert.Equal(1, line["rowCount"]!.GetValue<int>());
        Assert.True(DateTimeOffset.UtcNow - line["at"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Every_point_level_read_is_audited_with_its_row_count()
    {
        var s = UniqueSource();
        var recorder = app.ClientFor("recorder");
        var id = await recorder.CreateAsync(Observation(s));
        await recorder.CreateAsync(Observation(s));
        var analyst = app.ClientFor("analyst");
        await analyst.GetJsonAsync($"/api/observations?source={s}");
        await analyst.GetJsonAsync($"/api/observations/{app.OpaqueId(id)}");
        await analyst.GetAsync("/api/observations/999999999");

        var lines = await AuditAsync("action=read_points&user=test-analyst&limit=3");
        Assert.Equal([0, 1, 2], lines.Select(l => l!["rowCount"]!.GetValue<int>()).ToArray());
        Assert.Equal("GET /api/observations", lines[2]!["target"]!.GetValue<string>());
        Assert.Equal(s, lines[2]!["parameters"]!["source"]![0]!.GetValue<string>());
        Assert.Equal(id, lines[1]!["parameters"]!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Logins_failed_logins_and_admin_changes_are_audited_without_secrets()
    {
        await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { username = SceneMonitorApp.AdminUser, password = SceneMonitorApp.AdminPassword });
        await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { username = "mallory", password = "secret guess 123" });
        await _admin.PostAsJsonAsync("/api/admin/accounts", new { username = "audited.user", password = "very secret words", role = "planner" });

        Assert.NotEmpty(await AuditAsync("action=login&user=admin"));
        Assert.NotEmpty(await AuditAsync("action=failed_login&user=mallory"));
        var change = (await AuditAsync("action=admin_change&user=test-admin&limit=50"))
            .First(l => l!["parameters"]!["entity"]?.GetValue<string>() == "account")!;
        Assert.Equal("audited.user", change["parameters"]!["username"]!.GetValue<string>());
        var everything = await _admin.GetStringAsync("/api/audit?limit=1000");
        Assert.DoesNotContain("secret guess", everything);
        Assert.DoesNotContain("very secret words", everything);
    }

    [Fact]
    public async Task Audit_listing_filters_by_time_action_and_user_and_pages_with_next()
    {
        for (var i = 0; i < 3; i++) await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { username = "pager", password = "wrong password " + i });
        var first = await _admin.GetJsonAsync("/api/audit?user=pager&limit=2");
        Assert.Equal(2, first["items"]!.AsArray().Count);
        var next = first["next"]!.GetValue<string>();
        var second = await _admin.GetJsonAsync(next);
        Assert.Single(second["items"]!.AsArray());
        Assert.Null(second["next"]);
        Assert.Empty(await AuditAsync($"user=pager&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}"));
        await ProblemAsync(await _admin.GetAsync("/api/audit?action=delete_everything"), 400);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor("analyst").GetAsync("/api/audit")).StatusCode);
    }

    [Fact]
    public async Task The_audit_log_cannot_be_changed_through_the_api()
    {
        var id = (await AuditAsync("limit=1"))[0]!["id"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await _admin.PostAsJsonAsync("/api/audit", new { actor = "x", action = "login" })).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await _admin.PutAsJsonAsync("/api/audit", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await _admin.DeleteAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync($"/api/audit/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PutAsJsonAsync($"/api/audit/{id}", new { actor = "someone else" })).StatusCode);
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE id = @id", ("id", id)));
    }

    [Theory]
    [InlineData("UPDATE audit_log SET actor = 'someone else'")]
    [InlineData("DELETE FROM audit_log")]
    [InlineData("TRUNCATE audit_log")]
    public async Task The_database_refuses_to_change_audit_lines_even_from_the_apps_own_connection(string sql)
    {
        await app.ClientFor("admin").GetAsync("/api/admin/accounts"); // at least one line
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM audit_log");
        var e = await Assert.ThrowsAsync<PostgresException>(() => app.ExecuteAsync(sql));
        Assert.Contains("append-only", e.MessageText);
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT count(*) FROM audit_log"));
    }

    [Fact]
    public async Task Purge_removes_only_lines_older_than_the_cutoff_and_never_younger_than_six_months()
    {
        var marker = "purge-" + Guid.NewGuid().ToString("N")[..8];
        await AuditHistory.SeedAsync(app, marker, "30 months", "8 months", "2 months");
        // Even a cutoff of "now" keeps the last six months.
        await app.ExecuteAsync("SELECT purge_audit_log(now())");
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE actor = @m", ("m", marker)));
        // The flag the function sets does not let a plain DELETE through for recent lines either.
        var e = await Assert.ThrowsAsync<PostgresException>(() => app.ExecuteAsync(
            $"BEGIN; SELECT set_config('scenemonitor.audit_purge', 'on', true); DELETE FROM audit_log WHERE actor = '{marker}'; COMMIT;"));
        Assert.Contains("append-only", e.MessageText);
    }

    [Fact]
    public async Task Retention_run_coarsens_old_observations_removes_their_notes_and_purges_old_audit_lines()
    {
        var s = UniqueSource();
        var recorder = app.ClientFor("recorder");
        var oldAt = DateTimeOffset.UtcNow.AddMonths(-30).AddMinutes(-17);
        var old = await recorder.CreateAsync(Observation(s, 4.33613, 50.83577, at: oldAt, note: "oude notitie"));
        var recent = await recorder.CreateAsync(Observation(s, 4.33613, 50.83577, at: DateTimeOffset.UtcNow.AddMonths(-1), note: "recente notitie"));
        var marker = "retention-" + Guid.NewGuid().ToString("N")[..8];
        await AuditHistory.SeedAsync(app, marker, "30 months");

        var outcome = await (await _admin.PostAsync("/api/admin/retention/run", null)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(outcome!["observationsCoarsened"]!.GetValue<int>() >= 1);
        Assert.True(outcome["auditLinesRemoved"]!.GetValue<long>() >= 1);

        var stored = await recorder.GetJsonAsync($"/api/observations/{old}");
        var c = stored["geometry"]!["coordinates"]!;
        Assert.Equal(0, await RoleMatrixTests.OffGridAsync(app, [c[0]!.GetValue<double>()], [c[1]!.GetValue<double>()], 50));
        Assert.Null(stored["properties"]!["note"]);
        Assert.EndsWith(":00:00Z", stored["properties"]!["observedAt"]!.GetValue<string>());
        Assert.True(await app.ScalarAsync<bool>("SELECT coarsened FROM observations WHERE id = @id", ("id", old)));
        Assert.Equal("recente notitie", (await recorder.GetJsonAsync($"/api/observations/{recent}"))["properties"]!["note"]!.GetValue<string>());
        Assert.False(await app.ScalarAsync<bool>("SELECT coarsened FROM observations WHERE id = @id", ("id", recent)));
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE actor = @m", ("m", marker)));
        Assert.NotEmpty(await AuditAsync("action=retention&user=test-admin"));
    }

    [Fact]
    public async Task Retention_settings_can_be_changed_by_admins_within_bounds()
    {
        var settings = await _admin.GetJsonAsync("/api/admin/retention");
        Assert.Equal(24, settings["observationMonths"]!.GetValue<int>());
        Assert.Equal(50, settings["gridMetres"]!.GetValue<double>());
        var tooShort = await _admin.PutAsJsonAsync("/api/admin/retention", new { auditMonths = 3 });
        Assert.Contains("auditMonths", (await ProblemAsync(tooShort, 422))["errors"]!.AsObject().Select(e => e.Key));
        var changed = await (await _admin.PutAsJsonAsync("/api/admin/retention", new { auditMonths = 36 })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(36, changed!["auditMonths"]!.GetValue<int>());
        Assert.Equal(24, changed["observationMonths"]!.GetValue<int>());
        await _admin.PutAsJsonAsync("/api/admin/retention", new { auditMonths = 24 });
    }
}
