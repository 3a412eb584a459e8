using System.Text;
using SceneMonitor.Core.Imports;

namespace SceneMonitor.Tests.Unit.Imports;

public class CsvReaderTests
{
    private static List<string[]> ReadAll(byte[] bytes, TextDecoding? decoding = null, char? delimiter = null)
    {
        var reader = new CsvReader(new MemoryStream(bytes), decoding ?? TextDecoding.Utf8, delimiter);
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader[i].ToString()).ToArray());
        return rows;
    }

    private static List<string[]> ReadAll(string text, char? delimiter = null) => ReadAll(Encoding.UTF8.GetBytes(text), null, delimiter);

    [Fact]
    public void Quoted_fields_hold_delimiters_doubled_quotes_and_line_breaks()
    {
        var rows = ReadAll("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["1", "x, y", "say \"hi\""], rows[1]);
        Assert.Equal(["2", "two\nlines", ""], rows[2]);
    }

    [Fact]
    public void Rows_are_numbered_by_file_line_even_after_a_multi_line_field_and_blank_lines()
    {
        var reader = new CsvReader(new MemoryStream(Encoding.UTF8.GetBytes("h1,h2\n\"a\nb\",1\n\nc,2\n")), TextDecoding.Utf8);
        var lines = new List<long>();
        while (reader.Read()) lines.Add(reader.Row);
        Assert.Equal([1L, 2L, 5L], lines);
    }

    [Fact]
    public void Semicolons_are_detected_and_decimal_commas_stay_in_their_field()
    {
        var reader = new CsvReader(new MemoryStream(Encoding.UTF8.GetBytes("category;lat;lon\nsyringe;50,8357;4,336\n")), TextDecoding.Utf8);
        Assert.Equal(';', reader.Delimiter);
        Assert.True(reader.Read());
        Assert.True(reader.Read());
        Assert.Equal("50,8357", reader[1].ToString());
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_not_part_of_the_first_column_name()
    {
        var rows = ReadAll([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("category,note\nsyringe,café\n")]);
        Assert.Equal("category", rows[0][0]);
        Assert.Equal("café", rows[1][1]);
    }

    [Fact]
    public void Latin1_is_refused_as_utf8_naming_the_line_and_read_when_asked()
    {
        var bytes = Encoding.Latin1.GetBytes("category,note\nsyringe,ok\nsyringe,caf\u00e9\n");
        var e = Assert.Throws<ImportFormatException>(() => ReadAll(bytes));
        Assert.Equal(3, e.Row);
        Assert.Contains("encoding=latin1", e.Reason);
        Assert.Equal("café", ReadAll(bytes, TextDecoding.Parse("latin1"))[2][1]);
        Assert.Equal("café", ReadAll(bytes, TextDecoding.Parse("windows-1252"))[2][1]);
    }

    [Theory]
    [InlineData("a,b\n1,\"open\n2,3\n", 2, "not closed")]
    [InlineData("a,b\n1,2\n3,\"x\"y\n", 3, "after the closing quote")]
    [InlineData("a,b\n1,2\n3,x\"y\n", 3, "inside an unquoted field")]
    public void Broken_quoting_names_the_row(string text, long row, string reason)
    {
        var e = Assert.Throws<ImportFormatException>(() => ReadAll(text));
        Assert.Equal(row, e.Row);
        Assert.Contains(reason, e.Reason);
    }

    [Fact]
    public void Large_input_streams_through_small_buffers_and_every_field_survives_chunk_edges()
    {
        var sb = new StringBuilder("id,text\n");
        for (var i = 0; i < 50_000; i++) sb.Append(i).Append(",\"é, ").Append(i).Append("\"\r\n");
        var rows = ReadAll(sb.ToString());
        Assert.Equal(50_001, rows.Count);
        for (var i = 0; i < 50_000; i++) Assert.Equal($"é, {i}", rows[i + 1][1]);
    }

    [Fact]
    public void A_last_line_without_a_line_break_is_read()
    {
        var rows = ReadAll("a,b\n1,2");
        Assert.Equal(["1", "2"], rows[1]);
    }
}
