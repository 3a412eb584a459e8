using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Security;

/// <summary>Observation ids for readers of the coarse view. Ids count up as records arrive, so an
/// analyst who sees them learns the order of observations within an hour that the coarse view hides.
/// Coarse readers get instead the id encrypted with a server key (AES on one block: the same
/// observation always has the same opaque id, and the order of ids says nothing), may ask for an
/// observation only by that id, and read lists in a keyed order (<see cref="ObservationOrder"/>, seeded
/// by <see cref="OrderSeed"/>) paged by an encrypted cursor. Exact readers keep numeric ids. The key is
/// derived from the token signing key, so every instance agrees; changing the signing key changes the
/// opaque ids. Used by every answer with observation ids: lists, single reads, OGC items, exports, Open311.</summary>
public sealed class ObservationIds(SigningKeyProvider keys)
{
    // A cursor is one block like an opaque id, told apart by these bytes where an id has zeros.
    private const uint CursorMark = 0x70616765; // "page"
    private byte[]? _key;
    // One AES instance per thread: exports write an opaque id per row (one-shot calls are not documented as thread-safe).
    private readonly ThreadLocal<Aes> _aes = new(() => { var aes = Aes.Create(); aes.Key = DeriveKey(keys); return aes; });

    // The label predates the other uses: kept so that Open311 ids stay what they were.
    private byte[] Key => _key ??= DeriveKey(keys);

    private static byte[] DeriveKey(SigningKeyProvider keys) => HMACSHA256.HashData(keys.Key.Key, "open311 opaque request ids"u8);

    /// <summary>The secret seed of the keyed order of coarse answers (the SQL's @order_seed).</summary>
    public long OrderSeed => BinaryPrimitives.ReadInt64BigEndian(HMACSHA256.HashData(Key, "order"u8));

    public string Opaque(long id) => Encrypt(id, 0, 0);

    /// <summary>The id behind an opaque id, or null when the text is not one of ours.</summary>
    public long? Parse(string text) => Decrypt(text) is { } b && b.Mark == 0 && b.Hour == 0 ? b.Id : null;

    /// <summary>The id as <paramref name="view"/> shows it: numeric for exact readers, opaque otherwise.</summary>
    /// <summary>For <see cref="SceneMonitor.Core.GeoJson.ObservationGeoJson.WriteFeature"/>: null (numeric) for exact readers.</summary>
    public string? OpaqueFor(long id, ObservationView view) => view.IsExact ? null : Opaque(id);

    public string Format(long id, ObservationView view) => view.IsExact ? id.ToString(CultureInfo.InvariantCulture) : Opaque(id);

    /// <summary>The id a reader named: exact readers give numbers, coarse readers only opaque ids
    /// (a numeric id would let them map ids, and so arrival order, to observations).</summary>
    public long? Read(string text, ObservationView view) => view.IsExact
        ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null
        : Parse(text);

    /// <summary>The `after` of a next link: the last row's id for exact readers; for coarse readers its
    /// id and hour encrypted, so the link says nothing the rows do not.</summary>
    public string Cursor(ObservationPosition p, ObservationView view) => view.IsExact
        ? p.Id.ToString(CultureInfo.InvariantCulture)
        : Encrypt(p.Id, (int)(p.Hour.ToUnixTimeSeconds() / 3600), CursorMark);

    /// <summary>The position a cursor stands for (null: not a cursor this reader was given).</summary>
    public ObservationPosition? ReadCursor(string text, ObservationView view)
    {
        if (view.IsExact)
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? new ObservationPosition(id, ObservationPosition.Start.Hour) : null;
        return Decrypt(text) is { Mark: CursorMark } b ? new ObservationPosition(b.Id, DateTimeOffset.FromUnixTimeSeconds(b.Hour * 3600L)) : null;
    }

    private Aes Cipher => _aes.Value!;

    private string Encrypt(long id, int hour, uint mark)
    {
        Span<byte> block = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(block, id);
        BinaryPrimitives.WriteInt32BigEndian(block[8..], hour);
        BinaryPrimitives.WriteUInt32BigEndian(block[12..], mark);
        // A letter first: base64url may start with '-', which spreadsheets read as a formula (the CSV
        // export would then prefix an apostrophe and the id would differ from the GeoJSON one).
        return Prefix + Base64Url.EncodeToString(Cipher.EncryptEcb(block, PaddingMode.None));
    }

    private const char Prefix = 'o';

    private (long Id, int Hour, uint Mark)? Decrypt(string text)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (text.Length != 23 || text[0] != Prefix || !Base64Url.TryDecodeFromChars(text.AsSpan(1), bytes, out var n) || n != 16) return null;
        var block = Cipher.DecryptEcb(bytes, PaddingMode.None);
        return (BinaryPrimitives.ReadInt64BigEndian(block), BinaryPrimitives.ReadInt32BigEndian(block.AsSpan(8)), BinaryPrimitives.ReadUInt32BigEndian(block.AsSpan(12)));
    }
}
