using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Ogc;

/// <summary>The items query of one request, parsed and compiled: the source, the complete WHERE clause
/// and a command holding its parameters. Every error is a 400 naming the parameter and the reason;
/// unknown parameters are errors too, so a typo never silently returns everything.</summary>
public sealed class OgcItemsQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;
    public const string CursorParameter = "after";
    private static readonly HashSet<string> Standard =
        ["limit", CursorParameter, "bbox", "bbox-crs", "datetime", "crs", "filter", "filter-lang", "filter-crs", "f"];

    /// <summary>cql2-text, and its draft name cql-text: GDAL up to 3.6 offers CQL only to servers that list
    /// cql-text for filter-lang in the OpenAPI document, and then sends filter-lang=cql-text. What it writes
    /// (comparisons, AND/OR/NOT, LIKE, IS NULL, times as quoted strings) is read by the CQL2 compiler.</summary>
    public static readonly string[] FilterLanguages = ["cql2-text", "cql-text"];

    public required OgcSource Source { get; init; }
    public required string Where { get; init; }
    public required NpgsqlCommand Parameters { get; init; }
    public required int Limit { get; init; }
    /// <summary>Where the page starts (the `after` cursor; coarse observations: an opaque cursor).</summary>
    public required ObservationPosition After { get; init; }
    public required OgcCrs Crs { get; init; }
    public required bool PlainJson { get; init; }

    public static (OgcItemsQuery? Query, ProblemHttpResult? Problem) Parse(IQueryCollection q, OgcCollection collection, Func<OgcInterval?, NpgsqlCommand, OgcSource> build)
    {
        try
        {
            return (ParseOrThrow(q, collection, build), null);
        }
        catch (OgcParameterException e)
        {
            return (null, Problems.BadRequest(e.Parameter, e.Message));
        }
    }

    private sealed class OgcParameterException(string parameter, string message) : Exception(message)
    {
        public string Parameter { get; } = parameter;
    }

    private static OgcItemsQuery ParseOrThrow(IQueryCollection q, OgcCollection collection, Func<OgcInterval?, NpgsqlCommand, OgcSource> build)
    {
        foreach (var (key, values) in q)
            if (values.Count > 1) throw new OgcParameterException(key, "is given more than once");

        var limit = DefaultLimit;
        if (Single(q, "limit") is { } limitText)
        {
            // Larger values are clamped (OGC API – Features 1, /req/core/fc-limit-response-1), others are errors.
            if (limitText.Length == 0 || !limitText.All(char.IsAsciiDigit))
                throw new OgcParameterException("limit", $"must be a whole number from 1 to {MaxLimit} (larger values are reduced to {MaxLimit})");
            var digits = limitText.TrimStart('0');
            limit = digits.Length == 0 ? 0 : digits.Length > 5 ? MaxLimit : Math.Min(int.Parse(digits, CultureInfo.InvariantCulture), MaxLimit);
            if (limit == 0) throw new OgcParameterException("limit", "must be at least 1");
        }

        var crs = CrsParameter(q, "crs");
        var bboxCrs = CrsParameter(q, "bbox-crs");
        var filterCrs = CrsParameter(q, "filter-crs");
        if (Single(q, "bbox-crs") is not null && Single(q, "bbox") is null) throw new OgcParameterException("bbox-crs", "is only allowed with bbox");
        var json = Single(q, "f") switch
        {
            null or "geojson" => false,
            "json" => true,
            _ => throw new OgcParameterException("f", "must be geojson (application/geo+json, the default) or json (application/json)"),
        };

        OgcInterval? time = null;
        if (Single(q, "datetime") is { } dt)
        {
            if (!OgcTime.TryParse(dt, out time, out var error)) throw new OgcParameterException("datetime", error!);
            if (!collection.HasTime) time = null; // nothing in this collection has a time: the filter cannot exclude anything
        }

        var cmd = new NpgsqlCommand();
        var source = build(time, cmd);
        var after = ObservationPosition.Start;
        if (Single(q, CursorParameter) is { } afterText)
        {
            ObservationPosition? cursor = source.KeyedOrder is { } order && source.Ids is { } ids
                ? ids.ReadCursor(afterText, order.View)
                : long.TryParse(afterText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? ObservationPosition.Start with { Id = id } : null;
            after = cursor ?? throw new OgcParameterException(CursorParameter, "must be the value from a previous page's 'next' link");
        }
        var where = source.Where;
        if (Single(q, "bbox") is { } bboxText) where += " AND " + Bbox(bboxText, bboxCrs ?? OgcCrs.Crs84, source, cmd);

        foreach (var (key, values) in q)
        {
            if (Standard.Contains(key)) continue;
            var property = source.Queryable(key)
                ?? throw new OgcParameterException(key, $"is not a parameter of this collection; allowed: {string.Join(", ", Standard.Concat(source.Properties.Where(p => p.Queryable).Select(p => p.Name)))}");
            where += $" AND {property.Sql} = {PropertyValue(property, values.ToString(), cmd)}";
        }

        if (Single(q, "filter-lang") is { } lang && !FilterLanguages.Contains(lang))
            throw new OgcParameterException("filter-lang", "must be cql2-text (cql-text, its draft name, is read the same way)");
        if (Single(q, "filter") is { } filter)
        {
            try
            {
                where += " AND " + Cql2Compiler.Compile(filter, source, filterCrs ?? OgcCrs.Crs84, cmd);
            }
            catch (Cql2Exception e)
            {
                throw new OgcParameterException("filter", e.Message);
            }
        }
        else if (Single(q, "filter-crs") is not null) throw new OgcParameterException("filter-crs", "is only allowed with filter");

        return new OgcItemsQuery { Source = source, Where = where, Parameters = cmd, Limit = limit, After = after, Crs = crs ?? OgcCrs.Crs84, PlainJson = json };
    }

    private static string? Single(IQueryCollection q, string name) => q.TryGetValue(name, out var v) ? v.ToString() : null;

    private static OgcCrs? CrsParameter(IQueryCollection q, string name)
    {
        if (Single(q, name) is not { } text) return null;
        return OgcCrs.Parse(text) ?? throw new OgcParameterException(name, $"'{text}' is not offered; use one of {OgcCrs.Supported}");
    }

    private static string Bbox(string text, OgcCrs crs, OgcSource source, NpgsqlCommand cmd)
    {
        var parts = text.Split(',');
        var n = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
        if (n.Length is not (4 or 6) || n.Any(v => !double.IsFinite(v)))
            throw new OgcParameterException("bbox", crs.LatLon
                ? "must be four numbers minLat,minLon,maxLat,maxLon (EPSG:4326 is latitude first)"
                : "must be four numbers: lower left and upper right corner (minLon,minLat,maxLon,maxLat in CRS84)");
        if (n.Length == 6) n = [n[0], n[1], n[3], n[4]]; // heights are ignored: features here have none
        var (x0, y0, x1, y1) = crs.LatLon ? (n[1], n[0], n[3], n[2]) : (n[0], n[1], n[2], n[3]);
        if (x0 > x1 || y0 > y1) throw new OgcParameterException("bbox", "the lower corner must come first (minimum before maximum on each axis)");
        if (crs.Srid == 4326 && (x0 < -180 || x1 > 180 || y0 < -90 || y1 > 90))
            throw new OgcParameterException("bbox", crs.LatLon ? "is outside -90..90 latitude, -180..180 longitude" : "is outside -180..180 longitude, -90..90 latitude (for projected coordinates give bbox-crs)");
        var envelope = $"ST_Transform(ST_MakeEnvelope({P(cmd, x0)}, {P(cmd, y0)}, {P(cmd, x1)}, {P(cmd, y1)}, {OgcSource.Parameter(cmd, crs.Srid, NpgsqlDbType.Integer)}), 4326)";
        // Observations have no GiST index: a bbox in degrees (the default CRS84, or EPSG:4326) up to a
        // city's size also goes to the cell index; a projected or larger bbox is tested row by row.
        if (crs.Srid == 4326 && source.CellSlackDegrees is { } slack && ViewportCells.Covering(x0 - slack, y0 - slack, x1 + slack, y1 + slack) is { } cells)
            return $"{ViewportCells.Sql("o")} = ANY({OgcSource.Parameter(cmd, cells, NpgsqlDbType.Array | NpgsqlDbType.Integer)}) AND {source.Intersects(envelope)}";
        return source.Intersects(envelope);
    }

    private static string P(NpgsqlCommand cmd, double value) => OgcSource.Parameter(cmd, value, NpgsqlDbType.Double);

    private static string PropertyValue(OgcProperty property, string text, NpgsqlCommand cmd)
    {
        switch (property.Type)
        {
            case OgcType.Integer when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l):
                return OgcSource.Parameter(cmd, l, NpgsqlDbType.Bigint);
            case OgcType.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d):
                return OgcSource.Parameter(cmd, d, NpgsqlDbType.Double);
            case OgcType.DateTime when OgcTime.TryParseInstant(text, out var t, out _):
                return OgcSource.Parameter(cmd, t, NpgsqlDbType.TimestampTz);
            case OgcType.String:
                return OgcSource.Parameter(cmd, text, NpgsqlDbType.Text);
            default:
                throw new OgcParameterException(property.Name, $"must be {(property.Type == OgcType.DateTime ? "an RFC 3339 date-time" : $"a{(property.Type == OgcType.Integer ? " whole" : "")} number")}");
        }
    }

    /// <summary>A read-only transaction without JIT compilation: PostgreSQL's cost model prices the PostGIS
    /// functions so high that it compiles these queries, which costs 100–300 ms each and pays off for none
    /// of them (measured on 1 M observations: a 10,000-feature page in 65 ms instead of 390 ms).</summary>
    public static async Task<NpgsqlTransaction> WithoutJitAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);
        await using var cmd = new NpgsqlCommand("SET TRANSACTION READ ONLY; SET LOCAL jit = off", connection, tx);
        await cmd.ExecuteNonQueryAsync(ct);
        return tx;
    }

    /// <summary>A read of features: connection, JIT-free transaction and a command with this query's
    /// parameters whose text <paramref name="sql"/> builds from the feature select list and FROM clause.</summary>
    public async Task<FeatureRead> ReadFeaturesAsync(NpgsqlDataSource db, Func<string, string, string> sql, CancellationToken ct)
    {
        var conn = await db.OpenConnectionAsync(ct);
        var tx = await WithoutJitAsync(conn, ct);
        var cmd = NewCommand("", conn);
        var (select, extraFrom) = OgcFeatureWriter.Select(Source, Crs, cmd);
        cmd.CommandText = sql(select, Source.From + extraFrom);
        return new FeatureRead(conn, tx, cmd);
    }

    public sealed class FeatureRead(NpgsqlConnection connection, NpgsqlTransaction transaction, NpgsqlCommand command) : IAsyncDisposable
    {
        public NpgsqlCommand Command => command;

        public async ValueTask DisposeAsync()
        {
            await command.DisposeAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    /// <summary>A new command with this query's parameters (a command runs once per connection).</summary>
    public NpgsqlCommand NewCommand(string sql, NpgsqlConnection connection)
    {
        var cmd = new NpgsqlCommand(sql, connection);
        foreach (NpgsqlParameter p in Parameters.Parameters) cmd.Parameters.Add(p.Clone());
        return cmd;
    }
}
