using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;

namespace SceneMonitor.Tests.Integration.Imports;

/// <summary>Helpers for calling POST /api/imports in tests and checking what was stored.</summary>
public static class ImportApi
{
    public static ByteArrayContent Csv(string text) => Body(Encoding.UTF8.GetBytes(text), "text/csv");

    public static ByteArrayContent Body(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    /// <summary>POSTs with wait=true and returns status and parsed body.</summary>
    public static async Task<(int Status, JsonObject Body)> ImportAsync(this HttpClient http, HttpContent content, string query)
    {
        var response = await http.PostAsync($"/api/imports?wait=true&{query}", content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    public static Task<long> CountAsync(this SceneMonitorApp app, string source) =>
        app.ScalarAsync<long>("SELECT count(*) FROM observations WHERE source = @s", ("s", source));

    public static Task<long> CountAllAsync(this SceneMonitorApp app) => app.ScalarAsync<long>("SELECT count(*) FROM observations");

    /// <summary>One stored observation of <paramref name="source"/> by external reference, as text columns.</summary>
    public static async Task<string> RowAsync(this SceneMonitorApp app, string source, string externalRef) =>
        (await app.ScalarAsync<string>("""
            SELECT concat_ws('|', c.code, round(ST_X(o.location)::numeric, 6), round(ST_Y(o.location)::numeric, 6),
                             to_char(o.observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), o.quantity, coalesce(o.note, ''))
            FROM observations o JOIN categories c ON c.id = o.category_id WHERE o.source = @s AND o.external_ref = @r
            """, ("s", source), ("r", externalRef)))!;

    /// <summary>The code and field of each error (set for problems with the file's columns).</summary>
    public static List<(string? Code, string? Field)> Codes(JsonObject body) =>
        body["errors"]!.AsArray().Select(e => (e!["code"]?.GetValue<string>(), e["field"]?.GetValue<string>())).ToList();

    public static List<(long Row, string? Column, string Reason)> Errors(JsonObject body) =>
        body["errors"]!.AsArray().Select(e => (e!["row"]!.GetValue<long>(), e["column"]?.GetValue<string>(), e["reason"]!.GetValue<string>())).ToList();
}
