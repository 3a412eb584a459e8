using Npgsql;
using NpgsqlTypes;

namespace SceneMonitor.Core.Observations;

/// <summary>Reads and writes observations with plain parameterised SQL. Batches are written in one
/// statement inside one transaction, so a batch is stored completely or not at all.</summary>
public sealed partial class ObservationStore(NpgsqlDataSource db)
{
    public sealed record WriteContext(string RecordedBy, string? Organisation);

    /// <summary>Result per input item, in input order. Existing = true when the writer's organisation
    /// had already stored (source, externalRef), in which case nothing was written for that item.
    /// Keys are per organisation (the unique index is on organisation, source, external_ref): another
    /// organisation's record with the same key is neither found nor reported.</summary>
    public sealed record Written(long Id, bool Existing);

    /// <summary>The columns <see cref="ReadRow"/> reads, as <paramref name="view"/> lets the reader see them:
    /// a coarse view gets the snapped point, the hour, and no organisation, note or retraction reason.
    /// Exact rows read o.lon/o.lat, the ST_X/ST_Y the database stores (two function calls less per row).</summary>
    private static string Columns(ObservationView view) => view.IsExact
        ? "o.id, c.code, o.lon, o.lat, o.observed_at, o.quantity, o.source, o.organisation, o.note, o.retracted, o.retracted_reason"
        : $"o.id, c.code, ST_X(p.loc), ST_Y(p.loc), {view.ObservedAt}, o.quantity, o.source, NULL::text, NULL::text, o.retracted, NULL::text";

    private static string FromFor(ObservationView view) =>
        view.IsExact ? ObservationSql.From : $"{ObservationSql.From} CROSS JOIN LATERAL (SELECT {view.Location} AS loc) p";

