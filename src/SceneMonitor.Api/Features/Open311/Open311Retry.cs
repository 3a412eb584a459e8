using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SceneMonitor.Api.Features.Open311;

/// <summary>The external reference a complaint is stored under, so that a complaint system resending
/// after a timeout gets the same service_request_id back (200) instead of a duplicate. In order:
/// (1) the sender's own report id, attribute[fixmystreet_id] (FixMyStreet sends it because our service
/// definitions declare it; it sends no requested_datetime); (2) the same service, place and
/// requested_datetime; (3) otherwise the same service, place and description received within the
/// retry window: the key of the current window and, in <see cref="RetryKeys.Earlier"/>, that of the
/// previous one, so a resend straddling a window boundary is still found (a resend is recognised for
/// at least one window and at most two). All keys are per sender (API key or account) and hashed:
/// nothing a resident wrote is kept readable.</summary>
public static class Open311Retry
{
    public sealed record RetryKeys(string Key, string[] Earlier);

    public static RetryKeys Keys(string sender, string? reportId, string service, double lat, double lon,
        DateTimeOffset? requested, string? description, DateTimeOffset now, int windowHours)
    {
        if (reportId is not null) return new(Hash($"{sender}|report|{reportId}"), []);
        // Unchanged since requested_datetime was the only key, so complaints stored before still match.
        if (requested is { } at) return new(Hash(string.Create(CultureInfo.InvariantCulture, $"{sender}|{service}|{lat:R}|{lon:R}|{at.UtcTicks}")), []);
        var window = now.ToUnixTimeSeconds() / (Math.Max(1, windowHours) * 3600L);
        string Content(long w) => Hash(string.Create(CultureInfo.InvariantCulture, $"{sender}|{service}|{lat:R}|{lon:R}|{description}|window {w}"));
        return new(Content(window), [Content(window - 1)]);
    }

    private static string Hash(string key) => "open311:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40];
}
