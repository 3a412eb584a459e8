using System.Text.Json.Serialization;
using Npgsql;
using Microsoft.Extensions.Options;
using SceneMonitor.Analysis.Projection;
using SceneMonitor.Api.Features.Admin;
using SceneMonitor.Api.Features.Aggregates;
using SceneMonitor.Api.Features.Analysis;
using SceneMonitor.Api.Features.Audit;
using SceneMonitor.Api.Features.Auth;
using SceneMonitor.Api.Features.Areas;
using SceneMonitor.Api.Features.Categories;
using SceneMonitor.Api.Features.Health;
using SceneMonitor.Api.Features.Imports;
using SceneMonitor.Api.Features.Info;
using SceneMonitor.Api.Features.Displacement;
using SceneMonitor.Api.Features.Emerging;
using SceneMonitor.Api.Features.Exports;
using SceneMonitor.Api.Features.Interventions;
using SceneMonitor.Api.Features.MapClusters;
using SceneMonitor.Api.Features.Sweeps;
using SceneMonitor.Api.Features.SceneSize;
using SceneMonitor.Api.Features.Observations;
using SceneMonitor.Api.Features.Ogc;
using SceneMonitor.Api.Features.Open311;
using SceneMonitor.Api.Features.Places;
using SceneMonitor.Api.Features.Stats;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Aggregates;
using SceneMonitor.Core.Analyses;
using SceneMonitor.Core.Areas;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Geodata;
using SceneMonitor.Core.Health;
using SceneMonitor.Core.MapClusters;
using SceneMonitor.Core.Observations;
using SceneMonitor.Core.Stats;
using SceneMonitor.Core.Sweeps;
using SceneMonitor.Core.SceneSize;

var builder = WebApplication.CreateBuilder(args);

// check-region <folder or id>: validates a region pack and exits, with no database (docs/region-packs.md).
if (args.Length > 0 && args[0] == "check-region")
{
    Environment.ExitCode = RegionSetup.Check(builder.Configuration, args.Length > 1 ? args[1] : null);
    return;
}
// The region pack is read and checked first: a broken pack stops the start with its problems listed.
var regionPack = builder.AddRegionPack();

var connectionString = builder.Configuration.GetConnectionString("SceneMonitor")
    ?? throw new InvalidOperationException(
        "No database configured. Set ConnectionStrings__SceneMonitor, or start with ./scenemonitor run which provides a private PostGIS.");

builder.Services.AddOptions<DatabaseOptions>().BindConfiguration("Database");
builder.Services.AddOptions<DemoOptions>().BindConfiguration("Demo");
builder.Services.AddOptions<ServiceRegionOptions>().BindConfiguration("ServiceRegion");
builder.Services.AddOptions<GeodataOptions>().BindConfiguration("Geodata");
builder.Services.AddOptions<RegionOptions>().BindConfiguration("Region");
builder.Services.AddOptions<ObservationOptions>().BindConfiguration("Observations");
builder.Services.AddOptions<MapOptions>().BindConfiguration("Map");
builder.Services.AddOptions<MapClusterOptions>().BindConfiguration("MapClusters");
builder.Services.AddOptions<Open311Options>().BindConfiguration("Open311");
builder.Services.AddSingleton<ObservationIds>();
builder.AddSceneMonitorSecurity();
builder.AddRequestLimits();

NpgsqlDataSource BuildDataSource(int? maxPoolSize = null)
{
    var b = new NpgsqlDataSourceBuilder(connectionString);
    // The app's queries are short; PostgreSQL's JIT spent 100–300 ms compiling some of them at 1 M rows
    // (bench/notes.md), far more than it saved, so it is off for the app's own connections.
    b.ConnectionStringBuilder.Options = $"{b.ConnectionStringBuilder.Options} -c jit=off".Trim();
    // Every row this deployment inserts carries its region pack's id (RegionColumn).
    b.ConnectionStringBuilder.Options += " " + RegionColumn.ConnectionOption(regionPack.Id);
    // The app leaves no session state behind (no session SET, LISTEN, advisory lock or prepared
    // statement; temp tables are ON COMMIT DROP), so a pooled connection needs no DISCARD ALL before
    // its next use: one round trip less for each of the two or three connections a request opens.
    b.ConnectionStringBuilder.NoResetOnClose = true;
    if (maxPoolSize is { } max) b.ConnectionStringBuilder.MaxPoolSize = Math.Min(max, b.ConnectionStringBuilder.MaxPoolSize);
    b.UseNetTopologySuite();
    return b.Build();
}
builder.Services.AddSingleton(BuildDataSource());
// The map's reads (viewport pages, clusters, and their audit lines) run on a pool of their own, a few
// connections per database core (Database:MapReadConnections); further reads wait for a connection
// in arrival order. Each is a few milliseconds of CPU: 50 at once on 2 cores share the CPU and all
// finish late, each on another backend with cold caches. At 1 M rows, 50 clients on 2 cores: p95 139
// -> 85 ms at a higher throughput (bench/notes.md, "Viewport"). Exports, imports and analyses use
// the main pool, so a long export never holds up the map.
builder.Services.AddKeyedSingleton(MapReads.Key, (services, _) =>
    BuildDataSource(services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MapReadConnections));
