using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SceneMonitor.Api.Security;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Security.Attacks;

/// <summary>An analyst sees whole hours. Ids count up as records arrive, so numeric ids, or rows
/// ordered by them, would tell the order of observations within the hour: through the list (one page
/// or following next links), the single read, OGC items and the CSV export.</summary>
public class ObservationOrderAttackTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _recorder = app.ClientFor("recorder");
    private readonly HttpClient _analyst = app.ClientFor("analyst");

    /// <summary>Six observations one minute apart in one hour, recorded in that order; their numeric ids.</summary>
    private async Task<(string Source, List<long> Ids)> RecordSixInOneHourAsync(int hour)
    {
        var source = UniqueSource();
        var ids = new List<long>();
        for (var minute = 0; minute < 6; minute++)
            ids.Add(await _recorder.CreateAsync(Observation(source, at: new DateTimeOffset(2025, 6, 3, hour, 10 + minute, 0, TimeSpan.Zero))));
        return (source, ids);
    }

    private long RealId(string opaque) =>
        app.Services.GetRequiredService<ObservationIds>().Parse(opaque) ?? throw new Xunit.Sdk.XunitException($"{opaque} is not an opaque id");

    /// <summary>The ids of a FeatureCollection: each must be an opaque string, the same in `id` and `properties.id`.</summary>
    private static List<string> OpaqueIds(JsonObject collection) => collection["features"]!.AsArray().Select(f =>
    {
        Assert.Equal(JsonValueKind.String, f!["id"]!.GetValueKind());
        var id = f["id"]!.GetValue<string>();
        Assert.False(long.TryParse(id, out _), $"{id} is a number");
        if (f["properties"]!["id"] is { } inProperties) Assert.Equal(id, inProperties.GetValue<string>());
        return id;
    }).ToList();

    /// <summary>Follows next links (whose cursors must not be numbers either) and returns the ids in order.</summary>
    private async Task<List<string>> AllPagesAsync(string url, Func<JsonObject, string?> next)
    {
        var ids = new List<string>();
        for (var link = url; link is not null;)
        {
            var page = await _analyst.GetJsonAsync(link);
            ids.AddRange(OpaqueIds(page));
            link = next(page);
        }
        return ids;
    }

    private static string? ListNext(JsonObject page) => CheckCursor(page["next"]?.GetValue<string>());

    private static string? OgcNext(JsonObject page) =>
        CheckCursor(page["links"]!.AsArray().FirstOrDefault(l => l!["rel"]!.GetValue<string>() == "next")?["href"]!.GetValue<string>());

    private static string? CheckCursor(string? link)
    {
        if (link is null) return null;
        var after = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://x"), link).Query)["after"];
        Assert.False(long.TryParse(after, out _), $"the cursor {after} is a number");
        return link;
    }

    [Fact]
    public async Task An_analyst_reads_no_numeric_ids_and_no_recording_order_anywhere()
    {
        // A keyed order is one of 720 orders of six: if it happens to be the recording order (or its
        // reverse), a second hour's six decide; on id order both would be.
        for (var attempt = 0; ; attempt++)
        {
            var (source, recorded) = await RecordSixInOneHourAsync(12 + attempt);
            var list = OpaqueIds(await _analyst.GetJsonAsync($"/api/observations?source={source}"));
            var order = list.Select(RealId).ToList();
            Assert.Equal(recorded.Order(), order.Order());
            if (!order.SequenceEqual(recorded) && !order.SequenceEqual(Enumerable.Reverse(recorded)))
            {
                await CheckEveryAnswerAsync(source, recorded, list);
                return;
            }
            Assert.True(attempt == 0, "the analyst's rows follow the recording order in two hours running");
        }
    }

    private async Task CheckEveryAnswerAsync(string source, List<long> recorded, List<string> list)
    {
        // Pages of two give every row exactly once, in the one page's order.
        Assert.Equal(list, await AllPagesAsync($"/api/observations?source={source}&limit=2", ListNext));
        // A numeric cursor is no cursor for an analyst.
        Assert.Equal(HttpStatusCode.BadRequest, (await _analyst.GetAsync($"/api/observations?source={source}&after={recorded[2]}")).StatusCode);

        // Single reads: by the opaque id only; a numeric id is not found (counting ids gives nothing).
        var one = await _analyst.GetJsonAsync($"/api/observations/{list[0]}");
        Assert.Equal(list[0], one["id"]!.GetValue<string>());
        Assert.Equal(list[0], one["properties"]!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await _analyst.GetAsync($"/api/observations/{recorded[0]}")).StatusCode);

        // OGC items: the same opaque ids in the same keyed order, also page by page.
        var items = $"/ogc/collections/observations/items?source={source}";
        Assert.Equal(list, OpaqueIds(await _analyst.GetJsonAsync(items)));
        Assert.Equal(list, await AllPagesAsync($"{items}&limit=2", OgcNext));
        var feature = await _analyst.GetJsonAsync($"/ogc/collections/observations/items/{list[1]}");
        Assert.Equal(list[1], feature["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await _analyst.GetAsync($"/ogc/collections/observations/items/{recorded[1]}")).StatusCode);

        // The CSV export: opaque ids (a leading '-' is written with an apostrophe against CSV injection).
        var csv = (await _analyst.GetStringAsync($"/api/exports/observations?source={source}&format=csv"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("id", csv[0].Split(',')[0]);
        Assert.Equal(list, csv.Skip(1).Select(line => line.Split(',')[0].TrimStart('\'')).ToList());
        // and the GeoJSON export too.
        Assert.Equal(list, OpaqueIds(await _analyst.GetJsonAsync($"/api/exports/observations?source={source}")));

        // The recorder keeps numeric ids in recording order.
        Assert.Equal(recorded, Ids(await _recorder.GetJsonAsync($"/api/observations?source={source}")));
        Assert.Equal(recorded, await _recorder.AllIdsAsync($"/api/observations?source={source}&limit=2"));
    }
}
