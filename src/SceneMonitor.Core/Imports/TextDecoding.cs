using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace SceneMonitor.Core.Imports;

/// <summary>Turns the uploaded bytes into characters chunk by chunk. UTF-8 is decoded strictly, so a
/// file saved as Latin-1 is refused (naming the line of the first bad byte) instead of being stored as
/// mojibake; Latin-1 and Windows-1252 are decoded only when the caller names them.</summary>
public sealed class TextDecoding
{
    public static readonly TextDecoding Utf8 = new("utf-8", null);
    private readonly Encoding? _singleByte;

    private TextDecoding(string name, Encoding? singleByte) { Name = name; _singleByte = singleByte; }

    public string Name { get; }
    public bool IsUtf8 => _singleByte is null;

    /// <summary>utf-8 (default), latin1 / iso-8859-1, windows-1252 / cp1252; null when unknown.</summary>
    public static TextDecoding? Parse(string? name) => name?.Trim().ToLowerInvariant().Replace("_", "-") switch
    {
        null or "" or "utf-8" or "utf8" => Utf8,
        "latin1" or "latin-1" or "iso-8859-1" or "iso8859-1" => new("latin1", Encoding.Latin1),
        "windows-1252" or "cp1252" or "win1252" => new("windows-1252", Windows1252()),
        _ => null,
    };

    private static Encoding Windows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    /// <summary>Decodes as much of <paramref name="bytes"/> as forms whole characters. Returns the bytes
    /// used; <paramref name="invalid"/> is set when the bytes at that point are not valid UTF-8.</summary>
    public int Decode(ReadOnlySpan<byte> bytes, Span<char> chars, bool final, out int charsWritten, out bool invalid)
    {
        invalid = false;
        if (_singleByte is not null)
        {
            var n = Math.Min(bytes.Length, chars.Length);
            charsWritten = _singleByte.GetChars(bytes[..n], chars);
            return n;
        }
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var read, out charsWritten, replaceInvalidSequences: false, isFinalBlock: final);
        invalid = status == OperationStatus.InvalidData;
        return read;
    }
}
