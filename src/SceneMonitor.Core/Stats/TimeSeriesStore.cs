using Npgsql;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Core.Stats;

/// <summary>Observation counts per day, week or month of a time zone, read through the caller's
/// <see cref="ObservationView"/>. Counts come back whole; planners' suppression is the caller's part.</summary>
public sealed class TimeSeriesStore(NpgsqlDataSource db)
{
    /// <param name="Start">The bucket's local start, with that moment's offset.</param>
    public sealed record BucketCount(DateTimeOffset Start, int Count, long Quantity);

    /// <summary>Every bucket of [filter.From, filter.To), empty ones with 0, in order.</summary>
    /// <param name="bucket">day, week (ISO, Monday) or month.</param>
    /// <param name="timeZone">An IANA zone id: the buckets' boundaries are its midnights.</param>
    public async Task<List<BucketCount>> CountsAsync(ObservationFilter filter, ObservationView view, string bucket, string timeZone, CancellationToken ct)
    {
        if (bucket is not ("day" or "week" or "month")) throw new ArgumentOutOfRangeException(nameof(bucket), bucket, "day, week or month");
        var from = filter.From ?? throw new ArgumentException("needs a period start", nameof(filter));
        var to = filter.To ?? throw new ArgumentException("needs a period end", nameof(filter));
        await using var cmd = new NpgsqlCommand();
        var where = ObservationSql.Where(filter, cmd, view);
        // Buckets are cut in local time, so a "day" runs from local midnight to local midnight.
        cmd.CommandText = $"""
            WITH b AS (
                SELECT generate_series(date_trunc(@bucket, @from_local), date_trunc(@bucket, @to_local - interval '1 microsecond'), ('1 ' || @bucket)::interval) AS start
            ), counts AS (
                SELECT date_trunc(@bucket, {view.ObservedAt} AT TIME ZONE @tz) AS start, count(*)::int AS n, sum(o.quantity)::bigint AS q
                FROM {ObservationSql.From} WHERE {where} GROUP BY 1
            )
            SELECT b.start, coalesce(c.n, 0), coalesce(c.q, 0) FROM b LEFT JOIN counts c USING (start) ORDER BY b.start
            """;
        cmd.Parameters.AddWithValue("bucket", bucket);
        cmd.Parameters.AddWithValue("tz", timeZone);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        cmd.Parameters.AddWithValue("from_local", NpgsqlTypes.NpgsqlDbType.Timestamp, TimeZoneInfo.ConvertTime(from, zone).DateTime);
        cmd.Parameters.AddWithValue("to_local", NpgsqlTypes.NpgsqlDbType.Timestamp, TimeZoneInfo.ConvertTime(to, zone).DateTime);

        await using var conn = await db.OpenConnectionAsync(ct);
        cmd.Connection = conn;
        var buckets = new List<BucketCount>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var local = r.GetDateTime(0);
            buckets.Add(new BucketCount(new DateTimeOffset(local, zone.GetUtcOffset(local)), r.GetInt32(1), r.GetInt64(2)));
        }
        return buckets;
    }
}
