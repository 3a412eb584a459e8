using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using SceneMonitor.Api.Security;

namespace SceneMonitor.Api.Features.Open311;

/// <summary>Request ids for readers of the coarse view. Observation ids count up as records arrive,
/// so an analyst who sees them learns the order of complaints within an hour that the coarse view
/// hides. Coarse readers get instead the id encrypted with a server key (AES on one block: the same
/// request always has the same opaque id, and the order of ids says nothing), and may ask for a
/// request only by that id. The key is derived from the token signing key, so every instance agrees;
/// changing the signing key changes the opaque ids.</summary>
public sealed class Open311Ids(SigningKeyProvider keys)
{
    private byte[]? _key;

    private byte[] Key => _key ??= HMACSHA256.HashData(keys.Key.Key, "open311 opaque request ids"u8);

    /// <summary>A text no reader can order by: mixed into the sort key of coarse answers.</summary>
    public string OrderSalt => Convert.ToHexString(HMACSHA256.HashData(Key, "order"u8));

    public string Opaque(long id)
    {
        Span<byte> block = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(block, id);
        using var aes = Aes.Create();
        aes.Key = Key;
        return Base64Url.EncodeToString(aes.EncryptEcb(block, PaddingMode.None));
    }

    /// <summary>The id behind an opaque id, or null when the text is not one of ours.</summary>
    public long? Parse(string text)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (text.Length != 22 || !Base64Url.TryDecodeFromChars(text, bytes, out var n) || n != 16) return null;
        using var aes = Aes.Create();
        aes.Key = Key;
        var block = aes.DecryptEcb(bytes, PaddingMode.None);
        return block.AsSpan(8).IndexOfAnyExcept((byte)0) < 0 ? BinaryPrimitives.ReadInt64BigEndian(block) : null;
    }
}
