using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;

namespace SceneMonitor.Api.Features.Open311;

/// <summary>Open311 GeoReport v2 for inbound residents' complaints (https://wiki.open311.org/GeoReport_v2),
/// in XML and JSON: every resource answers at `name.xml`, `name.json` and `name` (XML, the spec's
/// default), as FixMyStreet's client (perllib/Open311.pm) calls them. Authentication is the spec's
/// api_key (one of our API keys, as a form or query field, or the X-Api-Key header); the endpoints
/// check roles themselves so that refusals come back in the spec's error shape rather than as ProblemDetails.</summary>
public static class Open311Endpoints
{
    public const string Prefix = "/open311/v2";

    // The query parameters the handlers read by hand (GeoReport v2's names), declared for the OpenAPI document.
    private static readonly QueryParameter[] Common =
    [
        OpenApiQuery.Text("jurisdiction_id", "Optional; when the server has a jurisdiction (Open311:Jurisdiction), another one answers 404."),
        OpenApiQuery.Text(ApiKeys.Open311Field, "An API key, where GeoReport v2 clients put it (the X-Api-Key header works too; on POST also a form field)."),
    ];
    private static readonly QueryParameter Locale = OpenApiQuery.Text("locale", "nl, fr or en for the service names (else Accept-Language, else en).");
    private static readonly QueryParameter[] Period =
    [
        OpenApiQuery.Time("start_date", "Received (requests) or changed (updates) at or after."),
        OpenApiQuery.Time("end_date", "Received (requests) or changed (updates) before."),
    ];
    private static readonly QueryParameter[] RequestFilters =
    [
        OpenApiQuery.List("service_request_id", "Only these requests."),
        OpenApiQuery.List("service_code", "Only these services."),
        OpenApiQuery.List("status", "open and/or closed."),
        Locale, .. Period,
    ];

    public static IEndpointRouteBuilder MapOpen311Endpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).WithTags("Open311").AllowAnonymous();
        Both(group, "GET", "/discovery", Open311Discovery.Get, typeof(Open311Discovery.Discovery),
            "Service discovery: the endpoint's URL and formats (text/xml, application/json).", []);
        Both(group, "GET", "/services", Open311Services.List, typeof(Open311Services.Service[]),
            "The complaint services (service_code → category); public, as the spec expects.", [Locale]);
        Both(group, "GET", "/services/{code}", Open311Services.One, typeof(Open311Services.Definition),
            "A service's definition: one server-set attribute, fixmystreet_id, the sender's report id (recognises resends).", [Locale]);
        Both(group, "POST", "/requests", Open311Submit.Handle, typeof(Open311Submit.Created[]),
            "Store a complaint (form fields api_key, service_code, lat, long, requested_datetime, description, attribute[fixmystreet_id]). Personal fields (email, first_name, last_name, phone, device_id, account_id, media) are accepted and never stored. Needs a recorder or admin key.", []);
        Both(group, "GET", "/requests", Open311Requests.List, typeof(Open311Requests.Request[]),
            "Complaints received over Open311 with their status (open, or closed when retracted); service_request_id, service_code, start_date, end_date, status filters (comma lists). With a key that may see observations: shaped per role. Without a key: only status and service of the service_request_id values asked for.", RequestFilters);
        Both(group, "GET", "/requests/{id}", Open311Requests.One, typeof(Open311Requests.Request[]),
            "One complaint received over Open311 (without a key: its status only).", [Locale]);
        Both(group, "GET", "/servicerequestupdates", Open311Updates.List, typeof(Open311Updates.Update[]),
            "Status changes of complaints received over Open311 (a retraction closes one) between start_date and end_date. Needs a key that may see observations.", Period);
        Both(group, "POST", "/servicerequestupdates", Open311Updates.Refuse, null,
            "Updates from the complaint system are not accepted (answers 400 in the spec's error shape).", []);
        return app;
    }

    /// <summary>`path.{format}` and the bare `path` (XML), one handler; the OpenAPI document names the
    /// records (<paramref name="reply"/>) and the error list, in both media types.</summary>
    private static void Both(RouteGroupBuilder group, string method, string path, Delegate handler, Type? reply, string summary, QueryParameter[] query)
    {
        foreach (var pattern in new[] { path + ".{format}", path })
        {
            var route = group.MapMethods(pattern, [method], handler).WithSummary(summary).WithQuery(Common, query)
                .Produces(StatusCodes.Status400BadRequest, typeof(Open311Error.Item[]), "text/xml", "application/json");
            if (reply is not null) route.Produces(method == "POST" ? StatusCodes.Status201Created : StatusCodes.Status200OK, reply, "text/xml", "application/json");
            if (method == "POST") route.DisableAntiforgery();
            // Documented only: Accepts<T>() would also make routing refuse other content types (JSON posts).
            if (method == "POST" && path == "/requests")
                route.AddOpenApiOperationTransformer(async (operation, context, ct) => operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/x-www-form-urlencoded"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(Open311Form), null, ct) },
                    },
                });
        }
    }

    /// <summary>nl, fr or en from the spec's `locale` parameter or Accept-Language (Brussels is bilingual).</summary>
    internal static string Language(HttpRequest request)
    {
        var wanted = request.Query["locale"].FirstOrDefault() ?? request.Headers.AcceptLanguage.FirstOrDefault() ?? "en";
        var code = wanted.Trim().ToLowerInvariant();
        return code.StartsWith("nl", StringComparison.Ordinal) ? "nl" : code.StartsWith("fr", StringComparison.Ordinal) ? "fr" : "en";
    }
}
