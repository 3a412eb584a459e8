using SceneMonitor.Tests.Support;

namespace SceneMonitor.Tests.Unit.Docs;

/// <summary>The link checker of the test command: a README or docs page that points to a moved file
/// or a renamed heading fails here, naming the file, the line and the target.</summary>
public sealed class DocumentLinkTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sm-links-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Every_relative_link_in_the_README_and_docs_leads_to_a_file_and_heading_that_exist()
    {
        var root = RepositoryRoot.Find();
        Assert.Contains(Path.Combine(root, "docs", "README.md"), DocumentLinks.Documents(root));
        var broken = DocumentLinks.Broken(root);
        Assert.True(broken.Count == 0, $"{broken.Count} broken links:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void A_missing_file_a_missing_heading_and_a_link_out_of_the_repository_are_each_reported_with_file_and_line()
    {
        Write("README.md", """
            # Title
            See [the API](docs/api.md#signing-in), [gone](docs/gone.md) and [up](../outside.md).

            [defined]: docs/api.md#no-such-heading
            """);
        Write("docs/api.md", """
            ## Signing in
            ## Limits and failures
            Back to [the start](../README.md#title) and [here](#limits-and-failures), [wrong](#limits).
            """);

        Assert.Equal(
        [
            "README.md:2: docs/gone.md: no such file or folder",
            "README.md:2: ../outside.md: points outside the repository",
            "README.md:4: docs/api.md#no-such-heading: no heading in api.md gives the anchor #no-such-heading",
            "docs/api.md:3: #limits: no heading in api.md gives the anchor #limits",
        ], DocumentLinks.Broken(_dir));
    }

    [Fact]
    public void Links_in_code_web_addresses_and_pending_notes_are_not_checked_and_images_and_folders_are()
    {
        Write("README.md", """
            ```sh
            curl "[x](nowhere.md)"
            ```
            Call `[lat, lon](not-a-link)`; read <https://example.org> and [OGC](https://ogcapi.ogc.org/features/).
            <img src="docs/images/map.png" alt="map"> ![phone](docs/images/phone.png) [the checks](docs/checks/)
            """);
        Write("docs/images/map.png", "png");
        Write("docs/checks/a.py", "");
        Write("docs/_pending-notes.md", "[later](docs/later.md)");

        Assert.Equal(["README.md:5: docs/images/phone.png: no such file or folder"], DocumentLinks.Broken(_dir));
    }

    [Theory]
    [InlineData("Privacy by construction: what holds, as tested", "privacy-by-construction-what-holds-as-tested")]
    [InlineData("QGIS and GDAL (OGC API – Features)", "qgis-and-gdal-ogc-api--features")]
    [InlineData("Gi\\* p-values", "gi-p-values")]
    [InlineData("`POST /api/imports` and [ODK](https://getodk.org)", "post-apiimports-and-odk")]
    [InlineData("Mann–Kendall", "mannkendall")]
    [InlineData("Timeline, interrupted time series and placebo-in-time", "timeline-interrupted-time-series-and-placebo-in-time")]
    public void Headings_give_GitHubs_anchors(string heading, string anchor) =>
        // Expected anchors as github.com renders these headings (checked on rendered README and docs pages).
        Assert.Equal(anchor, MarkdownLinks.Slug(heading));

    [Fact]
    public void A_repeated_heading_gets_a_numbered_anchor_and_headings_in_code_give_none()
    {
        var anchors = MarkdownLinks.Anchors("## QGIS\n```\n# not a heading\n```\n## QGIS\n<a id=\"custom\"></a>\n");
        Assert.Equal(["custom", "qgis", "qgis-1"], anchors.Order());
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
