using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SceneMonitor.Core.Data;

/// <summary>The region id kept on observations, areas, interventions and analyses, so several regions
/// can later share one database (docs/scaling.md). The app's connections carry the deployment's pack
/// id as the session setting <see cref="Setting"/> (Program, BuildDataSource); the column's default
/// reads it, so every insert (EF, plain SQL, COPY) is stamped without naming the column. Rows
/// written before region packs existed, or by a connection without the setting, were Brussels':
/// the only region there was.</summary>
public static class RegionColumn
{
    public const string Setting = "scenemonitor.region";
    public const string DefaultSql = "coalesce(nullif(current_setting('" + Setting + "', true), ''), 'brussels')";

    /// <summary>Connection start-up option that stamps this connection's inserts with <paramref name="regionId"/>.</summary>
    public static string ConnectionOption(string regionId) => $"-c {Setting}={regionId}";

    public static void HasRegion<T>(this EntityTypeBuilder<T> e) where T : class, IHasRegion =>
        e.Property(x => x.Region).IsRequired().HasMaxLength(64).HasDefaultValueSql(DefaultSql);
}

/// <summary>An entity stamped with its region id (<see cref="RegionColumn"/>).</summary>
public interface IHasRegion
{
    /// <summary>Region pack id; null on a new entity: the database fills it in from the connection.</summary>
    string? Region { get; set; }
}
