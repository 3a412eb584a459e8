using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Open311;

/// <summary>GET requests.{xml|json} and requests/{id}.{xml|json}: the complaints received over Open311, shaped
/// for the reader like every observation read (analysts get grid points, whole hours and no text) and
/// audited as point reads. A retracted complaint is "closed" with the retraction reason as status notes.
/// Coarse readers get every time as a whole hour, opaque ids (<see cref="ObservationIds"/>) and an order
/// that follows the hour and then a keyed hash, so nothing tells the order of complaints within an hour.
/// Without any key the answer is status only (<see cref="Open311StatusOnly"/>).</summary>
public static class Open311Requests
{
    public sealed record Request(
        string ServiceRequestId, string Status, string? StatusNotes, string ServiceName, string ServiceCode, string? Description,
        string? AgencyResponsible, string? ServiceNotice, string? RequestedDatetime, string? UpdatedDatetime, string? ExpectedDatetime,
        string? Address, string? AddressId, string? Zipcode, double? Lat, double? Long, string? MediaUrl);

    /// <summary>What to read: the filter (times on observed_at), ids, open/closed, and for updates a window on
    /// the time of the last change (<see cref="Open311Updates"/>).</summary>
    internal sealed record Query(ObservationFilter Filter, long[] Ids, bool? Closed, (DateTimeOffset From, DateTimeOffset To)? Changed = null);

    public static async Task<IResult> List(
        HttpContext http, NpgsqlDataSource db, SceneMonitorDb ef, IOptions<Open311Options> options, Privacy privacy, ObservationIds opaque, Auditor audit, TimeProvider clock, CancellationToken ct)
    {
        var o = options.Value;
        if (Open311Checks.Jurisdiction(http.Request, o) is { } wrongPlace) return wrongPlace;
        if (Open311Checks.KeyLess(http)) return await Open311StatusOnly.ListAsync(http, db, ef, o, opaque, audit, ct);
        if (Open311Checks.Role(http, Policies.Points, "read service requests") is { } refused) return refused;
        var view = privacy.ViewFor(http.User);
        var (query, errors) = Parse(http.Request.Query, o, clock.GetUtcNow(), IdParser(view, opaque));
        if (errors.Count > 0) return Open311Error.BadRequest([.. errors]);
        var found = await ReadAsync(http, db, ef, o, view, opaque, query!, ct);
        await audit.WriteAsync(http, AuditActions.ReadPoints, Auditor.Query(http.Request), found.Length, ct);
        return new Open311Reply(found, "service_requests", "request");
    }

    public static async Task<IResult> One(
        string id, HttpContext http, NpgsqlDataSource db, SceneMonitorDb ef, IOptions<Open311Options> options, Privacy privacy, ObservationIds opaque, Auditor audit, CancellationToken ct)
    {
        var o = options.Value;
        if (Open311Checks.Jurisdiction(http.Request, o) is { } wrongPlace) return wrongPlace;
        if (Open311Checks.KeyLess(http)) return await Open311StatusOnly.OneAsync(id, http, db, ef, o, opaque, audit, ct);
        if (Open311Checks.Role(http, Policies.Points, "read service requests") is { } refused) return refused;
        var view = privacy.ViewFor(http.User);
        if (IdParser(view, opaque)(id) is not { } requestId)
            return view.IsExact
                ? Open311Error.BadRequest($"service_request_id: '{id}' is not a request id (a whole number)")
                : Open311Error.Result(StatusCodes.Status404NotFound, $"service request {id} was not found");
        var query = new Query(new ObservationFilter { Sources = [o.Source], IncludeRetracted = true }, [requestId], null);
        var found = await ReadAsync(http, db, ef, o, view, opaque, query, ct);
        await audit.WriteAsync(http, AuditActions.ReadPoints, new { service_request_id = requestId }, found.Length, ct);
        return found.Length == 0
            ? Open311Error.Result(StatusCodes.Status404NotFound, $"service request {requestId} was not found")
            : new Open311Reply(found, "service_requests", "request");
    }

    /// <summary>The spec's parameters: service_request_id (comma list; other filters then ignored),
    /// service_code (comma list), start_date, end_date (default: the last DefaultDays days; a date alone is
    /// the local day's midnight), status (open, closed or open,closed). A parameter given twice counts with
    /// all its values (service_code=a&amp;service_code=b is a,b), never just the first.</summary>
    private static (Query?, List<string>) Parse(IQueryCollection q, Open311Options o, DateTimeOffset now, Func<string, long?> parseId)
    {
        var errors = new List<string>();
        var ids = Ids(q, parseId, o, errors);

        var categories = new List<string>();
        foreach (var code in FilterParser.Multi(q, "service_code"))
            if (o.EffectiveServices.FirstOrDefault(s => s.Code == code) is { } service) categories.Add(service.Category);
            else errors.Add($"service_code: '{code}' is not a service here; see services.xml");
        var start = Date(q, "start_date", errors);
        var end = Date(q, "end_date", errors);
        if (start is not null && end is not null && start >= end) errors.Add("end_date: must be after start_date");
        var closed = Status(q, errors);
        if (errors.Count > 0) return (null, errors);

        if (ids.Count > 0) return (new Query(new ObservationFilter { Sources = [o.Source], IncludeRetracted = true }, [.. ids], null), errors);
        var to = end ?? (start is null ? now : null);
        var from = start ?? (end ?? now).AddDays(-o.DefaultDays);
        var filter = new ObservationFilter { Sources = [o.Source], Categories = categories.Distinct().ToList(), From = from, To = to, IncludeRetracted = true };
        return (new Query(filter, [], closed), errors);
    }

