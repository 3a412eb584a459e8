using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Domain;
using SceneMonitor.Core.Security;
using Xunit;

namespace SceneMonitor.Tests.Support;

/// <summary>The real app (real HTTP pipeline) over its own fresh PostGIS database. Use as an xunit
/// class fixture. Demo data is off so tests control every row; see <see cref="DemoSceneMonitorApp"/>.
/// Every API call needs a signed-in user: use <see cref="ClientFor"/> for a client of a role.</summary>
public class SceneMonitorApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "test-admin-password";
    /// <summary>Organisation of the default test account of each role.</summary>
    public const string TestOrganisation = "test-org";

    public string ConnectionString { get; private set; } = "";
    protected virtual bool SeedDemo => false;
    private readonly ConcurrentDictionary<string, string> _tokens = new();

    public async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        _ = Services; // starts the host: migrations, boundaries (and demo data) are applied now
    }

    /// <summary>A fresh database for this fixture; a derived fixture may put it on another server.</summary>
    protected virtual Task<string> CreateDatabaseAsync() => PostGisServer.CreateDatabaseAsync(SeedDemo ? "sm_demo" : "sm_test");

    protected virtual Task DropDatabaseAsync() => PostGisServer.DropDatabaseAsync(ConnectionString);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:SceneMonitor", ConnectionString);
        builder.UseSetting("Demo:SeedOnFirstStart", SeedDemo ? "true" : "false");
        builder.UseSetting("Auth:BootstrapAdmin:Username", AdminUser);
        builder.UseSetting("Auth:BootstrapAdmin:Password", AdminPassword);
        builder.UseSetting("RateLimits:LoginPerMinute", "100000");
        builder.UseSetting("RateLimits:WritesPerMinute", "100000");
        builder.UseSetting("Retention:Enabled", "false");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.UseEnvironment("Testing");
    }

    /// <summary>Extra configuration for a derived fixture (applied after the defaults above).</summary>
    protected virtual IEnumerable<(string Key, string Value)> Settings => [];

    /// <summary>A client signed in with <paramref name="role"/> (recorder, analyst, planner, admin), or
    /// anonymous for "anonymous". Accounts are created on first use: "test-&lt;role&gt;" in
    /// <see cref="TestOrganisation"/>, or "test-&lt;role&gt;-&lt;organisation&gt;" for another organisation.
    /// The token is issued by the app's own token service, as the login endpoint does.</summary>
    public HttpClient ClientFor(string role, string? organisation = null)
    {
        var client = CreateClient();
        if (role == "anonymous") return client;
        if (!Roles.IsValid(role)) throw new ArgumentException($"Unknown role {role}.", nameof(role));
        var token = _tokens.GetOrAdd($"{role}|{organisation}", _ => IssueToken(role, organisation ?? TestOrganisation, organisation is null ? $"test-{role}" : $"test-{role}-{organisation}"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private string IssueToken(string role, string organisation, string username)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SceneMonitorDb>();
        var account = db.Accounts.FirstOrDefault(a => a.Username == username);
        if (account is null)
        {
            account = new Account { Username = username, Role = role, Organisation = organisation, CreatedAt = DateTimeOffset.UtcNow };
            account.PasswordHash = AccountService.HashPassword(account, $"{username}-password");
            db.Accounts.Add(account);
            db.SaveChanges();
        }
        return Services.GetRequiredService<TokenService>().Issue(account.Username, account.Role, account.Organisation, UserClaims.Local, account.SecurityStamp).Token;
    }

    /// <summary>Runs SQL against the test database (arrange and assert on stored state).</summary>
    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        var result = await cmd.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)Convert.ChangeType(result, typeof(T));
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await DropDatabaseAsync();
    }
}

/// <summary>The app with the synthetic demo data set (about 20,000 observations and the Brussel-Zuid clearance).</summary>
public class DemoSceneMonitorApp : SceneMonitorApp
{
    protected override bool SeedDemo => true;
}

/// <summary>The app serving the Ghent region pack (Region:Pack=ghent): Ghent's outline and 25
/// districts, no demo data (docs/region-packs.md).</summary>
public class GhentSceneMonitorApp : SceneMonitorApp
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("Region:Pack", "ghent")];
}

/// <summary>The Ghent pack copied to a temporary folder with its manifest saying metricEpsg 32631
/// (WGS 84 / UTM zone 31N), chosen by folder path: what a city outside Belgium does with its own pack.</summary>
public class GhentUtmSceneMonitorApp : SceneMonitorApp
{
    public const int MetricEpsg = 32631;
    private readonly string _pack = CopyGhentPack();

    protected override IEnumerable<(string Key, string Value)> Settings => [("Region:Pack", _pack)];

    private static string CopyGhentPack()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "geodata", "ghent");
        var target = Directory.CreateTempSubdirectory("ghent-utm-").FullName;
        foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        var manifestPath = Path.Combine(target, "region.json");
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["metricEpsg"] = MetricEpsg;
        manifest["metricName"] = "WGS 84 / UTM zone 31N";
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        return target;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_pack)) Directory.Delete(_pack, recursive: true);
    }
}
