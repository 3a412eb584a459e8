using Npgsql;

namespace SceneMonitor.Core.Observations;

/// <summary>One keyset page read with a single query (see <see cref="ObservationStore.OpenPageAsync"/>):
/// its size and whether more rows follow are known from the first row, before any row is handed
/// out, so the caller can audit the count and then stream the rows; nothing is held in memory here.
/// Owns the connection until disposed.</summary>
public sealed class ObservationPage : IAsyncDisposable
{
    private readonly NpgsqlConnection _conn;
    private readonly NpgsqlCommand _cmd;
    private readonly NpgsqlDataReader _reader;
    private bool _hasRow;

    internal ObservationPage(NpgsqlConnection conn, NpgsqlCommand cmd, NpgsqlDataReader reader, bool hasRow, int count, bool more, long afterId)
    {
        (_conn, _cmd, _reader, _hasRow) = (conn, cmd, reader, hasRow);
        (Count, More, LastId) = (count, more, afterId);
    }

    /// <summary>Rows in this page (at most the page size).</summary>
    public int Count { get; }
    /// <summary>Whether rows follow this page.</summary>
    public bool More { get; }
    /// <summary>The id of the last row read so far (the page's last id once <see cref="ReadAsync"/> is done).</summary>
    public long LastId { get; private set; }

    /// <summary>Streams the page's rows in id order; call once.</summary>
    public async IAsyncEnumerable<ObservationRow> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var i = 0; i < Count && _hasRow; i++)
        {
            var row = ObservationStore.ReadRow(_reader);
            LastId = row.Id;
            yield return row;
            _hasRow = await _reader.ReadAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _cmd.DisposeAsync();
        await _conn.DisposeAsync();
    }
}
