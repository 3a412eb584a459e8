using System.Globalization;
using Microsoft.Extensions.Options;
using SceneMonitor.Api.Features.Observations;
using SceneMonitor.Api.Security;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Core.Imports;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Open311;

/// <summary>POST requests.{xml|json}: one complaint becomes one observation of the service's category, under
/// the Open311 source. The spec's personal fields are read only to tell the sender they were dropped;
/// attribute[...] fields are not stored either, except fixmystreet_id, which becomes the retry key.
/// The form is exactly what FixMyStreet's Open311.pm posts (x-www-form-urlencoded, or multipart with photos).</summary>
public static class Open311Submit
{
    public sealed record Created(string ServiceRequestId, string? ServiceNotice, string? AccountId);

    /// <summary>Spec fields that identify a person or a device (and FixMyStreet's spellings: deviceid); accepted,
    /// never stored, never logged.</summary>
    private static readonly string[] PersonalFields = ["email", "first_name", "last_name", "phone", "device_id", "deviceid", "account_id", "media_url"];

    /// <summary>Our validator's field names → the spec's, so errors name what the client sent.</summary>
    private static readonly Dictionary<string, string> SpecField = new()
    {
        ["longitude"] = "long", ["latitude"] = "lat", ["observedAt"] = "requested_datetime", ["note"] = "description", ["category"] = "service_code",
    };

    public static async Task<IResult> Handle(
        HttpContext http, ObservationStore store, ObservationValidation validation, IOptions<Open311Options> options,
        IOptions<ObservationOptions> observationOptions, TimeProvider clock, CancellationToken ct)
    {
        var o = options.Value;
        if (Open311Error.Format(http.Request) is { } badFormat) return badFormat;
        if (Open311Checks.Role(http, Policies.Record, "submit service requests") is { } refused) return refused;
        if (http.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
            return Open311Error.BadRequest("send the request as application/x-www-form-urlencoded (or multipart/form-data) fields, as GeoReport v2 specifies");

        IFormCollection form;
        try { form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : FormCollection.Empty; }
        catch (Exception e) when (e is InvalidDataException or IOException) { return Open311Error.BadRequest($"the form could not be read: {e.Message}"); }
        if (Open311Checks.Jurisdiction(http.Request, o, form) is { } wrongPlace) return wrongPlace;
        string? Field(string name) => (form[name].FirstOrDefault() ?? http.Request.Query[name].FirstOrDefault())?.Trim() is { Length: > 0 } v ? v : null;

        var errors = new List<string>();
        var serviceCode = Field("service_code");
        var service = o.EffectiveServices.FirstOrDefault(s => s.Code == serviceCode);
        if (serviceCode is null) errors.Add("service_code: is required; see services.json");
        else if (service is null) errors.Add($"service_code: '{serviceCode}' is not a service here; see services.json");

        var lat = Number(Field("lat"), "lat", errors);
        var lon = Number(Field("long"), "long", errors);
        if ((lat is null || lon is null) && (Field("address_string") is not null || Field("address_id") is not null))
            errors.Add("lat/long: are required; addresses are not geocoded here");

        // The import path's reader: ISO 8601 as written, without an offset in the service's time zone.
        DateTimeOffset requested = clock.GetUtcNow();
        var requestedText = Field("requested_datetime");
        if (requestedText is not null)
        {
            var time = new ImportTime(TimeZoneInfo.FindSystemTimeZoneById(observationOptions.Value.TimeZone));
            if (time.Parse(requestedText, out var timeError) is { } t) requested = t;
            else errors.Add($"requested_datetime: must be ISO 8601, e.g. 2026-05-01T14:30:00+02:00 ({timeError})");
        }
        if (errors.Count > 0) return Open311Error.BadRequest([.. errors]);

        var notices = new List<string>();
        var note = KeptDescription(Field("description"), o, notices);
        if (PersonalFields.Any(f => Field(f) is not null) || form.Files.Count > 0)
            notices.Add("personal details and media (e-mail, name, phone, device, account, photos) are not stored");

        var keys = Open311Retry.Keys(http.User.NameOf(), Field($"attribute[{Open311Services.IdAttribute}]"), serviceCode!, lat!.Value, lon!.Value,
            requestedText is null ? null : requested, Field("description"), clock.GetUtcNow(), o.RetryWindowHours);
        var input = new ObservationInput
        {
            Category = service!.Category, Longitude = lon, Latitude = lat, ObservedAt = requested, Quantity = 1, Source = o.Source, Note = note,
            ExternalRef = keys.Key,
        };
        var invalid = await validation.ValidateAsync(input, ct);
        if (invalid.Count > 0)
            return Open311Error.BadRequest([.. invalid.SelectMany(kv => kv.Value.Select(m => $"{SpecField.GetValueOrDefault(kv.Key, kv.Key)}: {m}")).Distinct()]);

        var writer = ObservationEndpoints.Recorder(http.Request);
        long id;
        bool existing;
        if (keys.Earlier.Length > 0 && await store.FindByExternalRefAsync(writer.Organisation, o.Source, keys.Earlier, ct) is { } earlier)
            (id, existing) = (earlier, true);
        else
        {
            var written = (await store.InsertAsync([input], writer, ct))[0];
            (id, existing) = (written.Id, written.Existing);
        }
        var created = new Created(id.ToString(CultureInfo.InvariantCulture), notices.Count > 0 ? string.Join("; ", notices) : null, null);
        return new Open311Reply(new[] { created }, "service_requests", "request", existing ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }

    private static double? Number(string? text, string field, List<string> errors)
    {
        if (text is null) { errors.Add($"{field}: is required (WGS84 decimal degrees)"); return null; }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        errors.Add($"{field}: '{text}' is not a decimal number (use a point, e.g. 50.8357)");
        return null;
    }

    private static string? KeptDescription(string? description, Open311Options o, List<string> notices)
    {
        if (description is null) return null;
        if (!o.StoreDescriptions) { notices.Add("the description was not stored (this service keeps place, time and category only)"); return null; }
        if (description.Length > ObservationValidator.MaxNoteLength || PersonalDataScanner.Scan(description) is not null)
        {
            notices.Add("the description was not stored: it was too long or held personal details");
            return null;
        }
        return description;
    }
}
