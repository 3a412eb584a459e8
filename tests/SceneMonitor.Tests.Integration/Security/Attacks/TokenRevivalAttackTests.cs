using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SceneMonitor.Api.Security;
using SceneMonitor.Tests.Support;

namespace SceneMonitor.Tests.Integration.Security.Attacks;

/// <summary>Someone keeps a token (a shared tablet, a copied header) and waits for it to work again;
/// or someone who can read the signing key mints a token that claims to come from the identity provider.</summary>
public class TokenRevivalAttackTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private const string Password = "correct horse battery";
    private readonly HttpClient _admin = app.ClientFor("admin");

    private async Task<(int Id, HttpClient Client)> SignedInAccountAsync(string role = "recorder")
    {
        var username = "revival-" + Guid.NewGuid().ToString("N")[..8];
        var created = await _admin.PostAsJsonAsync("/api/admin/accounts", new { username, password = Password, role, organisation = "outreach-ngo" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
        return (id, WithToken(await LoginAsync(username, Password)));
    }

    private async Task<string> LoginAsync(string username, string password)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { username, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    private HttpClient WithToken(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task ChangeAsync(int id, object change) =>
        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync($"/api/admin/accounts/{id}", change)).StatusCode);

    private static async Task<HttpStatusCode> MeAsync(HttpClient client) => (await client.GetAsync("/api/auth/me")).StatusCode;

    public static TheoryData<string, string, string> ChangesUndone => new()
    {
        { "active", "false", "true" },
        { "role", "planner", "recorder" },
        { "organisation", "other-ngo", "outreach-ngo" },
    };

    [Theory]
    [MemberData(nameof(ChangesUndone))]
    public async Task A_token_refused_after_a_change_stays_refused_when_the_change_is_undone(string field, string changed, string original)
    {
        var (id, client) = await SignedInAccountAsync();
        Assert.Equal(HttpStatusCode.OK, await MeAsync(client));
        object Body(string value) => new JsonObject { [field] = field == "active" ? JsonValue.Create(bool.Parse(value)) : JsonValue.Create(value) };

        await ChangeAsync(id, Body(changed));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(client));
        await ChangeAsync(id, Body(original));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(client));
    }

    [Fact]
    public async Task A_password_change_ends_the_tokens_issued_before_it()
    {
        var (id, client) = await SignedInAccountAsync();
        await ChangeAsync(id, new { password = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(client));
        var username = (await _admin.GetFromJsonAsync<JsonArray>("/api/admin/accounts"))!.First(a => a!["id"]!.GetValue<int>() == id)!["username"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, await MeAsync(WithToken(await LoginAsync(username, "a brand new passphrase"))));
    }

    [Fact]
    public async Task A_change_that_changes_nothing_keeps_tokens_working()
    {
        var (id, client) = await SignedInAccountAsync();
        await ChangeAsync(id, new { role = "recorder", active = true });
        Assert.Equal(HttpStatusCode.OK, await MeAsync(client));
    }

    [Theory]
    [InlineData("nobody.at.all", "admin", null)]       // no account of that name
    [InlineData("admin", "admin", null)]               // the bootstrap admin's name, without its stamp
    public async Task A_signed_identity_provider_token_is_refused_while_the_provider_is_off(string name, string role, string? stamp)
    {
        var token = app.Services.GetRequiredService<TokenService>().Issue(name, role, "administration", UserClaims.Oidc, stamp).Token;
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(WithToken(token)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(token).GetAsync("/api/audit")).StatusCode);
    }

    [Fact]
    public async Task A_signed_token_of_another_source_or_with_a_stale_stamp_is_refused()
    {
        var tokens = app.Services.GetRequiredService<TokenService>();
        var admin = SceneMonitorApp.AdminUser;
        var stamp = await app.ScalarAsync<string>("SELECT security_stamp FROM accounts WHERE username = @u", ("u", admin));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(WithToken(tokens.Issue(admin, "admin", "administration", UserClaims.Local, stamp).Token)));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(WithToken(tokens.Issue(admin, "admin", "administration", UserClaims.ApiKey, stamp).Token)));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(WithToken(tokens.Issue(admin, "admin", "administration", UserClaims.Local, null).Token)));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(WithToken(tokens.Issue(admin, "admin", "administration", UserClaims.Local, "0123456789abcdef0123456789abcdef").Token)));
    }
}

/// <summary>The app with OpenID Connect on (the provider is never contacted: tokens are issued as
/// /api/auth/oidc/complete issues them).</summary>
public class OidcSceneMonitorApp : SceneMonitorApp
{
    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Auth:Oidc:Enabled", "true"), ("Auth:Oidc:Authority", "https://login.city.invalid/realms/city"), ("Auth:Oidc:ClientId", "scenemonitor"),
        ("Auth:Oidc:AllowAdmin", "false"),
    ];
}

public class OidcTokenAttackTests(OidcSceneMonitorApp app) : IClassFixture<OidcSceneMonitorApp>
{
    private HttpClient WithToken(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private string Issue(string name, string role, string? stamp, string? organisation = "city") =>
        app.Services.GetRequiredService<TokenService>().Issue(name, role, organisation, UserClaims.Oidc, stamp).Token;

    private async Task<HttpStatusCode> MeAsync(string token) => (await WithToken(token).GetAsync("/api/auth/me")).StatusCode;

    [Fact]
    public async Task A_provider_user_without_a_local_account_works_within_the_mapping_rules()
    {
        Assert.Equal(HttpStatusCode.OK, await MeAsync(Issue("city.analyst", "analyst", null)));
        // The rules refuse admin (AllowAdmin off) and recorders without organisation, whatever the token says.
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Issue("city.boss", "admin", null)));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Issue("city.recorder", "recorder", null, organisation: null)));
        // A stamp names an account; without that account the token was not issued by this service.
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Issue("city.ghost", "analyst", "0123456789abcdef0123456789abcdef")));
    }

    [Fact]
    public async Task Blocking_a_provider_user_through_a_local_account_ends_their_token_for_good()
    {
        var admin = app.ClientFor("admin");
        var created = await admin.PostAsJsonAsync("/api/admin/accounts", new { username = "city.blocked", password = "correct horse battery", role = "analyst" });
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
        var stamp = await app.ScalarAsync<string>("SELECT security_stamp FROM accounts WHERE id = @id", ("id", id));
        var token = Issue("city.blocked", "analyst", stamp);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(token));
        // A token issued without the account's stamp (before the account existed) does not match it either.
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Issue("city.blocked", "analyst", null)));

        await admin.PutAsJsonAsync($"/api/admin/accounts/{id}", new { active = false });
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(token));
        await admin.PutAsJsonAsync($"/api/admin/accounts/{id}", new { active = true });
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(token));
    }
}
