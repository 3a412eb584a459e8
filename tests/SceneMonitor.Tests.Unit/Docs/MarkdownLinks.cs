using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SceneMonitor.Tests.Unit.Docs;

/// <summary>Reads the links and anchors of a Markdown file the way GitHub renders it, closely enough
/// to check the repository's own documents: links in fenced code blocks and in `code spans` are
/// text, not links; headings give anchors by GitHub's rule (see <see cref="Slug"/>).</summary>
public static partial class MarkdownLinks
{
    public sealed record Link(int Line, string Target);

    /// <summary>Every link or image target outside code: [text](target), ![alt](target),
    /// [id]: target definitions, and href/src attributes of inline HTML.</summary>
    public static IReadOnlyList<Link> Links(string markdown)
    {
        var links = new List<Link>();
        foreach (var (number, text) in ProseLines(markdown))
        {
            var line = CodeSpan().Replace(text, "");
            foreach (Match m in InlineLink().Matches(line)) links.Add(new Link(number, m.Groups["target"].Value));
            foreach (Match m in Definition().Matches(line)) links.Add(new Link(number, m.Groups["target"].Value));
            foreach (Match m in HtmlLink().Matches(line)) links.Add(new Link(number, m.Groups["target"].Value));
        }
        return links;
    }

    /// <summary>The anchors a file offers: one per heading (numbered -1, -2 … when repeated, as
    /// GitHub does) and explicit &lt;a id="…"&gt; / name="…" anchors.</summary>
    public static IReadOnlySet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, line) in ProseLines(markdown))
        {
            var heading = Heading().Match(line);
            if (heading.Success)
            {
                var slug = Slug(heading.Groups["text"].Value);
                var n = seen.GetValueOrDefault(slug);
                seen[slug] = n + 1;
                anchors.Add(n == 0 ? slug : $"{slug}-{n}");
            }
            foreach (Match m in HtmlAnchor().Matches(line)) anchors.Add(m.Groups["id"].Value);
        }
        return anchors;
    }

    /// <summary>GitHub's heading anchor: the heading's text (a link reduced to its text), lower-cased,
    /// every character that is not a letter, digit, space, '-' or '_' removed (so emphasis and code
    /// marks and backslash escapes go too), then each space replaced by '-' ("A – B" gives "a--b").</summary>
    public static string Slug(string heading)
    {
        var text = LinkInHeading().Replace(heading.Trim(), "${text}");
        var slug = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsLetterOrDigit(c) || c is '-' or '_' || category is UnicodeCategory.NonSpacingMark) slug.Append(c);
            else if (c == ' ') slug.Append('-');
        }
        return slug.ToString();
    }

    /// <summary>Lines outside fenced code blocks (``` or ~~~, closed by a fence of the same kind at
    /// least as long), numbered from 1.</summary>
    private static IEnumerable<(int Number, string Text)> ProseLines(string markdown)
    {
        string? fence = null;
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var opening = Fence().Match(line);
            if (fence is null && opening.Success) { fence = opening.Groups["fence"].Value; continue; }
            if (fence is not null)
            {
                var trimmed = line.Trim();
                if (trimmed.Length >= fence.Length && trimmed.All(c => c == fence[0])) fence = null;
                continue;
            }
            yield return (i + 1, line);
        }
    }

    [GeneratedRegex(@"^ {0,3}(?<fence>`{3,}|~{3,})")]
    private static partial Regex Fence();

    [GeneratedRegex(@"(?<ticks>`+)(?!`).*?(?<!`)\k<ticks>(?!`)")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\]\(\s*<?(?<target>[^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^ {0,3}\[[^\]]+\]:\s+<?(?<target>[^\s>]+)>?")]
    private static partial Regex Definition();

    [GeneratedRegex(@"<(?:a|img)\b[^>]*?\s(?:href|src)=""(?<target>[^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlLink();

    [GeneratedRegex(@"<a\b[^>]*?\s(?:id|name)=""(?<id>[^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlAnchor();

    [GeneratedRegex(@"^ {0,3}#{1,6}\s+(?<text>.*?)(?:\s+#+)?\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkInHeading();
}
