using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Reliability;

/// <summary>20 writers post batches whose external refs overlap, each in its own shuffled order,
/// round after round: every call succeeds (no deadlock, no serialization failure), each ref is stored
/// once, every answer names the same id for the same ref, and exactly the refs sent are stored.</summary>
public class ConcurrentBatchTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private const int Writers = 20;
    private const int Rounds = 4;
    private const int Pool = 600;
    private const int BatchSize = 150;

    [Fact]
    public async Task Parallel_batches_with_overlapping_refs_store_each_ref_once_without_deadlock()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var source = UniqueSource();
        var recorder = app.ClientFor("recorder");
        var failures = new ConcurrentBag<string>();
        var idsByRef = new ConcurrentDictionary<string, ConcurrentBag<long>>();
        var sent = new ConcurrentDictionary<string, bool>();

        for (var round = 0; round < Rounds; round++)
        {
            using var start = new SemaphoreSlim(0, Writers);
            var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                // Each writer takes its own random subset of the shared refs, in its own order: the
                // pattern in which inserts of the same unique keys in different orders deadlock.
                var random = new Random(round * 1000 + w);
                var refs = Enumerable.Range(0, Pool).OrderBy(_ => random.Next()).Take(BatchSize).Select(i => $"r{i:D4}").ToArray();
                foreach (var r in refs) sent[r] = true;
                var batch = new { observations = refs.Select(r => Observation(source, externalRef: r)).ToArray() };
                await start.WaitAsync(deadline.Token);
                using var response = await recorder.PostAsJsonAsync("/api/observations/batch", batch, deadline.Token);
                var text = await response.Content.ReadAsStringAsync(deadline.Token);
                if (!response.IsSuccessStatusCode) { failures.Add($"round {round} writer {w}: {(int)response.StatusCode} {text}"); return; }
                var ids = JsonDocument.Parse(text).RootElement.GetProperty("ids").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                for (var i = 0; i < refs.Length; i++) idsByRef.GetOrAdd(refs[i], _ => []).Add(ids[i]);
            }, deadline.Token)).ToList();
            start.Release(Writers); // all writers post at once
            await Task.WhenAll(writers);
        }

        Assert.True(failures.IsEmpty, string.Join(Environment.NewLine, failures.Take(5)));
        var conflicting = idsByRef.Where(kv => kv.Value.Distinct().Count() != 1).Select(kv => kv.Key).ToList();
        Assert.True(conflicting.Count == 0, $"refs answered with different ids: {string.Join(", ", conflicting.Take(5))}");

        var stored = await app.ScalarAsync<long>("SELECT count(*) FROM observations WHERE source = @s", ("s", source));
        var distinct = await app.ScalarAsync<long>("SELECT count(DISTINCT external_ref) FROM observations WHERE source = @s", ("s", source));
        var matching = await app.ScalarAsync<long>("SELECT count(*) FROM observations WHERE source = @s AND external_ref = ANY(@refs) AND id = ANY(@ids)",
            ("s", source), ("refs", sent.Keys.ToArray()), ("ids", idsByRef.Values.Select(b => b.First()).ToArray()));
        Assert.Equal(sent.Count, stored);
        Assert.Equal(sent.Count, distinct);
        Assert.Equal(sent.Count, matching);
    }
}
