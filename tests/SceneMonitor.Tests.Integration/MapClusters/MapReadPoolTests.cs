using System.Net;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.MapClusters;

/// <summary>The app with a map pool of one connection: every map read queues for it.</summary>
public class OneMapConnectionApp : SceneMonitorApp
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("Database:MapReadConnections", "1")];
}

public class MapReadPoolTests(OneMapConnectionApp app) : IClassFixture<OneMapConnectionApp>
{
    [Fact]
    public async Task Map_reads_queue_for_their_pool_and_all_answer_in_full_with_their_audit_lines()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var s = UniqueSource();
        var recorder = app.ClientFor("recorder");
        var ids = new List<long>();
        for (var i = 0; i < 3; i++) ids.Add(await recorder.CreateAsync(Observation(s, 4.35 + i * 0.001, 50.84, "syringe", BaseTime.AddDays(i))));
        var window = $"bbox=4.34,50.83,4.36,50.85&from={Uri.EscapeDataString(BaseTime.ToString("O"))}&to={Uri.EscapeDataString(BaseTime.AddDays(30).ToString("O"))}&source={s}";

        // 24 map reads at once through one connection: none fails or times out, each gets all its rows.
        var reads = Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            var path = i % 2 == 0 ? $"/api/observations?{window}" : $"/api/map/clusters?zoom=14&{window}";
            using var response = await recorder.GetAsync(path, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            return (response.StatusCode, path, body);
        })).ToList();
        foreach (var (status, path, body) in await Task.WhenAll(reads))
        {
            Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status} {body}");
            if (path.StartsWith("/api/observations", StringComparison.Ordinal))
                Assert.Equal(ids, Ids(System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject()));
            else
                Assert.Contains("\"total\":3", body);
        }
        // Each page's audit line was written (on the map pool, before the page was sent).
        Assert.Equal(12, await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'read_points' AND parameters::text LIKE '%' || @s || '%'", ("s", s)));
    }
}
