using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using SceneMonitor.Api.Security;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Security;

public class AuthTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _admin = app.ClientFor("admin");

    private async Task<(HttpStatusCode Status, JsonObject? Body)> LoginAsync(string username, string password)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { username, password });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text)!.AsObject() : null);
    }

    private HttpClient WithToken(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<int> CreateAccountAsync(string username, string role, string password = "correct horse battery", string? organisation = "outreach-ngo")
    {
        var response = await _admin.PostAsJsonAsync("/api/admin/accounts", new { username, password, role, organisation });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
    }

    [Fact]
    public async Task Login_returns_a_token_and_the_user_in_the_shape_the_page_expects()
    {
        var (status, body) = await LoginAsync(SceneMonitorApp.AdminUser, SceneMonitorApp.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(string.IsNullOrEmpty(body!["token"]!.GetValue<string>()));
        Assert.True(body["expiresAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal("admin", body["user"]!["name"]!.GetValue<string>());
        Assert.Equal("admin", body["user"]!["role"]!.GetValue<string>());
        Assert.Equal("administration", body["user"]!["organisation"]!.GetValue<string>());

        var me = await WithToken(body["token"]!.GetValue<string>()).GetJsonAsync("/api/auth/me");
        Assert.Equal(["name", "role", "organisation"], me.Select(p => p.Key).ToArray());
        Assert.Equal("admin", me["name"]!.GetValue<string>());
        Assert.Equal("admin", me["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_password_unknown_user_and_deactivated_account_all_get_the_same_401()
    {
        await CreateAccountAsync("gone.user", "analyst");
        var id = (await _admin.GetFromJsonAsync<JsonArray>("/api/admin/accounts"))!.First(a => a!["username"]!.GetValue<string>() == "gone.user")!["id"]!.GetValue<int>();
        await _admin.PutAsJsonAsync($"/api/admin/accounts/{id}", new { active = false });

        var titles = new List<string>();
        foreach (var (user, password) in new[] { ("admin", "wrong password!"), ("nobody.here", "whatever password"), ("gone.user", "correct horse battery") })
        {
            var (status, body) = await LoginAsync(user, password);
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            titles.Add(body!["title"]!.GetValue<string>());
        }
        Assert.Single(titles.Distinct());
        Assert.True(await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'failed_login' AND actor = 'nobody.here'") >= 1);
    }

    [Fact]
    public async Task Stored_password_is_a_salted_identity_hash_never_the_password()
    {
        await CreateAccountAsync("hash.check", "planner", "a long enough passphrase");
        var hash = await app.ScalarAsync<string>("SELECT password_hash FROM accounts WHERE username = 'hash.check'");
        Assert.DoesNotContain("passphrase", hash);
        Assert.Equal(0x01, Convert.FromBase64String(hash!)[0]); // Identity V3 format: PBKDF2 with salt
    }

    [Fact]
    public async Task Anonymous_calls_get_401_except_health_openapi_landing_page_and_login()
    {
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        // The landing page is built from web/ (./scenemonitor test builds it); when it exists it needs no sign-in.
        var webRoot = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>().WebRootPath;
        if (File.Exists(Path.Combine(webRoot, "index.html"))) Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/")).StatusCode);
        var denied = await anonymous.GetAsync("/api/observations");
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Contains(denied.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/categories")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/no-such-endpoint")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken("not.a.token").GetAsync("/api/categories")).StatusCode);
    }

    [Fact]
    public async Task A_token_stops_working_when_the_account_is_deactivated_or_its_role_changes()
    {
        var id = await CreateAccountAsync("shift.worker", "recorder");
        var (_, body) = await LoginAsync("shift.worker", "correct horse battery");
        var client = WithToken(body!["token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/categories")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync($"/api/admin/accounts/{id}", new { role = "planner" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/categories")).StatusCode);

        var (_, again) = await LoginAsync("shift.worker", "correct horse battery");
        var planner = WithToken(again!["token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.GetAsync("/api/observations")).StatusCode);
        await _admin.PutAsJsonAsync($"/api/admin/accounts/{id}", new { active = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await planner.GetAsync("/api/categories")).StatusCode);
    }

    [Fact]
    public async Task Account_rules_short_password_recorder_without_organisation_duplicate_and_last_admin()
    {
        var short1 = await _admin.PostAsJsonAsync("/api/admin/accounts", new { username = "shorty", password = "short", role = "analyst" });
        Assert.Contains("password", (await ProblemAsync(short1, 422))["errors"]!.AsObject().Select(e => e.Key));
        var noOrg = await _admin.PostAsJsonAsync("/api/admin/accounts", new { username = "no.org", password = "long enough password", role = "recorder" });
        Assert.Contains("organisation", (await ProblemAsync(noOrg, 422))["errors"]!.AsObject().Select(e => e.Key));
        await CreateAccountAsync("twice", "planner");
        var dup = await _admin.PostAsJsonAsync("/api/admin/accounts", new { username = "TWICE", password = "long enough password", role = "planner" });
        Assert.Contains("taken", (await ProblemAsync(dup, 422))["errors"]!["username"]![0]!.GetValue<string>());
        var list = await _admin.GetStringAsync("/api/admin/accounts");
        Assert.DoesNotContain("AQAAAA", list); // no hashes in the listing
        Assert.DoesNotContain("passwordHash", list);
    }

    [Fact]
    public async Task Api_key_is_shown_once_stored_hashed_works_as_its_role_and_stops_when_revoked()
    {
        var created = await _admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "syringe patrol import", role = "recorder", organisation = "patrol-ngo" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var key = body["key"]!.GetValue<string>();
        var id = body["apiKey"]!["id"]!.GetValue<int>();
        Assert.StartsWith("smk_", key);
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT count(*) FROM api_keys WHERE hash = @k OR prefix = @k", ("k", key)));
        Assert.Equal(ApiKeys.Hash(key), await app.ScalarAsync<string>("SELECT hash FROM api_keys WHERE id = @id", ("id", id)));
        Assert.DoesNotContain(key, await _admin.GetStringAsync("/api/admin/api-keys"));

        var machine = app.CreateClient();
        machine.DefaultRequestHeaders.Add("X-Api-Key", key);
        var obsId = await machine.CreateAsync(Observation(UniqueSource()));
        Assert.Equal("patrol-ngo", await app.ScalarAsync<string>("SELECT organisation FROM observations WHERE id = @id", ("id", obsId)));
        Assert.Equal("apikey:syringe patrol import", await app.ScalarAsync<string>("SELECT recorded_by FROM observations WHERE id = @id", ("id", obsId)));
        Assert.Equal(HttpStatusCode.Forbidden, (await machine.GetAsync("/api/admin/accounts")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/admin/api-keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await machine.GetAsync("/api/categories")).StatusCode);
        var wrong = app.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", key[..^2] + "xx");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/categories")).StatusCode);
    }

    [Fact]
    public async Task Api_keys_never_get_the_admin_role()
    {
        var response = await _admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "too strong", role = "admin" });
        Assert.Contains("role", (await ProblemAsync(response, 422))["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Generated_signing_key_is_kept_in_the_database_so_a_restart_accepts_old_tokens()
    {
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT count(*) FROM settings WHERE key = 'auth.signing_key'"));
        // A second instance over the same database loads the same key.
        var other = new SigningKeyProvider(Options.Create(new AuthOptions()), app.Services.GetRequiredService<NpgsqlDataSource>(), NullLogger<SigningKeyProvider>.Instance);
        await other.InitialiseAsync(CancellationToken.None);
        Assert.Equal(app.Services.GetRequiredService<SigningKeyProvider>().Key.Key, other.Key.Key);
        Assert.Throws<InvalidOperationException>(() => SigningKeyProvider.Decode("too short"));
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_no_cors_permission()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("Origin", "https://evil.example");
        var response = await app.CreateClient().SendAsync(request);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("img-src 'self' data: https://tile.openstreetmap.org", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));

        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/observations");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        Assert.False((await app.CreateClient().SendAsync(preflight)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org")]
    [InlineData("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org")]
    [InlineData("not a url", null)]
    public void Csp_allows_the_tile_host(string url, string? origin) => Assert.Equal(origin, SecurityHeadersMiddleware.TileOrigin(url));
}

/// <summary>The same app with a strict login limit, to see the limiter answer 429.</summary>
public class StrictRateLimitApp : SceneMonitorApp
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("RateLimits:LoginPerMinute", "3"), ("RateLimits:WritesPerMinute", "2")];
}

public class RateLimitTests(StrictRateLimitApp app) : IClassFixture<StrictRateLimitApp>
{
    [Fact]
    public async Task Login_attempts_beyond_the_limit_get_429_with_retry_after()
    {
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = "guess number " + i })).StatusCode);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var limited = await client.PostAsJsonAsync("/api/auth/login", new { username = SceneMonitorApp.AdminUser, password = SceneMonitorApp.AdminPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task Writes_beyond_the_limit_get_429_reads_do_not()
    {
        var recorder = app.ClientFor("recorder");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await recorder.PostAsJsonAsync("/api/observations", Observation(UniqueSource()))).StatusCode);
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await recorder.GetAsync("/api/categories")).StatusCode);
    }
}
