using SceneMonitor.Tests.Support;

namespace SceneMonitor.Tests.Integration.Security;

/// <summary>Old audit lines for purge and retention tests. The database gives every inserted line its
/// own clock's time, so history can only be written with the triggers off (session_replication_role,
/// which needs a superuser: the test cluster's owner, standing in for a database administrator).</summary>
public static class AuditHistory
{
    /// <param name="ages">PostgreSQL intervals, e.g. "30 months".</param>
    public static Task SeedAsync(SceneMonitorApp app, string actor, params string[] ages) =>
        app.ExecuteAsync($"""
            BEGIN;
            SET LOCAL session_replication_role = replica;
            INSERT INTO audit_log (at, actor, action) SELECT now() - age::interval, '{actor}', 'login'
            FROM unnest(ARRAY['{string.Join("','", ages)}']) AS age;
            COMMIT;
            """);
}