    public async Task<IReadOnlyList<Written>> InsertAsync(IReadOnlyList<ObservationInput> items, WriteContext ctx, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var result = await InsertAsync(conn, tx, items, ctx, ct);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>The insert inside the caller's transaction (a correction retracts in the same one).</summary>
    private static async Task<Written[]> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<ObservationInput> items, WriteContext ctx, CancellationToken ct)
    {
        // Ids are taken from the sequence first so every input item knows its id, whatever order
        // PostgreSQL inserts in; ids of skipped duplicates are simply never used.
        var ids = new long[items.Count];
        await using (var seq = new NpgsqlCommand(
            "SELECT nextval(pg_get_serial_sequence('observations', 'id')) FROM generate_series(1, @n)", conn, tx))
        {
            seq.Parameters.AddWithValue("n", items.Count);
            await using var r = await seq.ExecuteReaderAsync(ct);
            for (var i = 0; await r.ReadAsync(ct); i++) ids[i] = r.GetInt64(0);
        }

        // Rows go in sorted by their unique key, not in input order: concurrent batches that share
        // keys then wait for each other in one order instead of deadlocking (40P01) in crossed ones.
        var inserted = new HashSet<long>();
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO observations (id, category_id, location, observed_at, quantity, source, organisation,
                                      recorded_by, external_ref, note, created_at, retracted, coarsened)
            SELECT t.id, c.id, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326), t.observed_at, t.quantity, t.source,
                   @organisation, @recorded_by, t.external_ref, t.note, now(), false, false
            FROM unnest(@id, @category, @lon, @lat, @observed_at, @quantity, @source, @external_ref, @note)
                 AS t(id, category, lon, lat, observed_at, quantity, source, external_ref, note)
            JOIN categories c ON c.code = t.category
            ORDER BY t.source, t.external_ref, t.id
            ON CONFLICT (organisation, source, external_ref) WHERE external_ref IS NOT NULL DO NOTHING
            RETURNING id
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("id", ids);
            cmd.Parameters.AddWithValue("category", items.Select(i => i.Category!).ToArray());
            cmd.Parameters.AddWithValue("lon", items.Select(i => i.Longitude!.Value).ToArray());
            cmd.Parameters.AddWithValue("lat", items.Select(i => i.Latitude!.Value).ToArray());
            cmd.Parameters.AddWithValue("observed_at", items.Select(i => i.ObservedAt!.Value.ToUniversalTime()).ToArray());
            cmd.Parameters.AddWithValue("quantity", items.Select(i => i.Quantity ?? 1).ToArray());
            cmd.Parameters.AddWithValue("source", items.Select(i => i.Source!).ToArray());
            cmd.Parameters.Add(new NpgsqlParameter("external_ref", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = items.Select(i => (object?)i.ExternalRef ?? DBNull.Value).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter("note", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = items.Select(i => (object?)NormaliseNote(i.Note) ?? DBNull.Value).ToArray() });
            cmd.Parameters.AddWithValue("organisation", (object?)ctx.Organisation ?? DBNull.Value);
            cmd.Parameters.AddWithValue("recorded_by", ctx.RecordedBy);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) inserted.Add(r.GetInt64(0));
        }

        var result = new Written[items.Count];
        var missing = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            if (inserted.Contains(ids[i])) result[i] = new Written(ids[i], false);
            else missing.Add(i);
        }
        if (missing.Count > 0)
        {
            var existing = await FindByExternalRefAsync(conn, tx, ctx.Organisation, missing.Select(i => (items[i].Source!, items[i].ExternalRef!)).ToList(), ct);
            foreach (var i in missing)
            {
                // Only (source, externalRef) conflicts skip a row; an item without a stored twin
                // here would mean a lost write, so fail the whole batch rather than report success.
                if (!existing.TryGetValue((items[i].Source!, items[i].ExternalRef!), out var id))
                    throw new InvalidOperationException($"Observation {i} was neither inserted nor found.");
                result[i] = new Written(id, true);
            }
        }
        return result;
    }

    /// <summary>The id the organisation stored under one of <paramref name="refs"/> of <paramref name="source"/>,
    /// if any: lets a writer recognise a resend under any of several keys (Open311's time window).</summary>
    public async Task<long?> FindByExternalRefAsync(string? organisation, string source, IReadOnlyList<string> refs, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var found = await FindByExternalRefAsync(conn, null, organisation, refs.Select(r => (source, r)).ToList(), ct);
        return found.Count > 0 ? found.Values.Min() : null;
    }

    private static async Task<Dictionary<(string, string), long>> FindByExternalRefAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, string? organisation, List<(string Source, string Ref)> keys, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT o.source, o.external_ref, o.id FROM observations o
            JOIN unnest(@sources, @refs) AS k(source, external_ref) ON o.source = k.source AND o.external_ref = k.external_ref
            WHERE o.organisation IS NOT DISTINCT FROM @organisation
            """, conn, tx);
        cmd.Parameters.AddWithValue("organisation", NpgsqlDbType.Text, (object?)organisation ?? DBNull.Value);
        cmd.Parameters.AddWithValue("sources", keys.Select(k => k.Source).ToArray());
        cmd.Parameters.AddWithValue("refs", keys.Select(k => k.Ref).ToArray());
        var found = new Dictionary<(string, string), long>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) found[(r.GetString(0), r.GetString(1))] = r.GetInt64(2);
        return found;
    }

    public async Task<ObservationRow?> GetAsync(long id, CancellationToken ct, ObservationView? view = null)
    {
        view ??= ObservationView.Exact;
        await using var cmd = db.CreateCommand($"SELECT {Columns(view)} FROM {FromFor(view)} WHERE o.id = @id");
        view.Bind(cmd);
        cmd.Parameters.AddWithValue("id", id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? ReadRow(r) : null;
    }

    /// <summary>One page of <see cref="QueryAsync"/> measured without reading it: how many rows, the
    /// last row's position (to stream exactly that page with upTo) and whether more rows follow. Lets the
    /// caller audit the row count before sending anything and still stream the rows. Coarse views need
    /// <paramref name="orderSeed"/> (see <see cref="ObservationOrder"/>).</summary>
    public async Task<(int Count, ObservationPosition Last, bool More)> PageAsync(ObservationFilter filter, ObservationPosition after, int take, CancellationToken ct,
        ObservationView? view = null, long? orderSeed = null)
    {
        var order = new ObservationOrder(view, orderSeed);
        view = order.View;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand { Connection = conn };
        var where = ObservationSql.Where(filter, cmd, view);
        cmd.Parameters.AddWithValue("take", take);
        if (!order.IsExact)
        {
            order.Bind(cmd, "after", after);
            cmd.CommandText = order.MeasureSql(FromFor(view), $"{where} AND {order.After("after")}", "@take::bigint");
            await using var coarse = await cmd.ExecuteReaderAsync(ct);
            await coarse.ReadAsync(ct);
            var last = coarse.IsDBNull(2) ? after : new ObservationPosition(coarse.GetInt64(2), coarse.GetFieldValue<DateTimeOffset>(3));
            return (coarse.GetInt32(0), last, coarse.GetBoolean(1));
        }
        // One row beyond the page tells whether more follow, so the filter runs once here (an EXISTS
        // after the page ran it a second time: for a viewport with no further rows, over everything
        // it matched again; measured in bench/RESULTS.md). bigint: exports ask for int.MaxValue rows.
        cmd.CommandText = $"""
            SELECT least(count(*), @take)::int, coalesce(max(page.id) FILTER (WHERE page.n <= @take), @after), count(*) > @take
            FROM (SELECT o.id, row_number() OVER (ORDER BY o.id) AS n FROM {FromFor(view)} WHERE {where} AND o.id > @after ORDER BY o.id LIMIT @take::bigint + 1) page
            """;
        cmd.Parameters.AddWithValue("after", after.Id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt32(0), new ObservationPosition(r.GetInt64(1), after.Hour), r.GetBoolean(2));
    }

    /// <summary>Pages up to this many rows (the largest page the list allows) are read whole by
    /// <see cref="ReadPageAsync"/>: a few MB per request at most, the same for every page of an
    /// export, and one pass over the filter instead of two (bench/RESULTS.md, export).</summary>
    public const int BufferedPageLimit = 10_000;

    /// <summary>A page of at most <see cref="BufferedPageLimit"/> rows in one query, read into memory,
    /// with one row beyond it telling whether more follow: half the database work of measuring the
    /// page and then streaming it, for the small pages a map viewport asks for.</summary>
    public async Task<(List<ObservationRow> Rows, bool More)> ReadPageAsync(ObservationFilter filter, ObservationPosition after, int take, CancellationToken ct,
        ObservationView? view = null, long? orderSeed = null)
    {
        if (take > BufferedPageLimit) throw new ArgumentOutOfRangeException(nameof(take), $"at most {BufferedPageLimit}; stream larger pages");
        var rows = new List<ObservationRow>();
        await foreach (var row in QueryAsync(filter, after, take + 1, ct, view, orderSeed: orderSeed)) rows.Add(row);
        var more = rows.Count > take;
        if (more) rows.RemoveAt(rows.Count - 1);
        return (rows, more);
    }

    /// <summary>Streams matching rows in the view's order (<see cref="ObservationOrder"/>) after
    /// <paramref name="after"/> and up to <paramref name="upTo"/> (keyset paging).</summary>
    public async IAsyncEnumerable<ObservationRow> QueryAsync(ObservationFilter filter, ObservationPosition after, int take,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct, ObservationView? view = null, ObservationPosition? upTo = null, long? orderSeed = null)
    {
        var order = new ObservationOrder(view, orderSeed);
        view = order.View;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand { Connection = conn };
        var where = ObservationSql.Where(filter, cmd, view);
        if (order.IsExact)
        {
            cmd.CommandText = $"SELECT {Columns(view)} FROM {FromFor(view)} WHERE {where} AND o.id > @after AND o.id <= @upto ORDER BY o.id LIMIT @take";
            cmd.Parameters.AddWithValue("after", after.Id);
            cmd.Parameters.AddWithValue("upto", upTo?.Id ?? long.MaxValue);
        }
        else
        {
            order.Bind(cmd, "after", after);
            var range = order.After("after");
            if (upTo is { } last)
            {
                order.Bind(cmd, "upto", last);
                range += " AND " + order.UpTo("upto");
            }
            cmd.CommandText = $"SELECT {Columns(view)} FROM {FromFor(view)} WHERE {where} AND {range} ORDER BY {order.OrderBy} LIMIT @take";
        }
        cmd.Parameters.AddWithValue("take", take);
        // Not SequentialAccess: the rows are small, and a whole row in the buffer lets the synchronous
        // getters in ReadRow read without blocking a thread-pool thread on the socket (under 50
        // concurrent viewport requests that blocking starved the pool; bench/notes.md, "Viewport").
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) yield return ReadRow(r);
    }

    public enum RetractOutcome { Retracted, AlreadyRetracted, NotFound, OtherOrganisation }

    /// <summary>Restricts a retraction to the observations of one organisation (null: those without one).</summary>
    public sealed record OwnedBy(string? Organisation);

    /// <summary>Retracts an observation. With <paramref name="owner"/> set, only an observation owned by
    /// that organisation is touched (recorders retract only their own organisation's records).</summary>
    public async Task<RetractOutcome> RetractAsync(long id, string reason, string by, CancellationToken ct, OwnedBy? owner = null)
    {
        await using var cmd = Withdraw(db.CreateCommand(WithdrawSql), id, reason, by, owner);
        if (await cmd.ExecuteNonQueryAsync(ct) == 1) return RetractOutcome.Retracted;
        return await NotWithdrawnAsync(id, owner, ct);
    }

    /// <summary>Withdraws one observation (a retraction, or the old half of a correction): only one
    /// not withdrawn yet and, with an owner, only that organisation's.</summary>
    private const string WithdrawSql = """
        UPDATE observations SET retracted = true, retracted_reason = @reason, retracted_at = now(), retracted_by = @by
        WHERE id = @id AND NOT retracted AND (@any OR organisation IS NOT DISTINCT FROM @org)
        """;

    private static NpgsqlCommand Withdraw(NpgsqlCommand cmd, long id, string reason, string by, OwnedBy? owner)
    {
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("reason", reason);
        cmd.Parameters.AddWithValue("by", by);
        cmd.Parameters.AddWithValue("any", owner is null);
        cmd.Parameters.AddWithValue("org", NpgsqlDbType.Text, (object?)owner?.Organisation ?? DBNull.Value);
        return cmd;
    }

    /// <summary>Why a withdrawal changed no row: no such observation, another organisation's, or withdrawn already.</summary>
    private async Task<RetractOutcome> NotWithdrawnAsync(long id, OwnedBy? owner, CancellationToken ct)
    {
        var row = await GetAsync(id, ct);
        if (row is null) return RetractOutcome.NotFound;
        if (owner is not null && row.Organisation != owner.Organisation) return RetractOutcome.OtherOrganisation;
        return RetractOutcome.AlreadyRetracted;
    }

    private static ObservationRow ReadRow(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetDouble(2), r.GetDouble(3),
        r.GetFieldValue<DateTimeOffset>(4), r.GetInt32(5), r.GetString(6),
        r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8),
        r.GetBoolean(9), r.IsDBNull(10) ? null : r.GetString(10));

    private static string? NormaliseNote(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();
}
