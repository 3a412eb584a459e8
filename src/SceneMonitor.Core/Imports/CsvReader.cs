namespace SceneMonitor.Core.Imports;

/// <summary>Streaming RFC 4180 CSV reader: quoted fields may hold delimiters, doubled quotes and line
/// breaks. Holds one buffer of bytes, one of characters and the current record, whatever the file
/// size; fields are spans over the record buffer, so reading allocates nothing per row. Anything
/// malformed (a stray or unclosed quote, text after a closing quote, invalid UTF-8) throws an
/// <see cref="ImportFormatException"/> naming the file line.</summary>
public sealed class CsvReader
{
    public const int MaxRecordChars = 1 << 16;
    public const int MaxFields = 512;

    private readonly Stream _stream;
    private readonly TextDecoding _decoding;
    private readonly byte[] _bytes = new byte[1 << 16];
    private int _byteStart, _byteEnd;
    private bool _streamEnd, _firstBytes = true, _invalidPending;
    private readonly char[] _chars = new char[1 << 16];
    private int _pos, _len;

    private char[] _record = new char[1024];
    private int _recLen, _fieldCount;
    private int[] _starts = new int[64], _ends = new int[64];
    private long _line = 1;

    public CsvReader(Stream stream, TextDecoding decoding, char? delimiter = null)
    {
        _stream = stream;
        _decoding = decoding;
        if (Fill()) Delimiter = delimiter ?? DetectDelimiter(_chars.AsSpan(0, _len));
        else Delimiter = delimiter ?? ',';
        _unquotedStops = System.Buffers.SearchValues.Create([Delimiter, '\n', '\r', '"']);
    }

    private readonly System.Buffers.SearchValues<char> _unquotedStops;

    public char Delimiter { get; }
    /// <summary>File line (1-based) where the current record starts.</summary>
    public long Row { get; private set; }
    public int FieldCount => _fieldCount;
    public ReadOnlySpan<char> this[int i] => _record.AsSpan(_starts[i], _ends[i] - _starts[i]);

    /// <summary>Comma unless the first line holds more semicolons (Belgian spreadsheets) or tabs.</summary>
    public static char DetectDelimiter(ReadOnlySpan<char> text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            else if (quoted) continue;
            else if (c is '\n' or '\r') break;
            else if (c == ',') commas++;
            else if (c == ';') semicolons++;
            else if (c == '\t') tabs++;
        }
        return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas ? '\t' : ',';
    }

    /// <summary>Reads the next record that is not a blank line; false at the end of the file.</summary>
    public bool Read()
    {
        while (ReadRecord())
            if (_fieldCount > 1 || _ends[0] > _starts[0]) return true;
        return false;
    }

    private enum State { FieldStart, Unquoted, Quoted, QuoteSeen }

    private bool ReadRecord()
    {
        _recLen = 0;
        _fieldCount = 0;
        Row = _line;
        if (_pos == _len && !Fill()) return false;
        var state = State.FieldStart;
        var fieldStart = 0;
        while (true)
        {
            if (_pos == _len && !Fill())
            {
                if (state == State.Quoted) throw Error("a quoted field is not closed (a \" is missing)");
                EndField(ref fieldStart);
                return true;
            }
            var span = _chars.AsSpan(_pos, _len - _pos);
            switch (state)
            {
                case State.FieldStart:
                    if (span[0] == '"') { _pos++; state = State.Quoted; }
                    else state = State.Unquoted;
                    break;
                case State.Unquoted:
                {
                    var i = span.IndexOfAny(_unquotedStops);
                    if (i < 0) { Append(span); _pos = _len; break; }
                    Append(span[..i]);
                    _pos += i + 1;
                    var c = span[i];
                    if (c == '"') throw Error("a quote (\") inside an unquoted field: quote the whole field and double the quotes inside it");
                    EndField(ref fieldStart);
                    if (c == Delimiter) { state = State.FieldStart; break; }
                    EndLine(c);
                    return true;
                }
                case State.Quoted:
                {
                    var i = span.IndexOf('"');
                    var text = i < 0 ? span : span[..i];
                    _line += text.Count('\n');
                    Append(text);
                    _pos += i < 0 ? span.Length : i + 1;
                    if (i >= 0) state = State.QuoteSeen;
                    break;
                }
                case State.QuoteSeen:
                {
                    var c = span[0];
                    _pos++;
                    if (c == '"') { Append("\""); state = State.Quoted; break; }
                    if (c == Delimiter) { EndField(ref fieldStart); state = State.FieldStart; break; }
                    if (c is '\n' or '\r') { EndField(ref fieldStart); EndLine(c); return true; }
                    throw Error("text after the closing quote of a quoted field: double the quotes inside a quoted field");
                }
            }
        }
    }

    private void EndLine(char c)
    {
        _line++;
        if (c != '\r') return;
        if (_pos == _len && !Fill()) return;
        if (_chars[_pos] == '\n') _pos++;
    }

    private void EndField(ref int fieldStart)
    {
        if (_fieldCount == MaxFields) throw Error($"more than {MaxFields} columns");
        if (_fieldCount == _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
            Array.Resize(ref _ends, _ends.Length * 2);
        }
        _starts[_fieldCount] = fieldStart;
        _ends[_fieldCount++] = _recLen;
        fieldStart = _recLen;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return;
        if (_recLen + text.Length > _record.Length)
        {
            if (_recLen + text.Length > MaxRecordChars)
                throw Error($"the record is longer than {MaxRecordChars:N0} characters (is a quote not closed?)");
            Array.Resize(ref _record, Math.Min(MaxRecordChars, Math.Max(_record.Length * 2, _recLen + text.Length)));
        }
        text.CopyTo(_record.AsSpan(_recLen));
        _recLen += text.Length;
    }

    private ImportFormatException Error(string reason) => new(Row, null, reason);

    /// <summary>Decodes the next chunk; false at the end of the input.</summary>
    private bool Fill()
    {
        _pos = _len = 0;
        while (true)
        {
            if (_invalidPending)
                throw new ImportFormatException(_line, null, _decoding.IsUtf8
                    ? "the file is not valid UTF-8 from this line on; if it was saved as Latin-1 or Windows-1252 (older Excel), say so with ?encoding=latin1 or ?encoding=windows-1252"
                    : "the file cannot be decoded");
            if (_byteStart > 0)
            {
                _bytes.AsSpan(_byteStart, _byteEnd - _byteStart).CopyTo(_bytes);
                _byteEnd -= _byteStart;
                _byteStart = 0;
            }
            if (!_streamEnd && _byteEnd < _bytes.Length)
            {
                var n = _stream.Read(_bytes, _byteEnd, _bytes.Length - _byteEnd);
                if (n == 0) _streamEnd = true;
                _byteEnd += n;
            }
            if (_firstBytes && (_byteEnd - _byteStart >= 3 || _streamEnd))
            {
                _firstBytes = false;
                // A UTF-8 byte order mark (Excel's "CSV UTF-8") is not part of the first column name.
                if (_bytes.AsSpan(_byteStart, _byteEnd - _byteStart).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) _byteStart += 3;
            }
            else if (_firstBytes) continue;
            var used = _decoding.Decode(_bytes.AsSpan(_byteStart, _byteEnd - _byteStart), _chars, _streamEnd, out var written, out var invalid);
            _byteStart += used;
            _invalidPending = invalid;
            _len = written;
            if (written > 0) return true;
            if (_streamEnd && _byteStart == _byteEnd && !invalid) return false;
        }
    }
}
