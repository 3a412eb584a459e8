using System.Text.Json;
using Npgsql;

namespace SceneMonitor.Api.Features.Ogc;

public enum OgcType { String, Integer, Number, DateTime }

/// <summary>A feature property: written in every feature and, when <see cref="Queryable"/>, usable in
/// filters. <see cref="Sql"/> is a fixed expression over the source's FROM; values never enter SQL text.</summary>
public sealed record OgcProperty(string Name, OgcType Type, string Sql, string Title, bool Queryable = true)
{
    public JsonEncodedText JsonName { get; } = JsonEncodedText.Encode(Name);

    public string SchemaType => Type switch { OgcType.Integer => "integer", OgcType.Number => "number", _ => "string" };
}

/// <summary>A datetime filter: closed interval, either end open (null). A date-only end covers its whole day.</summary>
public sealed record OgcInterval(DateTime? Start, DateTime? End);

/// <summary>What one collection's items query reads, as SQL fragments over its FROM, for the reader's
/// view of the data. Built per request because the expressions depend on the role.</summary>
public sealed class OgcSource
{
    public const string GeometryName = "geometry";

    /// <summary>FROM clause (may be a subquery).</summary>
    public required string From { get; init; }
    /// <summary>Conditions every row must meet (e.g. not retracted, the datetime filter).</summary>
    public required string Where { get; init; }
    /// <summary>The feature id, a bigint; items are paged by it (keyset).</summary>
    public required string Id { get; init; }
    /// <summary>The geometry as the reader sees it (SRID 4326).</summary>
    public required string Geometry { get; init; }
    /// <summary>A stored geometry that lies within <see cref="SlackParameter"/> degrees of <see cref="Geometry"/>,
    /// tested first so spatial filters on a coarsened geometry need not compute it for every row (and
    /// use the GiST index where the stored geometry has one: areas).</summary>
    public string? IndexGeometry { get; init; }
    public string SlackParameter { get; init; } = "0";
    public bool IsPoint { get; init; }
    /// <summary>For observations (alias o): a bbox in degrees, widened by this many degrees, is also
    /// given to the cell index (ViewportCells), the table's spatial index.</summary>
    public double? CellSlackDegrees { get; init; }
    /// <summary>Coarse observations: features are listed in this keyed order (not by <see cref="Id"/>)
    /// and their ids written and read as <see cref="Ids"/>' opaque ids and cursors.</summary>
    public SceneMonitor.Core.Observations.ObservationOrder? KeyedOrder { get; init; }
    public SceneMonitor.Api.Security.ObservationIds? Ids { get; init; }
    /// <summary>Expensive to evaluate (an aggregate): items read each page in one query and hold it.</summary>
    public bool Buffered { get; init; }
    public required IReadOnlyList<OgcProperty> Properties { get; init; }

    public OgcProperty? Queryable(string name) => Properties.FirstOrDefault(p => p.Queryable && p.Name == name);

    /// <summary>SQL that is true where the feature's geometry intersects <paramref name="geometrySql"/> (SRID 4326).</summary>
    public string Intersects(string geometrySql) => IndexGeometry is null
        ? $"ST_Intersects({Geometry}, {geometrySql})"
        : $"{IndexGeometry} && ST_Expand({geometrySql}, {SlackParameter}) AND ST_Intersects({Geometry}, {geometrySql})";

    /// <summary>Adds a parameter with a generated name and returns its placeholder.</summary>
    public static string Parameter(NpgsqlCommand cmd, object value, NpgsqlTypes.NpgsqlDbType? type = null)
    {
        var name = $"q{cmd.Parameters.Count}";
        if (type is { } t) cmd.Parameters.Add(new NpgsqlParameter(name, t) { Value = value });
        else cmd.Parameters.AddWithValue(name, value);
        return "@" + name;
    }
}
