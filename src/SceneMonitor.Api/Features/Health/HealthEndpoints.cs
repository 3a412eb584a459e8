using Npgsql;
using SceneMonitor.Core.Health;

namespace SceneMonitor.Api.Features.Health;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (HealthProbe probe, ILogger<NpgsqlDataSource> log, CancellationToken ct) =>
        {
            try
            {
                var postgis = await probe.PostGisVersionAsync(ct);
                return Results.Ok(new { status = "healthy", database = "ok", postgis });
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // Anyone may call /health: the reason (hosts, ports) goes to the log, not to the caller.
                log.LogError(e, "Health check: the database does not answer.");
                return Results.Json(new { status = "unhealthy", database = "unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).WithTags("Health").AllowAnonymous().WithSummary("Checks that the database and PostGIS answer (no sign-in needed).");
        return app;
    }
}
