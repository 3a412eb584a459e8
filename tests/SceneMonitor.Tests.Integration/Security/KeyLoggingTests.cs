using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;
using static SceneMonitor.Tests.Integration.Ogc.OgcApi;

namespace SceneMonitor.Tests.Integration.Security;

/// <summary>The app with every log category at Trace (what a deployer chasing a problem may turn on),
/// each line kept with its state and exception so a test can search them.</summary>
public sealed class LoggedSceneMonitorApp : SceneMonitorApp
{
    public CapturedLog Log { get; } = new();

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Logging:LogLevel:Default", "Trace"),
        ("Logging:LogLevel:Microsoft", "Trace"),
        ("Logging:LogLevel:Microsoft.AspNetCore", "Trace"),
        ("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Trace"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
    }
}

public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    public string Text => string.Join('\n', _lines);
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);
    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue($"{category} scope: {Describe(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} | {Describe(state)} | {exception}");

        // Structured values too: a sink such as Seq or a JSON console stores them besides the message.
        private static string Describe(object? state) => state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : state?.ToString() ?? "";
    }
}

/// <summary>An API key never reaches the logs, however it was sent (Basic password, X-Api-Key, Open311's
/// api_key in the URL) and whether it was right or wrong, even with every category at Trace.</summary>
public class KeyLoggingTests(LoggedSceneMonitorApp app) : IClassFixture<LoggedSceneMonitorApp>
{
    [Fact]
    public async Task No_key_in_any_log_line()
    {
        var created = await app.ClientFor("admin").PostAsJsonAsync("/api/admin/api-keys", new { name = "logged-gis", role = "recorder", organisation = "gis" });
        var key = (await created.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
        var wrong = key[..^4] + "AAAA";
        await app.ClientFor("recorder").SeedAsync(UniqueSource(), Spread(3));

        HttpClient With(string header, string value)
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.TryAddWithoutValidation(header, value);
            return client;
        }
        Assert.Equal(HttpStatusCode.OK, (await With("Authorization", BasicKeyAuthTests.QgisBasic("qgis-user", key)).GetAsync(Items)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await With("Authorization", BasicKeyAuthTests.QgisBasic("qgis-user", wrong)).GetAsync(Items)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await With("Authorization", BasicKeyAuthTests.QgisBasic("qgis-user", key)).PostAsJsonAsync("/api/observations", Observation(UniqueSource()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await With("X-Api-Key", key).GetAsync("/api/exports/observations?format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await With("X-Api-Key", wrong).GetAsync("/api/observations")).StatusCode);
        // Open311 clients (FixMyStreet) put the key in the query string, as the GeoReport v2 spec says.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/open311/v2/requests.xml?api_key={key}")).StatusCode);
        await app.CreateClient().GetAsync($"/open311/v2/requests.json?api_key={wrong}");

        var log = app.Log.Text;
        // The capture works: the wrong key's refusal and the endpoints run were logged at Debug.
        Assert.Contains("was not authenticated", log);
        Assert.Contains("Executing endpoint 'HTTP: GET /open311/v2/requests.{format}", log);
        foreach (var secret in new[] { key, wrong, key["smk_".Length..], Convert.ToBase64String(Encoding.UTF8.GetBytes("qgis-user:" + key)), Uri.EscapeDataString(key) })
            Assert.DoesNotContain(secret, log);
    }
}
