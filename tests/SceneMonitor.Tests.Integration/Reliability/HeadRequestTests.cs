using System.Net;
using SceneMonitor.Tests.Support;

namespace SceneMonitor.Tests.Integration.Reliability;

/// <summary>HEAD on GET routes answers what GET answers (status and headers, Content-Length of the
/// body GET would send) without a body; the real GDAL /vsicurl/ use is in OgcGdalTests.</summary>
public class HeadRequestTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    [Theory]
    [InlineData("anonymous", "/ogc/conformance")]
    [InlineData("anonymous", "/ogc/api")]
    [InlineData("anonymous", "/")]
    [InlineData("recorder", "/ogc/collections/observations/items?limit=5")]
    [InlineData("recorder", "/api/exports/observations?format=csv&category=complaint")]
    [InlineData("recorder", "/api/categories")]
    public async Task Head_is_get_without_the_body(string role, string url)
    {
        var http = role == "anonymous" ? app.CreateClient() : app.ClientFor(role);
        var get = await http.GetAsync(url);
        var body = await get.Content.ReadAsByteArrayAsync();
        var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(body.Length, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Head_keeps_the_rules_of_get()
    {
        var anonymous = app.CreateClient();
        var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/ogc/collections/observations/items"));
        Assert.Equal(HttpStatusCode.Unauthorized, head.StatusCode);
        // A POST-only route answers HEAD as it answers GET (not 200).
        var recorder = app.ClientFor("recorder");
        var get = await recorder.GetAsync("/api/observations/batch");
        var post = await recorder.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/observations/batch"));
        Assert.NotEqual(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(get.StatusCode, post.StatusCode);
    }
}
