using System.Security.Cryptography;
using System.Text;
using SceneMonitor.Core.Imports;

namespace SceneMonitor.Tests.Unit.Imports;

public class ImportPreviewTests
{
    private static ImportPreview Csv(string text) =>
        ImportPreview.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), json: false, TextDecoding.Parse(null)!, null, null)!;

    [Fact]
    public void The_signature_ignores_order_case_spaces_and_group_prefixes()
    {
        var a = ImportPreview.SignatureOf(["Soort", "Breedte graad", "grp/Lengtegraad"]);
        Assert.Equal(a, ImportPreview.SignatureOf(["lengtegraad", "SOORT", "breedtegraad"]));
        Assert.NotEqual(a, ImportPreview.SignatureOf(["Soort", "Breedtegraad"]));
        // By hand: the normalised names sorted and joined by line breaks, hashed with SHA-256.
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("breedtegraad\nlengtegraad\nsoort")));
        Assert.Equal(expected, a);
    }

    [Fact]
    public void Samples_are_up_to_three_distinct_non_empty_values_cut_at_forty_characters()
    {
        var preview = Csv("Soort;Nota\nSpuit;\nSpuit;" + new string('x', 50) + "\nPijp;b\nFles;c\nGroep;d\n");
        var columns = preview.Columns(new Dictionary<ImportField, string>());
        Assert.Equal(["Spuit", "Pijp", "Fles"], columns[0].Samples);
        Assert.Equal(new string('x', 39) + "…", columns[1].Samples[0]);
        Assert.Equal(3, columns[1].Samples.Count);
        Assert.Equal("category", columns[0].Field);
        Assert.Null(columns[1].Field); // "Nota" is no known name
        Assert.Equal("note", preview.Columns(new Dictionary<ImportField, string> { [ImportField.Note] = "Nota" })[1].Field);
    }
}
