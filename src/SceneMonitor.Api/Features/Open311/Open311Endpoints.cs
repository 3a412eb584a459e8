using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SceneMonitor.Core.Data;

namespace SceneMonitor.Api.Features.Open311;

/// <summary>Open311 GeoReport v2 for inbound residents' complaints (https://wiki.open311.org/GeoReport_v2).
/// Only the JSON format is served. Authentication is the spec's api_key (one of our API keys, as a
/// form or query field, or the X-Api-Key header); the endpoints check roles themselves so that
/// refusals come back in the spec's error shape rather than as ProblemDetails.</summary>
public static class Open311Endpoints
{
    public const string Prefix = "/open311/v2";

    public static IEndpointRouteBuilder MapOpen311Endpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).WithTags("Open311").AllowAnonymous();
        group.MapGet("/services.json", Services)
            .WithSummary("The complaint services (service_code → category); public, as the spec expects.");
        group.MapPost("/requests.json", Open311Submit.Handle).DisableAntiforgery()
            .WithSummary("Store a complaint (form fields api_key, service_code, lat, long, requested_datetime, description). Personal fields (email, first_name, last_name, phone, device_id, account_id, media) are accepted and never stored. Needs a recorder or admin key.");
        group.MapGet("/requests.json", Open311Requests.List)
            .WithSummary("Complaints received over Open311 with their status (open, or closed when retracted); service_request_id, service_code, start_date, end_date, status filters. Needs a key or sign-in that may see observations.");
        group.MapGet("/requests/{id}.json", Open311Requests.One)
            .WithSummary("One complaint received over Open311.");
        return app;
    }

    public sealed record ServiceItem(string ServiceCode, string ServiceName, string Description, bool Metadata, string Type, string Keywords, string Group);

    private static async Task<Results<JsonHttpResult<ServiceItem[]>, JsonHttpResult<Open311Error.Item[]>>> Services(
        HttpRequest request, SceneMonitorDb db, IOptions<Open311Options> options, CancellationToken ct)
    {
        if (Open311Checks.Jurisdiction(request, options.Value) is { } wrong) return wrong;
        var language = Language(request);
        var categories = await db.Categories.AsNoTracking().Where(c => c.Active).ToDictionaryAsync(c => c.Code, ct);
        var items = options.Value.EffectiveServices
            .Where(s => categories.ContainsKey(s.Category))
            .Select(s =>
            {
                var c = categories[s.Category];
                var name = language switch { "nl" => c.LabelNl, "fr" => c.LabelFr, _ => c.LabelEn };
                var description = language switch
                {
                    "nl" => $"{name} in de openbare ruimte. Beschrijf de plek, nooit personen.",
                    "fr" => $"{name} dans l'espace public. Décrivez le lieu, jamais des personnes.",
                    _ => $"{name} in public space. Describe the place, never people.",
                };
                return new ServiceItem(s.Code, name, description, false, "realtime", s.Keywords, "drug-related nuisance");
            })
            .ToArray();
        return TypedResults.Json(items, Open311Json.Options);
    }

    /// <summary>nl, fr or en from the spec's `locale` parameter or Accept-Language (Brussels is bilingual).</summary>
    internal static string Language(HttpRequest request)
    {
        var wanted = request.Query["locale"].FirstOrDefault() ?? request.Headers.AcceptLanguage.FirstOrDefault() ?? "en";
        var code = wanted.Trim().ToLowerInvariant();
        return code.StartsWith("nl", StringComparison.Ordinal) ? "nl" : code.StartsWith("fr", StringComparison.Ordinal) ? "fr" : "en";
    }
}
