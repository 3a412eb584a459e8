namespace SceneMonitor.Api.Features.Open311;

/// <summary>discovery.{xml|json}: where the GeoReport v2 endpoint is and which formats it speaks
/// (the spec's service discovery document), so a client can be pointed at one URL.</summary>
public static class Open311Discovery
{
    /// <summary>Changes when the served shape changes (formats, services metadata), not per release.</summary>
    private const string Changeset = "2026-12-06T00:00:00Z";

    public sealed record Discovery(string Changeset, string Contact, string KeyService, Endpoint[] Endpoints);

    public sealed record Endpoint(string Specification, string Url, string Changeset, string Type, string[] Formats);

    public static IResult Get(HttpRequest request, Microsoft.Extensions.Options.IOptions<Open311Options> options)
    {
        if (Open311Checks.Jurisdiction(request, options.Value) is { } wrong) return wrong;
        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{Open311Endpoints.Prefix}/";
        return new Open311Reply(new Discovery(Changeset,
            "the administrator of this SceneMonitor installation",
            "an admin creates a recorder API key for the complaint system's organisation (POST /api/admin/api-keys)",
            [new Endpoint("http://wiki.open311.org/GeoReport_v2", url, Changeset, "production", ["text/xml", "application/json"])]), "discovery", null);
    }
}
