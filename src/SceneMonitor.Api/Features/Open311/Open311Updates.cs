using Microsoft.Extensions.Options;
using Npgsql;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Open311;

/// <summary>servicerequestupdates.{xml|json}, the GeoReport v2 extension FixMyStreet polls for status
/// changes (Open311::GetServiceRequestUpdates: api_key, start_date and end_date, usually the last two
/// hours; it reads service_request_updates/request_update with update_id, service_request_id, status,
/// updated_datetime, description). The only change a complaint has here is its retraction: that is one
/// update, status "closed", at the retraction time, with the reason as description (exact readers only).
/// Updates sent the other way (FixMyStreet's comments, with residents' names) are refused: this tool
/// records places, not conversations.</summary>
public static class Open311Updates
{
    public sealed record Update(string UpdateId, string ServiceRequestId, string Status, string? UpdatedDatetime, string? Description, string? MediaUrl);

    public static async Task<IResult> List(
        HttpContext http, NpgsqlDataSource db, SceneMonitorDb ef, IOptions<Open311Options> options, Privacy privacy, ObservationIds opaque, Auditor audit, TimeProvider clock, CancellationToken ct)
    {
        var o = options.Value;
        if (Open311Checks.Jurisdiction(http.Request, o) is { } wrongPlace) return wrongPlace;
        if (Open311Checks.Role(http, Policies.Points, "read service request updates") is { } refused) return refused;
        var errors = new List<string>();
        var now = clock.GetUtcNow();
        var start = Open311Requests.Date(http.Request.Query, "start_date", errors);
        var end = Open311Requests.Date(http.Request.Query, "end_date", errors);
        if (start is not null && end is not null && start > end) errors.Add("end_date: must not be before start_date");
        if (errors.Count > 0) return Open311Error.BadRequest([.. errors]);

        var window = (start ?? (end ?? now).AddDays(-o.DefaultDays), end ?? now);
        var query = new Open311Requests.Query(new ObservationFilter { Sources = [o.Source], IncludeRetracted = true }, [], Closed: true, Changed: window);
        var found = await Open311Requests.ReadAsync(http, db, ef, o, privacy.ViewFor(http.User), opaque, query, ct);
        var updates = found.Select(r => new Update($"{r.ServiceRequestId}-closed", r.ServiceRequestId, r.Status, r.UpdatedDatetime, r.StatusNotes, null)).ToArray();
        await audit.WriteAsync(http, AuditActions.ReadPoints, Auditor.Query(http.Request), updates.Length, ct);
        return new Open311Reply(updates, "service_request_updates", "request_update");
    }

    public static IResult Refuse(HttpRequest request, IOptions<Open311Options> options) =>
        Open311Checks.Jurisdiction(request, options.Value) as IResult
        ?? Open311Error.BadRequest("updates are not accepted here: this service records places, not conversations with residents (in FixMyStreet, leave 'send comments' off for this body)");
}
