using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SceneMonitor.Api.Security;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Security;

/// <summary>What only admins do: categories, custom areas, accounts.</summary>
public class AdminTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _admin = app.ClientFor("admin");

    [Fact]
    public async Task Admin_adds_and_deactivates_a_category_but_never_a_core_one()
    {
        var created = await _admin.PostAsJsonAsync("/api/categories", new
        {
            code = "burnt_foil", labelNl = "Verbrande folie", labelFr = "Papier alu brûlé", labelEn = "Burnt foil", icon = "square", colour = "#123456",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var recorder = app.ClientFor("recorder");
        await recorder.CreateAsync(Observation(UniqueSource(), category: "burnt_foil"));

        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync("/api/categories/burnt_foil", new { active = false })).StatusCode);
        await ProblemAsync(await recorder.PostAsJsonAsync("/api/observations", Observation(UniqueSource(), category: "burnt_foil")), 422);
        var core = await _admin.PutAsJsonAsync("/api/categories/syringe", new { active = false });
        Assert.Contains("core", (await ProblemAsync(core, 422))["errors"]!["active"]![0]!.GetValue<string>());
        var again = await _admin.PostAsJsonAsync("/api/categories", new { code = "burnt_foil", labelNl = "a", labelFr = "b", labelEn = "c", icon = "x", colour = "#000000" });
        Assert.Contains("exists", (await ProblemAsync(again, 422))["errors"]!["code"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Admin_manages_custom_areas_but_not_official_boundaries()
    {
        var polygon = new { type = "Polygon", coordinates = new[] { new[] { new[] { 4.33, 50.83 }, new[] { 4.34, 50.83 }, new[] { 4.34, 50.84 }, new[] { 4.33, 50.84 }, new[] { 4.33, 50.83 } } } };
        var created = await _admin.PostAsJsonAsync("/api/areas", new { name = "Zuid buffer 250 m", geometry = polygon });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
        var custom = (await _admin.GetJsonAsync("/api/areas?kind=custom"))["features"]!.AsArray();
        Assert.Contains(custom, f => f!["id"]!.GetValue<int>() == id);

        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync($"/api/areas/{id}", new { name = "Zuid buffer" })).StatusCode);
        var municipality = await app.ScalarAsync<int>("SELECT id FROM areas WHERE kind = 'Municipality' LIMIT 1");
        await ProblemAsync(await _admin.PutAsJsonAsync($"/api/areas/{municipality}", new { name = "Renamed" }), 409);
        await ProblemAsync(await _admin.DeleteAsync($"/api/areas/{municipality}"), 409);
        await ProblemAsync(await _admin.PostAsJsonAsync("/api/areas", new { name = "point", geometry = new { type = "Point", coordinates = new[] { 4.3, 50.8 } } }), 422);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/areas/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_demoted_or_deactivated()
    {
        // The fixture has the bootstrap admin and test-admin; demote test-admin's colleague first.
        var accounts = (await _admin.GetFromJsonAsync<JsonArray>("/api/admin/accounts"))!;
        var bootstrap = accounts.First(a => a!["username"]!.GetValue<string>() == SceneMonitorApp.AdminUser)!["id"]!.GetValue<int>();
        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync($"/api/admin/accounts/{bootstrap}", new { role = "analyst" })).StatusCode);
        var self = accounts.First(a => a!["username"]!.GetValue<string>() == "test-admin")!["id"]!.GetValue<int>();
        await ProblemAsync(await _admin.PutAsJsonAsync($"/api/admin/accounts/{self}", new { active = false }), 422);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync($"/api/admin/accounts/{bootstrap}", new { role = "admin" })).StatusCode);
    }

    [Fact]
    public void Oidc_users_get_a_role_only_through_the_mapping_and_admin_only_when_allowed()
    {
        var options = new OidcOptions { RoleMap = new() { ["SM-Analysts"] = "analyst", ["SM-Admins"] = "admin" }, DefaultOrganisation = "city" };
        ClaimsPrincipal User(params (string Type, string Value)[] claims) => new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "oidc"));

        var (analyst, _) = OidcMapping.Map(User(("preferred_username", "Jan.Peeters"), ("roles", "SM-Analysts")), options);
        Assert.Equal(new OidcMapping.Mapped("jan.peeters", "analyst", "city"), analyst);
        var (none, error) = OidcMapping.Map(User(("preferred_username", "x"), ("roles", "Everyone")), options);
        Assert.Null(none);
        Assert.Contains("no SceneMonitor role", error);
        Assert.Equal("analyst", OidcMapping.Map(User(("preferred_username", "y"), ("roles", "SM-Admins"), ("roles", "SM-Analysts")), options).User!.Role);
        options.AllowAdmin = true;
        Assert.Equal("admin", OidcMapping.Map(User(("preferred_username", "y"), ("roles", "SM-Admins"), ("roles", "SM-Analysts")), options).User!.Role);
        Assert.Equal("planner", OidcMapping.Map(User(("preferred_username", "z"), ("roles", "planner"), ("org", "ngo")), options).User!.Role);
    }
}

/// <summary>With Auth:Oidc:Enabled, the sign-in routes exist and send the browser to the provider.</summary>
public class OidcEnabledApp : SceneMonitorApp
{
    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Auth:Oidc:Enabled", "true"), ("Auth:Oidc:Authority", "https://login.example.invalid/realms/city"), ("Auth:Oidc:ClientId", "scenemonitor"),
    ];

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The provider's metadata as if fetched, so the challenge needs no network.
        var metadata = new Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration
        {
            Issuer = "https://login.example.invalid/realms/city",
            AuthorizationEndpoint = "https://login.example.invalid/realms/city/protocol/openid-connect/auth",
            TokenEndpoint = "https://login.example.invalid/realms/city/protocol/openid-connect/token",
        };
        builder.ConfigureServices(services => services.PostConfigure<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>(SecuritySetup.OidcScheme, o =>
        {
            o.Configuration = metadata;
            o.ConfigurationManager = new Microsoft.IdentityModel.Protocols.StaticConfigurationManager<Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration>(metadata);
        }));
    }
}

public class OidcTests(OidcEnabledApp app) : IClassFixture<OidcEnabledApp>
{
    [Fact]
    public async Task Oidc_login_sends_the_browser_to_the_provider_with_code_flow_and_pkce()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/api/auth/oidc/login");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("https://login.example.invalid/realms/city/protocol/openid-connect/auth?", location);
        Assert.Contains("client_id=scenemonitor", location);
        Assert.Contains("response_type=code", location);
        Assert.Contains("code_challenge_method=S256", location);
        Assert.Contains("redirect_uri=http%3A%2F%2Flocalhost%2Fsignin-oidc", location);
    }

    [Fact]
    public async Task Oidc_complete_without_a_provider_answer_is_401_and_local_login_still_works()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await ProblemAsync(await client.GetAsync("/api/auth/oidc/complete"), 401);
        var login = await client.PostAsJsonAsync("/api/auth/login", new { username = SceneMonitorApp.AdminUser, password = SceneMonitorApp.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }
}
