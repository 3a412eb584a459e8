using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Reliability.BadInput;

namespace SceneMonitor.Tests.Integration.Reliability;

/// <summary>Every endpoint that reads a JSON body × malformed bodies (truncated, not an object, null,
/// empty, nested too deep, a key twice, a wrong type, a NaN literal, a NUL character, 50 MB, the wrong
/// content type): each gets a clear 4xx problem naming the body or the field, never a 500, and no row
/// changes.</summary>
public class BadBodyTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    /// <summary>One endpoint: method, URL, and a field of its request that is a text, number, date or
    /// list (so that <c>true</c> is the wrong type for it).</summary>
    private sealed record Endpoint(string Method, string Pattern, Func<Sample, string> Url, string Field);

    private static readonly Endpoint[] Endpoints =
    [
        new("POST", "/api/auth/login", _ => "/api/auth/login", "username"),
        new("POST", "/api/categories", _ => "/api/categories", "code"),
        new("PUT", "/api/categories/{code}", _ => "/api/categories/syringe", "labelEn"),
        new("POST", "/api/areas", _ => "/api/areas", "name"),
        new("PUT", "/api/areas/{id:int}", s => $"/api/areas/{s.AreaId}", "name"),
        new("POST", "/api/observations", _ => "/api/observations", "category"),
        new("POST", "/api/observations/batch", _ => "/api/observations/batch", "observations"),
        new("POST", "/api/observations/{id:long}/retract", s => $"/api/observations/{s.ObservationId}/retract", "reason"),
        new("POST", "/api/observations/{id:long}/correct", s => $"/api/observations/{s.ObservationId}/correct", "reason"),
        new("PUT", "/api/imports/mappings", _ => "/api/imports/mappings", "headers"),
        new("POST", "/api/scene-size/benchmarks", _ => "/api/scene-size/benchmarks", "source"),
        new("POST", "/api/scene-size/surveys", _ => "/api/scene-size/surveys", "recruitmentSites"),
        new("POST", "/api/interventions", _ => "/api/interventions", "name"),
        new("PUT", "/api/interventions/{id:int}", s => $"/api/interventions/{s.InterventionId}", "name"),
        new("POST", "/api/sweeps", _ => "/api/sweeps", "source"),
        new("POST", "/api/displacement", _ => "/api/displacement", "grid"),
        new("POST", "/api/emerging", _ => "/api/emerging", "from"),
        new("POST", "/api/emerging/frames", _ => "/api/emerging/frames", "from"),
        new("POST", "/api/analysis/wdq", _ => "/api/analysis/wdq", "target"),
        new("POST", "/api/analysis/wdd", _ => "/api/analysis/wdd", "treated"),
        new("POST", "/api/analysis/mann-kendall", _ => "/api/analysis/mann-kendall", "series"),
        new("POST", "/api/analysis/sppt", _ => "/api/analysis/sppt", "method"),
        new("POST", "/api/analysis/gistar", _ => "/api/analysis/gistar", "band"),
        new("POST", "/api/analysis/ellipse", _ => "/api/analysis/ellipse", "srid"),
        new("POST", "/api/analysis/kde", _ => "/api/analysis/kde", "bandwidth"),
        new("POST", "/api/analysis/displacement", _ => "/api/analysis/displacement", "cellSize"),
        new("POST", "/api/admin/accounts", _ => "/api/admin/accounts", "username"),
        new("PUT", "/api/admin/accounts/{id:int}", s => $"/api/admin/accounts/{s.AccountId}", "role"),
        new("POST", "/api/admin/api-keys", _ => "/api/admin/api-keys", "name"),
        new("PUT", "/api/admin/retention", _ => "/api/admin/retention", "observationMonths"),
    ];

    /// <summary>Writes without a JSON body: nothing to malform here. Open311 takes form fields, as
    /// GeoReport v2 specifies (bad forms and fields: Open311Tests); imports take whole files, whose
    /// corpus (broken quoting, encodings, bad rows, huge files) is in ImportTests.</summary>
    private static readonly string[] WithoutBody =
    [
        "POST /api/admin/retention/run", "POST /api/imports",
        "POST /open311/v2/requests.{format}", "POST /open311/v2/requests",
        "POST /open311/v2/servicerequestupdates.{format}", "POST /open311/v2/servicerequestupdates",
    ];

    /// <summary>A malformed body, the status it must get, and the error key it must name (null: any).</summary>
    private sealed record Case(string Name, Func<string, HttpContent> Body, int Status, Func<string, string?> Key)
    {
        /// <summary>Other statuses also right for this case (e.g. 422 for a text that is read but refused by validation).</summary>
        public int[] Also { get; init; } = [];
    }

    private static readonly byte[] FiftyMegabytes = CreateHuge();

    private static readonly Case[] Cases =
    [
        new("truncated", f => Json($"{{\"{f}\": \"abc"), 400, _ => null),
        new("array instead of object", _ => Json("[1, 2, 3]"), 400, _ => "body"),
        new("null", _ => Json("null"), 400, _ => "body"),
        new("empty", _ => Json(""), 400, _ => "body"),
        new("nested 200 deep", _ => Json("{\"zz\": " + new string('[', 200) + new string(']', 200) + "}"), 400, _ => null),
        new("key given twice", f => Json($"{{\"{f}\": null, \"{f}\": null}}"), 400, f => f),
        new("wrong type", f => Json($"{{\"{f}\": true}}"), 400, f => f),
        new("NaN literal", f => Json($"{{\"{f}\": NaN}}"), 400, _ => null),
        new("NUL in text", f => Json($"{{\"{f}\": \"a\\u0000b\"}}"), 400, f => f),
        new("50 MB", _ => new ByteArrayContent(FiftyMegabytes) { Headers = { ContentType = new("application/json") } }, 413, _ => "body"),
        // Read fine where the field is a text, then refused by validation (or, for the login, simply not a known user).
        new("100,000-character text", f => Json($"{{\"{f}\": \"{new string('x', 100_000)}\"}}"), 400, _ => null) { Also = [422] },
        new("text/plain", f => new StringContent($"{{\"{f}\": null}}", Encoding.UTF8, "text/plain"), 415, _ => "body"),
    ];

    private static byte[] CreateHuge()
    {
        var bytes = new byte[50 * 1024 * 1024];
        Array.Fill(bytes, (byte)' ');
        "{\"observations\": ["u8.CopyTo(bytes);
        bytes[^1] = (byte)'}';
        return bytes;
    }

    [Fact]
    public void Every_endpoint_with_a_body_is_in_the_corpus()
    {
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Where(m => m is "POST" or "PUT")
                .Select(m => $"{m} /{(e.RoutePattern.RawText ?? "").Trim('/')}"))
            .Distinct().ToList();
        var covered = Endpoints.Select(e => $"{e.Method} {e.Pattern}").Concat(WithoutBody).ToHashSet();
        var missing = mapped.Where(m => !covered.Contains(m)).ToList();
        Assert.True(missing.Count == 0, "Write endpoints missing from BadBodyTests (add a row): " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Malformed_bodies_get_a_clear_4xx_and_change_nothing()
    {
        var sample = await ArrangeAsync(app);
        var admin = app.ClientFor("admin");
        admin.Timeout = TimeSpan.FromSeconds(60);
        var before = await CountsAsync(app);
        var failures = new List<string>();
        foreach (var endpoint in Endpoints)
            foreach (var c in Cases)
            {
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url(sample)) { Content = c.Body(endpoint.Field) };
                using var response = await admin.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var problem = Problem(text);
                var key = c.Key(endpoint.Field);
                var errors = problem?["errors"]?.AsObject();
                var status = (int)response.StatusCode;
                if (status == 401 && endpoint.Pattern == "/api/auth/login" && c.Also.Length > 0) continue; // a readable login of an unknown user
                if (status != c.Status && !c.Also.Contains(status))
                    failures.Add($"{endpoint.Method} {endpoint.Pattern}, {c.Name}: expected {c.Status}, got {status} {Truncate(text)}");
                else if (problem is null || errors is null || errors.Count == 0 || key is not null && !errors.ContainsKey(key))
                    failures.Add($"{endpoint.Method} {endpoint.Pattern}, {c.Name}: expected a problem naming '{key ?? "a field"}', got {status} {Truncate(text)}");
            }
        Assert.True(failures.Count == 0, $"{failures.Count} of {Endpoints.Length * Cases.Length}:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        Assert.Equal(before, await CountsAsync(app));
    }

    private static JsonObject? Problem(string text)
    {
        try { return JsonNode.Parse(text) as JsonObject; }
        catch (System.Text.Json.JsonException) { return null; }
    }

    private static string Truncate(string s) => s.Length > 400 ? s[..400] + "…" : s;
}
