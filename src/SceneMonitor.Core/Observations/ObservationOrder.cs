using Npgsql;

namespace SceneMonitor.Core.Observations;

/// <summary>A row's place in the order a view reads observations: its id and, for coarse views, the
/// hour it is shown at (the rows' ObservedAt). <see cref="Start"/> comes before every row.</summary>
public readonly record struct ObservationPosition(long Id, DateTimeOffset Hour)
{
    /// <summary>Ids start at 1 and every hour is later than year 1.</summary>
    public static readonly ObservationPosition Start = new(0, new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static ObservationPosition Of(ObservationRow row) => new(row.Id, row.ObservedAt);
}

/// <summary>The order rows are listed and keyset-paged in. Exact views: by id. Coarse views: ids count
/// up as records arrive, so an id order would tell the order of observations within the hour the view
/// hides; they are ordered by the hour, then by a hash of the id keyed with a secret seed (the reader
/// cannot compute it), then by id (hash collisions).</summary>
public sealed class ObservationOrder
{
    /// <summary>The keyed hash of o.id; the command needs @order_seed (<see cref="Bind"/>).</summary>
    public const string Hash = "hashtextextended(o.id::text, @order_seed)";

    private readonly long? _seed;

    public ObservationView View { get; }

    /// <param name="seed">Secret for coarse views (required there: an order without it would be guessable).</param>
    public ObservationOrder(ObservationView? view, long? seed)
    {
        View = view ?? ObservationView.Exact;
        if (!View.IsExact && seed is null) throw new ArgumentNullException(nameof(seed), "a coarse view is listed in a keyed order");
        _seed = seed;
    }

    public bool IsExact => View.IsExact;

    /// <summary>ORDER BY list over alias o.</summary>
    public string OrderBy => IsExact ? "o.id" : $"{View.ObservedAt}, {Hash}, o.id";

    /// <summary>The view's hour of o (coarse views), read back into <see cref="ObservationPosition.Hour"/>.</summary>
    public string HourSql => IsExact ? "o.observed_at" : View.ObservedAt;

    public void Bind(NpgsqlCommand cmd)
    {
        View.Bind(cmd);
        if (!IsExact && !cmd.Parameters.Contains("order_seed")) cmd.Parameters.AddWithValue("order_seed", _seed!.Value);
    }

    /// <summary>Rows after the position bound as <paramref name="name"/> (<see cref="Bind(NpgsqlCommand, string, ObservationPosition)"/>).</summary>
    public string After(string name) => Compare(name, ">");

    /// <summary>Rows up to and including the position bound as <paramref name="name"/>.</summary>
    public string UpTo(string name) => Compare(name, "<=");

    private string Compare(string name, string op) => IsExact
        ? $"o.id {op} @{name}"
        : $"({View.ObservedAt}, {Hash}, o.id) {op} (@{name}_hour, hashtextextended(@{name}::text, @order_seed), @{name})";

    /// <summary>Binds a position for <see cref="After"/> or <see cref="UpTo"/> (and the seed).</summary>
    public void Bind(NpgsqlCommand cmd, string name, ObservationPosition p)
    {
        Bind(cmd);
        cmd.Parameters.AddWithValue(name, p.Id);
        if (!IsExact) cmd.Parameters.AddWithValue(name + "_hour", p.Hour.ToUniversalTime());
    }

    /// <summary>Measures a page of a coarse view: count (at most @take, bigint), whether more follow, and
    /// the last row's id and hour (NULL when empty). <paramref name="extra"/> adds columns (e.g. a total).</summary>
    public string MeasureSql(string from, string where, string take, string extra = "") => $"""
        WITH page AS (SELECT o.id, {HourSql} AS h, row_number() OVER (ORDER BY {OrderBy}) AS n FROM {from}
                      WHERE {where} ORDER BY {OrderBy} LIMIT {take} + 1),
             counted AS (SELECT count(*) AS c FROM page)
        SELECT least(counted.c, {take})::int, counted.c > {take}, last.id, last.h{extra}
        FROM counted LEFT JOIN page last ON last.n = least(counted.c, {take})
        """;
}
