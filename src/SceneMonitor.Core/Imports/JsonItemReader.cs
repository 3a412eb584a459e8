using System.Text.Json;

namespace SceneMonitor.Core.Imports;

/// <summary>Reads the items of the one array a JSON import holds — a GeoJSON FeatureCollection's
/// "features", a KoBoToolbox API export's "results", or a top-level array — one item at a time, so a
/// large file never sits in memory as a whole: the buffer holds at most the current item.</summary>
public sealed class JsonItemReader(Stream stream)
{
    public const int MaxItemBytes = 16 << 20;

    private byte[] _buffer = new byte[1 << 16];
    private int _start, _end;
    private bool _final, _inArray, _done, _bom = true;
    private JsonReaderState _state = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
    private long _items;

    /// <summary>"features", "results" or "array" once the item array is found.</summary>
    public string? ArrayName { get; private set; }

    /// <summary>The name in a GeoJSON 2008 "crs" member met before the items (QGIS and GDAL write it
    /// there), e.g. urn:ogc:def:crs:EPSG::31370; null when there is none.</summary>
    public string? CrsName { get; private set; }

    /// <summary>The next item (dispose it), or null after the last.</summary>
    public JsonDocument? Next()
    {
        while (!_done)
        {
            if (TryStep(out var item)) { if (item is not null) return item; continue; }
            if (_final) throw Malformed("the JSON ends too early");
            Refill();
        }
        return null;
    }

    /// <summary>Advances by one token or item; false when more bytes are needed first.</summary>
    private bool TryStep(out JsonDocument? item)
    {
        item = null;
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
        try
        {
            if (!reader.Read()) return false;
            if (_inArray)
            {
                if (reader.TokenType == JsonTokenType.EndArray) { _done = true; return true; }
                var probe = reader;
                if (!probe.TrySkip()) return false;
                item = JsonDocument.ParseValue(ref reader);
                _items++;
            }
            else if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.StartArray) { _inArray = true; ArrayName = "array"; }
            else if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.StartObject) { }
            else if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.EndObject)
                throw Malformed("no \"features\" (GeoJSON FeatureCollection) or \"results\" (KoBoToolbox export) array found");
            else if (reader.CurrentDepth == 0) throw Malformed("expected a GeoJSON FeatureCollection, a KoBoToolbox export or an array of objects");
            else if (reader.TokenType == JsonTokenType.PropertyName && (reader.ValueTextEquals("features") || reader.ValueTextEquals("results")))
            {
                var name = reader.GetString()!;
                if (!reader.Read()) return false;
                if (reader.TokenType != JsonTokenType.StartArray) throw Malformed($"\"{name}\" must be an array");
                _inArray = true;
                ArrayName = name;
            }
            else if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("crs"))
            {
                if (!reader.Read()) return false;
                var probe = reader;
                if (!probe.TrySkip()) return false;
                using var crs = JsonDocument.ParseValue(ref reader);
                CrsName = NameOf(crs.RootElement);
            }
            else if (reader.TokenType == JsonTokenType.PropertyName)
            {
                // Skip the value of any other member (type, count, crs, next…) whole.
                if (!reader.Read()) return false;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip()) return false;
            }
        }
        catch (JsonException e)
        {
            throw Malformed($"malformed JSON: {FirstSentence(e.Message)}");
        }
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
        return true;
    }

    /// <summary>{"type":"name","properties":{"name":"…"}}, or the older {"type":"EPSG","properties":{"code":31370}}.</summary>
    private static string? NameOf(JsonElement crs)
    {
        if (crs.ValueKind != JsonValueKind.Object || !crs.TryGetProperty("properties", out var p) || p.ValueKind != JsonValueKind.Object) return null;
        if (p.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String) return name.GetString();
        if (p.TryGetProperty("code", out var code) && code.ValueKind is JsonValueKind.Number or JsonValueKind.String) return $"EPSG:{code.ToString()}";
        return null;
    }

    private void Refill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxItemBytes) throw Malformed($"one item is larger than {MaxItemBytes >> 20} MB");
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var n = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0) _final = true;
        _end += n;
        if (_bom && _end >= 3)
        {
            _bom = false;
            if (_buffer.AsSpan(0, 3).SequenceEqual((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) _start = 3;
        }
    }

    /// <summary>Names the item (the row of a JSON import) where reading stopped.</summary>
    private ImportFormatException Malformed(string reason) => new(_inArray ? _items + 1 : 0, null, reason);

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return i > 0 ? message[..i].TrimEnd('.', ' ') : message;
    }
}
