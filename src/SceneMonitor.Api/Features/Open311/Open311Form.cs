using System.Text.Json.Serialization;

namespace SceneMonitor.Api.Features.Open311;

/// <summary>The form of POST requests (GeoReport v2 field names, as FixMyStreet's Open311.pm sends
/// them), for the OpenAPI document only: Open311Submit reads the form by hand so that every problem
/// comes back in the spec's error list. Personal fields are accepted and never stored.</summary>
public sealed record Open311Form(
    [property: JsonPropertyName("api_key")] string? ApiKey,
    [property: JsonPropertyName("jurisdiction_id")] string? JurisdictionId,
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("lat")] double? Lat,
    [property: JsonPropertyName("long")] double? Long,
    [property: JsonPropertyName("address_string")] string? AddressString,
    [property: JsonPropertyName("requested_datetime")] DateTimeOffset? RequestedDatetime,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("attribute[fixmystreet_id]")] string? FixMyStreetId,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("first_name")] string? FirstName,
    [property: JsonPropertyName("last_name")] string? LastName,
    [property: JsonPropertyName("phone")] string? Phone,
    [property: JsonPropertyName("media_url")] string? MediaUrl);