    /// <summary>service_request_id as a comma list (and repeated), each read by <paramref name="parseId"/>.</summary>
    internal static List<long> Ids(IQueryCollection q, Func<string, long?> parseId, Open311Options o, List<string> errors)
    {
        var ids = new List<long>();
        foreach (var part in FilterParser.Multi(q, "service_request_id"))
            if (parseId(part) is { } id) ids.Add(id);
            else errors.Add($"service_request_id: '{part}' is not a request id of this service (comma-separated ids as answered)");
        if (ids.Count > o.MaxResults) errors.Add($"service_request_id: at most {o.MaxResults} ids per request");
        return ids;
    }

    /// <summary>open → false, closed → true, both or none → null (no filter).</summary>
    private static bool? Status(IQueryCollection q, List<string> errors)
    {
        var wanted = FilterParser.Multi(q, "status");
        foreach (var bad in wanted.Where(s => s is not ("open" or "closed"))) errors.Add($"status: '{bad}' must be open or closed (or a comma list of both)");
        return wanted.Contains("open") == wanted.Contains("closed") ? null : wanted.Contains("closed");
    }

    private static bool? Invalid(List<string> errors, string message) { errors.Add(message); return null; }

    private static Func<string, long?> IdParser(ObservationView view, ObservationIds opaque) => text => opaque.Read(text, view);

    internal static DateTimeOffset? Date(IQueryCollection q, string name, List<string> errors)
    {
        if (q[name].FirstOrDefault() is not { Length: > 0 } text) return null;
        if (QueryTime.TryParse(text, out var t))
        {
            if (QueryTime.InRange(t)) return t;
            errors.Add($"{name}: {QueryTime.OutOfRange}");
            return null;
        }
        errors.Add($"{name}: '{text}' must be ISO 8601, e.g. 2026-05-01T00:00:00+02:00 or 2026-05-01 (a local day)");
        return null;
    }

    internal static async Task<Request[]> ReadAsync(HttpContext http, NpgsqlDataSource db, SceneMonitorDb ef, Open311Options o, ObservationView view, ObservationIds opaque, Query query, CancellationToken ct)
    {
        var language = Open311Endpoints.Language(http.Request);
        var labels = await ef.Categories.AsNoTracking().ToDictionaryAsync(c => c.Code, c => language switch { "nl" => c.LabelNl, "fr" => c.LabelFr, _ => c.LabelEn }, ct);
        var serviceOf = o.EffectiveServices.GroupBy(s => s.Category).ToDictionary(g => g.Key, g => g.First().Code);

        await using var cmd = new NpgsqlCommand();
        var where = ObservationSql.Where(query.Filter, cmd, view);
        if (query.Ids.Length > 0) { where += " AND o.id = ANY(@ids)"; cmd.Parameters.AddWithValue("ids", query.Ids); }
        if (query.Closed is { } closed) { where += " AND o.retracted = @closed"; cmd.Parameters.AddWithValue("closed", closed); }
        cmd.Parameters.AddWithValue("max", o.MaxResults);
        var updated = view.IsExact ? "coalesce(o.retracted_at, o.created_at)" : "date_trunc('hour', coalesce(o.retracted_at, o.created_at), 'UTC')";
        if (query.Changed is { } changed)
        {
            // On the time as this reader sees it (whole hours for coarse readers), both ends included as FixMyStreet checks them.
            where += $" AND {updated} >= @changed_from AND {updated} <= @changed_to";
            cmd.Parameters.AddWithValue("changed_from", changed.From.ToUniversalTime());
            cmd.Parameters.AddWithValue("changed_to", changed.To.ToUniversalTime());
        }
        var order = view.IsExact ? "o.observed_at DESC, o.id DESC" : $"{view.ObservedAt} DESC, {ObservationOrder.Hash}";
        if (!view.IsExact) new ObservationOrder(view, opaque.OrderSeed).Bind(cmd);
        cmd.CommandText = $"""
            SELECT o.id, c.code, ST_X(p.loc), ST_Y(p.loc), {view.ObservedAt}, {updated}, o.retracted,
                   {view.Text("o.note")}, {view.Text("o.retracted_reason")}
            FROM {ObservationSql.From} CROSS JOIN LATERAL (SELECT {view.Location} AS loc) p
            WHERE {where} ORDER BY {order} LIMIT @max
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        cmd.Connection = conn;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var found = new List<Request>();
        while (await r.ReadAsync(ct))
        {
            var category = r.GetString(1);
            found.Add(new Request(
                opaque.Format(r.GetInt64(0), view), r.GetBoolean(6) ? "closed" : "open", r.IsDBNull(8) ? null : r.GetString(8),
                labels.GetValueOrDefault(category, category), serviceOf.GetValueOrDefault(category, category), r.IsDBNull(7) ? null : r.GetString(7),
                null, null, Open311Json.Time(r.GetFieldValue<DateTimeOffset>(4)), Open311Json.Time(r.GetFieldValue<DateTimeOffset>(5)), null,
                null, null, null, Math.Round(r.GetDouble(3), 7), Math.Round(r.GetDouble(2), 7), null));
        }
        return [.. found];
    }
}
