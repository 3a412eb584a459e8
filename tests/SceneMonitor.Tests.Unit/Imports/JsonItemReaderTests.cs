using System.Text;
using SceneMonitor.Core.Imports;

namespace SceneMonitor.Tests.Unit.Imports;

public class JsonItemReaderTests
{
    private static (List<string> Items, string? Array) ReadAll(string json)
    {
        var reader = new JsonItemReader(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        var items = new List<string>();
        while (reader.Next() is { } doc) using (doc) items.Add(doc.RootElement.GetRawText());
        return (items, reader.ArrayName);
    }

    [Fact]
    public void Features_spanning_many_buffers_are_read_one_by_one_after_other_members()
    {
        var features = Enumerable.Range(0, 5000).Select(i =>
            $$$"""{"type":"Feature","geometry":{"type":"Point","coordinates":[4.{{{i:0000}}},50.8]},"properties":{"n":{{{i}}},"note":"{{{new string('x', i % 50)}}}"}}""");
        var json = $$$"""{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[{{{string.Join(",\n", features)}}}],"bbox":[1,2,3,4]}""";
        var (items, array) = ReadAll(json);
        Assert.Equal("features", array);
        Assert.Equal(5000, items.Count);
        Assert.Contains("\"n\":4999", items[4999]);
        Assert.Contains("\"n\":1234", items[1234]);
    }

    [Fact]
    public void Kobo_results_and_top_level_arrays()
    {
        var (kobo, name) = ReadAll($$"""{"count":2,"next":"{{new string('a', 70_000)}}","previous":null,"results":[{"_uuid":"a"},{"_uuid":"b"}]}""");
        Assert.Equal("results", name);
        Assert.Equal(["{\"_uuid\":\"a\"}", "{\"_uuid\":\"b\"}"], kobo);
        var (plain, plainName) = ReadAll("\uFEFF[{\"a\":1},{\"a\":2},{\"a\":3}]");
        Assert.Equal("array", plainName);
        Assert.Equal(3, plain.Count);
    }

    [Theory]
    [InlineData("""{"type":"FeatureCollection","features":[{"a":1},{"a":2,}]}""", 2, "malformed JSON")]
    [InlineData("""{"type":"FeatureCollection","features":[{"a":1},{"a":2}""", 3, "malformed JSON")]
    [InlineData("""{"type":"Feature","geometry":null}""", 0, "no \"features\"")]
    public void Broken_json_names_the_item(string json, long row, string reason)
    {
        var e = Assert.Throws<ImportFormatException>(() => ReadAll(json));
        Assert.Equal(row, e.Row);
        Assert.Contains(reason, e.Reason);
    }
}