builder.Services.AddKeyedScoped(MapReads.Key, (services, key) => new ObservationStore(services.GetRequiredKeyedService<NpgsqlDataSource>(key)));
builder.Services.AddKeyedScoped(MapReads.Key, (services, key) => new ClusterStore(services.GetRequiredKeyedService<NpgsqlDataSource>(key)));
builder.Services.AddKeyedScoped(MapReads.Key, (services, key) => new Auditor(new AuditStore(services.GetRequiredKeyedService<NpgsqlDataSource>(key))));
builder.Services.AddDbContext<SceneMonitorDb>((services, o) => o.UseSceneMonitor(services.GetRequiredService<NpgsqlDataSource>()));

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ServiceRegionProvider>();
builder.Services.AddScoped<ObservationStore>();
builder.Services.AddScoped<AggregateStore>();
builder.Services.AddScoped<AreaStore>();
builder.Services.AddSingleton<SceneMonitor.Api.Features.Areas.AreaListCache>();
builder.Services.AddScoped<TimeSeriesStore>();
builder.Services.AddScoped<SweepStore>();
builder.Services.AddScoped<SceneSizeStore>();
builder.Services.AddScoped<HealthProbe>();
builder.Services.AddScoped<SceneMonitor.Api.Features.Observations.ObservationValidation>();
builder.Services.AddScoped<DatabaseInitialiser>();
builder.Services.AddScoped<DisplacementData>();
builder.Services.AddScoped<ControlSuggestionData>();
builder.Services.AddScoped<DisplacementRequestParser>();
builder.Services.AddScoped<DisplacementService>();
builder.Services.AddScoped<VerdictService>();
// The gazetteer is read once, at first use (the region pack's gazetteer file).
// The one metric CRS of this deployment: Privacy:Srid, which is the region pack's metricEpsg unless
// set explicitly (RegionSetup). Views carry the same code into SQL as @metric_srid.
builder.Services.AddSingleton(sp => MetricProjection.ForEpsg(sp.GetRequiredService<IOptions<PrivacyOptions>>().Value.Srid));
builder.Services.AddSingleton(sp => Gazetteer.Load(regionPack.GazetteerPath, sp.GetRequiredService<MetricProjection>()));
builder.Services.AddSingleton<PlaceNamer>();
builder.Services.AddScoped<EmergingData>();
builder.Services.AddOptions<ImportOptions>().BindConfiguration("Imports");
builder.Services.AddSingleton<ImportService>();
builder.Services.AddHostedService<ImportRecovery>();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi(o => { o.AddSecuritySchemes(); o.AddClientConventions(); });
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
    o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    JsonInput.MakeStrict(o.SerializerOptions);
});

var app = builder.Build();
// Date-only filters mean local days of the configured zone (QueryTime), everywhere they are read.
QueryTime.Configure(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ObservationOptions>>().Value.TimeZone);

using (var scope = app.Services.CreateScope())
{
    var init = scope.ServiceProvider.GetRequiredService<DatabaseInitialiser>();
    await init.InitialiseAsync(app.Lifetime.ApplicationStopping);
    if (args.Contains("seed-demo"))
    {
        await init.SeedDemoAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        return;
    }
}
await app.Services.InitialiseSecurityAsync(app.Lifetime.ApplicationStopping);

// HEAD runs as GET, so it must come before routing picks the endpoint (see HeadRequests).
app.UseHeadAsGet();
app.UseRouting();
app.UseExceptionHandler();
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseRequestLimits();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles(InstallableApp.StaticFiles());
app.UseSceneMonitorSecurity();

// Who may call what: docs in docs/privacy.md, "Who may call what"; every endpoint not marked here or
// in its feature needs a signed-in user (fallback policy), and the role matrix test lists them all.
app.MapOpenApi().AllowAnonymous();
app.MapAuthEndpoints();
app.MapHealthEndpoints();
app.MapInfoEndpoints();
app.MapCategoryEndpoints();
app.MapAreaEndpoints();
app.MapPlaceEndpoints();
app.MapObservationEndpoints();
app.MapImportEndpoints();
app.MapStatsEndpoints();
app.MapInterventionEndpoints();
app.MapSweepEndpoints();
app.MapSceneSizeEndpoints();
app.MapDisplacementEndpoints();
app.MapEmergingEndpoints();
app.MapAnalysisEndpoints();
app.MapAggregateEndpoints();
app.MapClusterEndpoints();
app.MapAccountEndpoints();
app.MapApiKeyEndpoints();
app.MapRetentionEndpoints();
app.MapAuditEndpoints();
app.MapOpen311Endpoints();
app.MapExportEndpoints();
app.MapOgcEndpoints();

app.Run();

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
