using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Reliability;

/// <summary>The app over a PostgreSQL cluster of its own (never the shared one), so the test can stop it.</summary>
public sealed class OutageSceneMonitorApp : SceneMonitorApp
{
    public ThrowawayPostgres Postgres { get; private set; } = null!;

    protected override async Task<string> CreateDatabaseAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        Postgres = await ThrowawayPostgres.StartAsync(timeout.Token);
        return await Postgres.CreateDatabaseAsync("scenemonitor", timeout.Token);
    }

    protected override async Task DropDatabaseAsync() => await Postgres.DisposeAsync();
}

/// <summary>Writers keep posting observations while PostgreSQL is stopped and started again: during
/// the outage reads, writes and /health answer 503 (with Retry-After, quickly, never 500); afterwards
/// the app recovers without a restart, and every observation acknowledged with 2xx is stored exactly once.</summary>
public class DatabaseOutageTests(OutageSceneMonitorApp app) : IClassFixture<OutageSceneMonitorApp>
{
    private const int Writers = 8;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan MaxLatency = TimeSpan.FromSeconds(10);

    /// <summary>One write: when it was sent (Started) and when its answer was read (At).</summary>
    private sealed record Outcome(string Ref, int Status, TimeSpan Took, DateTime Started, DateTime At, string Body);

    /// <summary>The one cache that reads the database (the service region) must not keep a failure:
    /// built for the first time while the server is down, it fails, and succeeds once the server is back.</summary>
    [Fact]
    public async Task The_service_region_cache_recovers_from_a_failed_first_load()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var regions = ActivatorUtilities.CreateInstance<ServiceRegionProvider>(app.Services);
        await app.Postgres.StopServerAsync("fast", deadline.Token);
        try
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => regions.GetAsync(deadline.Token));
            Assert.True(ExceptionProblems.IsDatabaseUnavailable(failure), failure.ToString());
        }
        finally { await app.Postgres.StartServerAsync(deadline.Token); }
        // The failure happened outside a request, so nothing dropped the dead idle connections (a 503 would).
        app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().Clear();
        Assert.False(string.IsNullOrEmpty((await regions.GetAsync(deadline.Token)).Name));
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("immediate")]
    public async Task Writes_during_an_outage_get_503_and_every_acknowledged_write_is_stored_once(string mode)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ct = deadline.Token;
        var source = "outage_" + mode;
        var recorder = app.ClientFor("recorder");
        recorder.Timeout = TimeSpan.FromSeconds(20);
        await recorder.CreateAsync(Observation(source, externalRef: "warm-up")); // the pool and caches are warm

        var outcomes = new ConcurrentBag<Outcome>();
        var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested && !ct.IsCancellationRequested; n++)
            {
                var externalRef = $"{w}-{n}";
                var started = DateTime.UtcNow;
                var watch = Stopwatch.StartNew();
                using var response = await recorder.PostAsJsonAsync("/api/observations", Observation(source, externalRef: externalRef), ct);
                var body = response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync(ct);
                outcomes.Add(new Outcome(externalRef, (int)response.StatusCode, watch.Elapsed, started, DateTime.UtcNow, body));
                if (!response.IsSuccessStatusCode) await Task.Delay(50, ct);
            }
        }, ct)).ToList();

        await Task.Delay(1000, ct);
        var down = DateTime.UtcNow;
        await app.Postgres.StopServerAsync(mode, ct);
        var stopped = DateTime.UtcNow;

        // Reads and the health check while the server is down.
        using var read = await recorder.GetAsync("/api/observations?limit=5", ct);
        var readProblem = await ProblemAsync(read, 503);
        Assert.True(read.Headers.RetryAfter is not null, "a 503 carries Retry-After");
        Assert.Contains("database", readProblem["title"]!.GetValue<string>());
        using var health = await app.CreateClient().GetAsync("/health", ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("unhealthy", JsonNode.Parse(await health.Content.ReadAsStringAsync(ct))!["status"]!.GetValue<string>());

        await Task.Delay(Outage, ct);
        var restarting = DateTime.UtcNow;
        await app.Postgres.StartServerAsync(ct);
        var up = DateTime.UtcNow;

        // Recovered when every writer has had a success after the restart.
        while (outcomes.Where(o => o.Started > up && o.Status is 200 or 201).Select(o => o.Ref.Split('-')[0]).Distinct().Count() < Writers)
            await Task.Delay(100, ct);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var all = outcomes.ToList();
        var unexpected = all.Where(o => o.Status is not (201 or 503)).ToList();
        Assert.True(unexpected.Count == 0, "only 201 or 503 expected: " + string.Join("; ", unexpected.Take(5).Select(o => $"{o.Status} {o.Body}")));
        // Sent after the server had stopped and answered before it was started again: these cannot have been stored.
        var during = all.Where(o => o.Started > stopped && o.At < restarting).ToList();
        Assert.True(during.Count > 0 && during.All(o => o.Status == 503), $"{during.Count} writes while down: {string.Join(",", during.Select(o => o.Status).Distinct())}");
        Assert.True(all.Max(o => o.Took) < MaxLatency, $"slowest request took {all.Max(o => o.Took)}");
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await recorder.GetAsync("/api/observations?limit=5", ct)).StatusCode);

        Npgsql.NpgsqlConnection.ClearAllPools(); // the test's own SQL connections from an earlier scenario died with the server
        var acknowledged = all.Where(o => o.Status == 201).Select(o => o.Ref).ToArray();
        Assert.True(acknowledged.Length > Writers, $"only {acknowledged.Length} writes acknowledged");
        var stored = await app.ScalarAsync<long>("SELECT count(*) FROM observations WHERE source = @s AND external_ref = ANY(@refs)",
            ("s", source), ("refs", acknowledged));
        var distinct = await app.ScalarAsync<long>("SELECT count(DISTINCT external_ref) FROM observations WHERE source = @s AND external_ref = ANY(@refs)",
            ("s", source), ("refs", acknowledged));
        Assert.Equal(acknowledged.Length, stored);
        Assert.Equal(acknowledged.Length, distinct);
        Console.WriteLine($"outage ({mode}): {all.Count} writes, {acknowledged.Length} acknowledged, {during.Count} during {(up - down).TotalSeconds:0.0} s down, slowest {all.Max(o => o.Took).TotalMilliseconds:0} ms");
    }
}
