using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SceneMonitor.Core.Data;

namespace SceneMonitor.Api.Features.Open311;

/// <summary>services.{xml|json} and services/{code}.{xml|json}: public, as the spec expects. Every service
/// has metadata: one attribute, <see cref="IdAttribute"/>, which FixMyStreet fills with its own report id
/// without asking the resident (automated=server_set; FixMyStreet's SendReport/Open311.pm sends its
/// contact's id_field, "fixmystreet_id" by default, as attribute[fixmystreet_id] when the service
/// definition declares it). That id is what makes a resend after a timeout recognisable.</summary>
public static class Open311Services
{
    public const string IdAttribute = "fixmystreet_id";

    public sealed record Service(string ServiceCode, string ServiceName, string Description, bool Metadata, string Type, string Keywords, string Group);

    public sealed record Definition(string ServiceCode, ServiceAttribute[] Attributes);

    public sealed record ServiceAttribute(bool Variable, string Code, string Datatype, bool Required, string? DatatypeDescription, int Order, string Description, string Automated);

    public static async Task<IResult> List(HttpRequest request, SceneMonitorDb db, IOptions<Open311Options> options, CancellationToken ct)
    {
        if (Open311Checks.Jurisdiction(request, options.Value) is { } wrong) return wrong;
        var language = Open311Endpoints.Language(request);
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
                return new Service(s.Code, name, description, true, "realtime", s.Keywords, "drug-related nuisance");
            })
            .ToArray();
        return new Open311Reply(items, "services", "service");
    }

    public static async Task<IResult> One(string code, HttpRequest request, SceneMonitorDb db, IOptions<Open311Options> options, CancellationToken ct)
    {
        if (Open311Checks.Jurisdiction(request, options.Value) is { } wrong) return wrong;
        var service = options.Value.EffectiveServices.FirstOrDefault(s => s.Code == code);
        if (service is null || !await db.Categories.AnyAsync(c => c.Code == service.Category && c.Active, ct))
            return Open311Error.Result(StatusCodes.Status404NotFound, $"service_code '{code}' is not a service here; see services.xml");
        var id = new ServiceAttribute(true, IdAttribute, "string", false, "the sending system's own report id",
            1, "Report id in the sending system (set by FixMyStreet, not asked of the resident); a resend with the same id returns the same service_request_id", "server_set");
        return new Open311Reply(new Definition(service.Code, [id]), "service_definition", null);
    }
}
