using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SceneMonitor.Core.Audit;

/// <summary>Keeps secrets out of the audit log: whoever can read the log (admins, database backups)
/// must not be able to sign in with what it records. Open311 clients send their API key as an
/// api_key parameter, so a recorded query would otherwise hold a whole key.</summary>
public static class AuditSecrets
{
    /// <summary>Parameter names whose values are credentials that may stand for themselves (keys,
    /// tokens): stored as a short hash prefix, enough to match an API key's stored SHA-256.</summary>
    private static readonly HashSet<string> KeyNames = new(StringComparer.OrdinalIgnoreCase)
        { "api_key", "apikey", "x-api-key", "token", "access_token", "id_token", "refresh_token", "authorization" };

    /// <summary>Names whose values may be guessable (passwords): a hash prefix could be brute-forced, so dropped.</summary>
    private static readonly HashSet<string> DroppedNames = new(StringComparer.OrdinalIgnoreCase)
        { "password", "passwd", "secret", "client_secret", "newpassword", "new_password" };

    public const string Dropped = "[redacted]";

    /// <summary>The node with every secret replaced, wherever it sits (any depth, any name for smk_ values).</summary>
    public static JsonNode? Redact(JsonNode? node, string? name = null)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                    if (Redact(value, key) is var redacted && !ReferenceEquals(redacted, value)) o[key] = redacted;
                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    if (Redact(a[i], name) is var redacted && !ReferenceEquals(redacted, a[i])) a[i] = redacted;
                return a;
            case JsonValue when name is not null && DroppedNames.Contains(name):
                return Dropped;
            case JsonValue v when v.TryGetValue<string>(out var s) && (name is not null && KeyNames.Contains(name) || LooksLikeSecret(s)):
                return HashPrefix(s);
            default:
                return node;
        }
    }

    /// <summary>"sha256:" and the first 12 hex digits of the value's SHA-256 (an API key's stored hash starts with them).</summary>
    public static string HashPrefix(string secret) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..12];

    /// <summary>An API key (smk_…), a bearer header or a JWT, whatever parameter it was sent in.</summary>
    private static bool LooksLikeSecret(string s) =>
        s.StartsWith("smk_", StringComparison.OrdinalIgnoreCase)
        || s.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || s.StartsWith("eyJ", StringComparison.Ordinal) && s.Count(c => c == '.') == 2;
}
