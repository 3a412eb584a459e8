using System.Globalization;
using Npgsql;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Open311;

/// <summary>GET requests without any key. FixMyStreet sends api_key only on POST, so its GETs of
/// requests carry none; a resident's complaint system may still ask "what became of the ids I was
/// given?". It gets exactly that and nothing about observations: only requests that came in over
/// Open311, only the ids named in service_request_id (no listing by date, code or status), and per id
/// only service_request_id, service_code, service_name and status (open, or closed once retracted).
/// No place, time, text or status notes. An id that is not an Open311 request is simply absent, so
/// asking for ids says nothing about other observations. Audited as a point read like any other.</summary>
public static class Open311StatusOnly
{
    /// <summary>At most this many ids per key-less request.</summary>
    public const int MaxIds = 100;

    private const string Needs = "without an api_key only the status of named requests is served: give service_request_id (a comma list of ids as answered to the POST)";

    internal static async Task<IResult> ListAsync(HttpContext http, NpgsqlDataSource db, SceneMonitorDb ef, Open311Options o, ObservationIds opaque, Auditor audit, CancellationToken ct)
    {
        var errors = new List<string>();
        var ids = Open311Requests.Ids(http.Request.Query, Number, o, errors);
        if (errors.Count > 0) return Open311Error.BadRequest([.. errors]);
        if (ids.Count == 0) return Open311Error.Result(StatusCodes.Status401Unauthorized, Needs);
        if (ids.Count > MaxIds) return Open311Error.BadRequest($"service_request_id: at most {MaxIds} ids per request without an api_key");
        var found = await ReadAsync(http, db, ef, o, opaque, ids, audit, ct);
        return new Open311Reply(found, "service_requests", "request");
    }

    internal static async Task<IResult> OneAsync(string id, HttpContext http, NpgsqlDataSource db, SceneMonitorDb ef, Open311Options o, ObservationIds opaque, Auditor audit, CancellationToken ct)
    {
        if (Number(id) is not { } requestId) return Open311Error.BadRequest($"service_request_id: '{id}' is not a request id (a whole number)");
        var found = await ReadAsync(http, db, ef, o, opaque, [requestId], audit, ct);
        return found.Length == 0
            ? Open311Error.Result(StatusCodes.Status404NotFound, $"service request {requestId} was not found")
            : new Open311Reply(found, "service_requests", "request");
    }

    /// <summary>The numeric ids the POST answered (a complaint system's key sees exact ids).</summary>
    private static long? Number(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static async Task<Open311Requests.Request[]> ReadAsync(HttpContext http, NpgsqlDataSource db, SceneMonitorDb ef, Open311Options o, ObservationIds opaque, List<long> ids, Auditor audit, CancellationToken ct)
    {
        var query = new Open311Requests.Query(new ObservationFilter { Sources = [o.Source], IncludeRetracted = true }, [.. ids], null);
        // Read on the exact view only to get the numeric ids back; everything else is dropped below.
        var rows = await Open311Requests.ReadAsync(http, db, ef, o, ObservationView.Exact, opaque, query, ct);
        var statusOnly = rows.Select(r => r with
        {
            StatusNotes = null, Description = null, RequestedDatetime = null, UpdatedDatetime = null, Lat = null, Long = null,
        }).ToArray();
        await audit.WriteAsync(http, AuditActions.ReadPoints, new { service_request_id = ids, view = "status-only" }, statusOnly.Length, ct);
        return statusOnly;
    }
}
