namespace SceneMonitor.Tests.Unit.Docs;

/// <summary>Checks the relative links of the repository's documents: README.md and every .md under
/// docs/, except the docs/_pending-*.md notes that are not part of the documentation yet. A link
/// must name a file or folder inside the repository, and its #anchor a heading (or explicit anchor)
/// of the Markdown file it points to. Web addresses are not fetched.</summary>
public static class DocumentLinks
{
    public static IEnumerable<string> Documents(string root)
    {
        var readme = Path.Combine(root, "README.md");
        if (File.Exists(readme)) yield return readme;
        var docs = Path.Combine(root, "docs");
        if (!Directory.Exists(docs)) yield break;
        foreach (var file in Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            if (!Path.GetFileName(file).StartsWith("_pending-", StringComparison.Ordinal)) yield return file;
    }

    /// <summary>One line per broken link: "file:line: target: reason", file relative to the root.</summary>
    public static IReadOnlyList<string> Broken(string root)
    {
        root = Path.GetFullPath(root);
        var anchors = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        IReadOnlySet<string> AnchorsOf(string file) =>
            anchors.TryGetValue(file, out var a) ? a : anchors[file] = MarkdownLinks.Anchors(File.ReadAllText(file));

        var broken = new List<string>();
        foreach (var document in Documents(root))
        {
            var name = Path.GetRelativePath(root, document).Replace('\\', '/');
            foreach (var link in MarkdownLinks.Links(File.ReadAllText(document)))
            {
                var problem = Problem(root, document, link.Target, AnchorsOf);
                if (problem is not null) broken.Add($"{name}:{link.Line}: {link.Target}: {problem}");
            }
        }
        return broken;
    }

    private static string? Problem(string root, string document, string target, Func<string, IReadOnlySet<string>> anchorsOf)
    {
        if (IsExternal(target)) return null;
        var hash = target.IndexOf('#');
        var pathPart = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        var anchor = hash < 0 ? null : Uri.UnescapeDataString(target[(hash + 1)..]);
        var query = pathPart.IndexOf('?');
        if (query >= 0) pathPart = pathPart[..query];

        var file = pathPart.Length == 0 ? document
            : Path.GetFullPath(pathPart.StartsWith('/') ? Path.Combine(root, pathPart.TrimStart('/')) : Path.Combine(Path.GetDirectoryName(document)!, pathPart));
        if (!file.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && file != root) return "points outside the repository";
        if (!File.Exists(file) && !Directory.Exists(file)) return "no such file or folder";
        if (string.IsNullOrEmpty(anchor) || !file.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || !File.Exists(file)) return null;
        return anchorsOf(file).Contains(anchor) ? null : $"no heading in {Path.GetFileName(file)} gives the anchor #{anchor}";
    }

    /// <summary>A URL with a scheme (https:, mailto:) or a protocol-relative one (//host).</summary>
    private static bool IsExternal(string target) =>
        target.StartsWith("//", StringComparison.Ordinal) ||
        (target.IndexOf(':') is var colon and > 1 && target[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'));
}
