using System.Net;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;

namespace SceneMonitor.Tests.Integration.Reliability;

/// <summary>The app on real Kestrel (loopback, a free port), with a 1 MB body limit so the test stays fast.</summary>
public sealed class KestrelSceneMonitorApp : SceneMonitorApp
{
    public const int Limit = 1024 * 1024;

    public KestrelSceneMonitorApp() => UseKestrel(0);

    protected override IEnumerable<(string Key, string Value)> Settings => [("Limits:MaxRequestBodyBytes", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}

/// <summary>What the in-memory test server cannot show: Kestrel itself enforces the configured body
/// limit on a chunked body (no Content-Length to check up front), and the answer is still a clear 413.</summary>
public class KestrelLimitTests(KestrelSceneMonitorApp app) : IClassFixture<KestrelSceneMonitorApp>
{
    [Fact]
    public async Task A_chunked_body_over_the_limit_gets_413_naming_the_body()
    {
        var recorder = app.ClientFor("recorder");
        recorder.Timeout = TimeSpan.FromSeconds(30);
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM observations");
        // A valid start, then padding past the limit; StreamContent has no length, so it goes chunked.
        var body = new MemoryStream();
        body.Write("{\"observations\": ["u8);
        var padding = new byte[2 * KestrelSceneMonitorApp.Limit];
        Array.Fill(padding, (byte)' ');
        body.Write(padding);
        body.Write("]}"u8);
        body.Position = 0;
        using var content = new StreamContent(body);
        content.Headers.ContentType = new("application/json");
        using var response = await recorder.PostAsync("/api/observations/batch", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode} {text}");
        Assert.NotNull(JsonNode.Parse(text)!["errors"]!["body"]);
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT count(*) FROM observations"));
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_gets_413_before_the_body_is_read()
    {
        var recorder = app.ClientFor("recorder");
        recorder.Timeout = TimeSpan.FromSeconds(30);
        using var content = new ByteArrayContent(new byte[KestrelSceneMonitorApp.Limit + 1]);
        content.Headers.ContentType = new("application/json");
        using var response = await recorder.PostAsync("/api/observations/batch", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode} {text}");
        Assert.Contains("Limits:MaxRequestBodyBytes", JsonNode.Parse(text)!["errors"]!["body"]![0]!.GetValue<string>());
    }
}
