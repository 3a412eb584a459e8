using SceneMonitor.Analysis.Projection;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Regions;

namespace SceneMonitor.Api.Infrastructure;

/// <summary>Bound from "Region": which region pack this deployment serves (docs/region-packs.md).</summary>
public sealed class RegionOptions
{
    /// <summary>A pack id (a folder under Geodata:Directory) or a path to a pack folder.</summary>
    public string Pack { get; set; } = "brussels";
}

/// <summary>Reads and checks the region pack before anything else starts, and makes its manifest the
/// default of the settings that depend on the region (time zone, metric grid, data attribution):
/// such a setting given explicitly (Observations:TimeZone, Privacy:Srid, Map:DataAttribution) still wins.</summary>
public static class RegionSetup
{
    public static RegionPack AddRegionPack(this WebApplicationBuilder builder)
    {
        var folder = PackFolder(builder.Configuration, builder.Configuration["Region:Pack"] ?? new RegionOptions().Pack);
        var pack = RegionPack.Load(folder); // refuses to start, naming each file and problem
        builder.Services.AddSingleton(pack);
        builder.Services.PostConfigure<ObservationOptions>(o => o.TimeZone = string.IsNullOrWhiteSpace(o.TimeZone) ? pack.TimeZone : o.TimeZone);
        builder.Services.PostConfigure<PrivacyOptions>(o => o.Srid = o.Srid == 0 ? pack.MetricEpsg : o.Srid);
        // An explicit Privacy:Srid replaces the pack's metric CRS everywhere: refuse at start what no analysis can measure in.
        builder.Services.AddOptions<PrivacyOptions>()
            .Validate(o => MetricProjection.IsSupportedEpsg(o.Srid), $"Privacy:Srid is not a supported metric projection ({RegionPackCheck.SupportedMetricEpsg}); leave it unset to use the region pack's metricEpsg.")
            .ValidateOnStart();
        builder.Services.PostConfigure<MapOptions>(o => o.DataAttribution = string.IsNullOrWhiteSpace(o.DataAttribution) ? pack.Manifest.Attribution! : o.DataAttribution);
        return pack;
    }

    /// <summary>check-region &lt;folder or pack id&gt;: prints the pack's problems (or that it is fine)
    /// and returns the process exit code, 0 for a good pack.</summary>
    public static int Check(IConfiguration configuration, string? pack)
    {
        if (string.IsNullOrWhiteSpace(pack))
        {
            Console.Error.WriteLine("usage: check-region <pack folder or pack id>");
            return 2;
        }
        var folder = Directory.Exists(pack) ? Path.GetFullPath(pack) : PackFolder(configuration, pack);
        var problems = RegionPackCheck.Problems(folder);
        if (problems.Count > 0)
        {
            Console.Error.WriteLine(new RegionPackException(folder, problems).Message);
            return 1;
        }
        var loaded = RegionPack.Load(folder);
        Console.WriteLine($"Region pack '{loaded.Id}' ({loaded.Names.En}) in {folder} is valid: outline, {loaded.Layers.Count} area layer(s), gazetteer.");
        foreach (var s in loaded.UnconfirmedSources)
            Console.WriteLine($"  note: licence not confirmed for {string.Join(", ", s.Files!)}: {s.Licence}");
        return 0;
    }

    private static string PackFolder(IConfiguration configuration, string pack)
    {
        var geodata = configuration.GetSection("Geodata").Get<GeodataOptions>() ?? new GeodataOptions();
        return RegionPack.Resolve(pack, geodata.Resolve());
    }
}
