using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Npgsql;
using SceneMonitor.Api.Infrastructure;

namespace SceneMonitor.Tests.Integration.Reliability;

/// <summary>Which failures are "the database is unavailable" (503, retry) and which stay bugs (500):
/// the cases the outage test cannot produce on demand.</summary>
public class ExceptionClassificationTests
{
    private static PostgresException Pg(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    public static TheoryData<string, Exception, int> Cases => new()
    {
        { "connection refused", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)), 503 },
        { "connection lost mid-query", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()), 503 },
        { "pool exhausted or connect timeout", new NpgsqlException("The operation has timed out", new TimeoutException()), 503 },
        { "admin shutdown (pg_ctl stop -m fast)", Pg("57P01"), 503 },
        { "crash shutdown", Pg("57P02"), 503 },
        { "starting up or shutting down", Pg("57P03"), 503 },
        { "connection failure class 08", Pg("08006"), 503 },
        { "too many connections", Pg("53300"), 503 },
        { "wrapped by EF Core", new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", Pg("57P01")), 503 },
        { "wrapped twice", new AggregateException(new InvalidOperationException("outer", new NpgsqlException("x", new SocketException()))), 503 },
        { "NUL in text", Pg("22021"), 400 },
        { "unique violation is a bug here", Pg("23505"), 0 },
        { "deadlock is a bug here", Pg("40P01"), 0 },
        { "syntax error is a bug", Pg("42601"), 0 },
        { "plain bug", new NullReferenceException(), 0 },
        { "body too large", new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge), 413 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Failures_map_to_the_status_a_client_can_act_on(string what, Exception exception, int status) =>
        Assert.True(ExceptionProblems.Classify(exception).Status == status, $"{what}: expected {status}, got {ExceptionProblems.Classify(exception).Status}");
}
