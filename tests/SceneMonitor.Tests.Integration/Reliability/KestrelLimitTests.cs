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
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM observations");
        // A valid start, then padding past the limit, sent chunked (no length to check up front) over a
        // raw socket: the server may answer and close before the client has sent it all, which an
        // HttpClient would report as a broken pipe instead of the answer.
        var server = recorder.BaseAddress!;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        var head = $"POST /api/observations/batch HTTP/1.1\r\nHost: {server.Authority}\r\nAuthorization: {recorder.DefaultRequestHeaders.Authorization}\r\n" +
                   "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)' ');
        "{\"observations\": ["u8.CopyTo(chunk);
        try
        {
            for (var sent = 0; sent <= 2 * KestrelSceneMonitorApp.Limit; sent += chunk.Length)
            {
                await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"{chunk.Length:X}\r\n"));
                await stream.WriteAsync(chunk);
                await stream.WriteAsync("\r\n"u8.ToArray());
                Array.Fill(chunk, (byte)' ');
            }
        }
        catch (System.IO.IOException) { } // the server stopped reading: its answer follows
        var text = await ReadResponseAsync(stream, TimeSpan.FromSeconds(20));
        Assert.StartsWith("HTTP/1.1 413", text);
        Assert.Contains("\"body\"", text);
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT count(*) FROM observations"));
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_gets_413_before_the_body_is_read()
    {
        // Raw socket: only the headers are sent, so the answer can only come from the declared length
        // (an HttpClient keeps sending the body and may see the early 413 as a broken pipe instead).
        var recorder = app.ClientFor("recorder");
        var server = recorder.BaseAddress!;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        var head = $"POST /api/observations/batch HTTP/1.1\r\nHost: {server.Authority}\r\nAuthorization: {recorder.DefaultRequestHeaders.Authorization}\r\n" +
                   $"Content-Type: application/json\r\nContent-Length: {KestrelSceneMonitorApp.Limit + 1}\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));

        var answer = await ReadResponseAsync(stream, TimeSpan.FromSeconds(20));
        Assert.StartsWith("HTTP/1.1 413", answer);
        Assert.Contains("Limits:MaxRequestBodyBytes", answer);
    }

    /// <summary>Reads until the response's body is complete (Content-Length or the last chunk), the
    /// connection closes, or the time is up.</summary>
    private static async Task<string> ReadResponseAsync(System.IO.Stream stream, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var text = new System.Text.StringBuilder();
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var n = await stream.ReadAsync(buffer, cts.Token);
                if (n == 0) break;
                text.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, n));
                var s = text.ToString();
                var end = s.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end < 0) continue;
                var headers = s[..end];
                if (headers.Contains("chunked", StringComparison.OrdinalIgnoreCase) ? s.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal)
                    : System.Text.RegularExpressions.Regex.Match(headers, @"Content-Length: (\d+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase) is { Success: true } m
                      && System.Text.Encoding.UTF8.GetByteCount(s[(end + 4)..]) >= int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
                    break;
            }
        }
        catch (OperationCanceledException) { }
        catch (System.IO.IOException) { } // the server may close the connection right after answering
        return text.ToString();
    }
}
