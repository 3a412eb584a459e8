using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace SceneMonitor.Api.Security;

/// <summary>The key that signs and checks the API's tokens: Auth:SigningKey when configured, else a
/// random 64-byte key generated once and kept in the database (settings 'auth.signing_key'), so that
/// every instance and every restart accepts the same tokens.</summary>
public sealed class SigningKeyProvider(IOptions<AuthOptions> options, NpgsqlDataSource db, ILogger<SigningKeyProvider> log)
{
    public const string SettingKey = "auth.signing_key";
    private SymmetricSecurityKey? _key;

    public SymmetricSecurityKey Key => _key ?? throw new InvalidOperationException("The signing key is not loaded yet (SigningKeyProvider.InitialiseAsync runs at start).");

    public async Task InitialiseAsync(CancellationToken ct)
    {
        var configured = options.Value.SigningKey;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _key = new SymmetricSecurityKey(Decode(configured));
            return;
        }
        // Insert-if-absent then read back, so two instances starting together agree on one key.
        await using var cmd = db.CreateCommand("""
            INSERT INTO settings (key, value, updated_at) VALUES (@key, @value, now()) ON CONFLICT (key) DO NOTHING;
            SELECT value FROM settings WHERE key = @key;
            """);
        cmd.Parameters.AddWithValue("key", SettingKey);
        cmd.Parameters.AddWithValue("value", Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
        var stored = (string)(await cmd.ExecuteScalarAsync(ct))!;
        _key = new SymmetricSecurityKey(Convert.FromBase64String(stored));
        log.LogInformation("Tokens are signed with the key kept in the database (set Auth:SigningKey to use your own).");
    }

    /// <summary>Base64 of 32+ bytes, or else the UTF-8 bytes of a text of 32+ characters.</summary>
    public static byte[] Decode(string configured)
    {
        byte[] bytes;
        try { bytes = Convert.FromBase64String(configured); }
        catch (FormatException) { bytes = Encoding.UTF8.GetBytes(configured); }
        if (bytes.Length < 32) bytes = Encoding.UTF8.GetBytes(configured);
        if (bytes.Length < 32)
            throw new InvalidOperationException("Auth:SigningKey is too short: give at least 32 bytes (e.g. `openssl rand -base64 48`).");
        return bytes;
    }
}
