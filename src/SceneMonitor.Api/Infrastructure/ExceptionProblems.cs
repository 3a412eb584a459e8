using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SceneMonitor.Api.Infrastructure;

/// <summary>Turns the exceptions that are not bugs into clear problem responses instead of a bare 500:
/// the database being unreachable or restarting (503 with Retry-After: the client may simply retry,
/// nothing half-written stays behind because every write is one transaction), a body over the size
/// limit (413), and text PostgreSQL cannot store (400). Everything else stays a 500.</summary>
public sealed class ExceptionProblems(IProblemDetailsService problems, IOptions<DatabaseOptions> database, NpgsqlDataSource dataSource, ILogger<ExceptionProblems> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (http.Response.HasStarted) return false;
        var (status, title, field) = Classify(exception);
        if (status == 0) return false;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            log.LogWarning("Database unavailable for {Method} {Path}: {Reason}", http.Request.Method, http.Request.Path, Innermost(exception).Message);
            // Idle pooled connections to a restarted server are dead; dropping them now spares the next
            // requests each failing once on one (EF Core shares this data source's pool).
            dataSource.Clear();
            http.Response.Headers.RetryAfter = database.Value.UnavailableRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        http.Response.StatusCode = status;
        var details = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title };
        if (field is not null) details.Extensions["errors"] = new Dictionary<string, string[]> { [field.Value.Name] = [field.Value.Message] };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }

    /// <summary>Status 0: not ours to handle (a real 500).</summary>
    public static (int Status, string Title, (string Name, string Message)? Field) Classify(Exception exception)
    {
        if (IsDatabaseUnavailable(exception))
            return (StatusCodes.Status503ServiceUnavailable, "The database is unavailable at the moment; nothing was stored. Try again in a few seconds.", null);
        if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            return (StatusCodes.Status413PayloadTooLarge, "The request body is too large.", ("body", RequestLimits.TooLargeMessage));
        if (exception is BadHttpRequestException bad)
            return (bad.StatusCode, "The request could not be read.", ("body", bad.Message));
        // 22021: a NUL character or invalid UTF-8 in text; 22P05: text the database encoding cannot hold.
        if (Chain(exception).OfType<PostgresException>().FirstOrDefault() is { SqlState: "22021" or "22P05" })
            return (StatusCodes.Status400BadRequest, "The request could not be read.", ("body", "contains text that cannot be stored (a NUL character or invalid UTF-8); nothing was stored"));
        return (0, "", null);
    }

    /// <summary>Connection refused or lost, timeouts, the server shutting down or starting up (SQLSTATE
    /// class 08, 57P01–57P03) or out of connection slots (53300). EF Core wraps these in
    /// InvalidOperationException or DbUpdateException, so the whole chain of inner exceptions is searched.</summary>
    public static bool IsDatabaseUnavailable(Exception exception) => Chain(exception).Any(e => e switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300",
        NpgsqlException npgsql => npgsql.IsTransient,
        SocketException => true,
        _ => false,
    });

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain)) yield return inner;
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
