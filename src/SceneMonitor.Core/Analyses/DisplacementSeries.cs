using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using SceneMonitor.Analysis.TimeSeries;

namespace SceneMonitor.Core.Analyses;

/// <summary>Weekly counts of the displacement zones (target, each buffer ring, control) over the whole
/// series of observations, not only the two periods, for the interrupted time series and the
/// placebo-in-time test. The zones are the ones <see cref="DisplacementData"/> measured (their
/// geometries, so there is one definition of them), the categories are the analysis' and location
/// and time are read through the caller's <see cref="Observations.ObservationView"/>, as every
/// displacement query does. Weeks start on Monday 00:00 in <see cref="TimeZone"/>; a coarse view's
/// whole hours never move an observation across a Brussels midnight (the offsets are whole hours),
/// but its grid points can move one across a zone edge.</summary>
public static class DisplacementSeries
{
    public const string TimeZone = "Europe/Brussels";

    /// <summary>The series from the first Monday at or after the earliest observation to the last
    /// week that ends by the latest one: a week cut by the start or end of the data would read as
    /// a drop. Null without a target and a control, or with less than a week of data.</summary>
    public static async Task<WeeklyZoneCounts?> WeeklyAsync(NpgsqlConnection conn, DisplacementParameters p, IReadOnlyList<DisplacementData.ZoneRow> zones, CancellationToken ct)
    {
        if (!zones.Any(z => z.Zone == "target") || !zones.Any(z => z.Zone == "control")) return null;
        var view = p.View;
        var filter = "NOT o.retracted AND (cardinality(@categories) = 0 OR c.code = ANY(@categories))";

        await using var bounds = new NpgsqlCommand($"""
            SELECT min({view.ObservedAt}), max({view.ObservedAt}),
                   (SELECT starts_at FROM interventions WHERE id = @intervention)
            FROM observations o JOIN categories c ON c.id = o.category_id WHERE {filter}
            """, conn);
        Bind(bounds, p);
        bounds.Parameters.AddWithValue("intervention", NpgsqlDbType.Integer, (object?)p.InterventionId ?? DBNull.Value);
        DateTimeOffset first, last, intervention;
        await using (var r = await bounds.ExecuteReaderAsync(ct))
        {
            await r.ReadAsync(ct);
            if (r.IsDBNull(0)) return null;
            (first, last) = (r.GetFieldValue<DateTimeOffset>(0), r.GetFieldValue<DateTimeOffset>(1));
            // The intervention's start when the analysis has one, else the start of the after period.
            intervention = r.IsDBNull(2) ? p.After.From : r.GetFieldValue<DateTimeOffset>(2);
        }
        var weeks = Weeks(first, last);
        if (weeks.Count == 0) return null;

        // One query: per zone (one at a time, so PostGIS prepares each zone polygon once) the count per local week.
        await using var cmd = new NpgsqlCommand($"""
            SELECT z.ord::int - 1, n.week, n.count
            FROM unnest(@zones) WITH ORDINALITY AS z(geom, ord) CROSS JOIN LATERAL (
                SELECT date_trunc('week', {view.ObservedAt} AT TIME ZONE @tz) AS week, count(*)::int AS count
                FROM observations o JOIN categories c ON c.id = o.category_id
                WHERE ST_Covers(z.geom, {view.Location}) AND {filter}
                  AND {view.ObservedAt} >= @from AND {view.ObservedAt} < @to
                GROUP BY 1) n
            """, conn);
        Bind(cmd, p);
        cmd.Parameters.AddWithValue("zones", zones.Select(z => z.Geometry).ToArray());
        cmd.Parameters.AddWithValue("tz", TimeZone);
        cmd.Parameters.AddWithValue("from", Utc(weeks[0]));
        cmd.Parameters.AddWithValue("to", Utc(weeks[^1].AddDays(7)));
        var index = weeks.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i);
        var counts = zones.Select(_ => new int[weeks.Count]).ToArray();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                if (index.TryGetValue(DateOnly.FromDateTime(r.GetDateTime(1)), out var i)) counts[r.GetInt32(0)][i] = r.GetInt32(2);

        int[] Of(string zone) => counts[zones.ToList().FindIndex(z => z.Zone == zone)];
        var rings = zones.Select((z, i) => (z, i)).Where(x => x.z.Zone == "ring").Select(x => (IReadOnlyList<int>)counts[x.i]).ToArray();
        return new WeeklyZoneCounts(weeks, Of("target"), rings, Of("control"), intervention, TimeZone);
    }

    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>Local Mondays from the first at or after <paramref name="first"/>, every week that ends by <paramref name="last"/>.</summary>
    public static List<DateOnly> Weeks(DateTimeOffset first, DateTimeOffset last)
    {
        var local = TimeZoneInfo.ConvertTime(first, Zone).DateTime;
        var monday = DateOnly.FromDateTime(local).AddDays(-(((int)local.DayOfWeek + 6) % 7));
        if (monday.ToDateTime(TimeOnly.MinValue) < local) monday = monday.AddDays(7);
        var end = TimeZoneInfo.ConvertTime(last, Zone).DateTime;
        var weeks = new List<DateOnly>();
        for (var w = monday; w.AddDays(7).ToDateTime(TimeOnly.MinValue) <= end; w = w.AddDays(7)) weeks.Add(w);
        return weeks;
    }

    /// <summary>A local midnight as an instant.</summary>
    private static DateTimeOffset Utc(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static void Bind(NpgsqlCommand cmd, DisplacementParameters p)
    {
        cmd.Parameters.Add(new NpgsqlParameter("categories", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = p.Categories.ToArray() });
        p.View.Bind(cmd);
    }
}
