using System.Reflection;

namespace SceneMonitor.Core.Observations;

/// <summary>The names of names.txt (an embedded data file: extend it there), folded with
/// <see cref="ScanText.Fold"/>. Ambiguous names (also ordinary words) and Brussels places named
/// after people are kept apart, as the file's header explains.</summary>
public sealed class NameList
{
    public static readonly NameList Default = Load();

    private readonly Dictionary<string, bool> _names = []; // folded name → ambiguous
    private readonly List<string[]> _places = [];

    public int Count => _names.Count;

    /// <summary>Null when <paramref name="folded"/> is not a name; else whether it is ambiguous.</summary>
    public bool? Lookup(string folded) => _names.TryGetValue(folded, out var ambiguous) ? ambiguous : null;

    /// <summary>Places as sequences of folded words ("jacques", "brel").</summary>
    public IReadOnlyList<string[]> Places => _places;

    public static NameList Parse(IEnumerable<string> lines)
    {
        var list = new NameList();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            if (line[0] == '@')
            {
                list._places.Add(line[1..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ScanText.Fold).ToArray());
                continue;
            }
            foreach (var entry in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var ambiguous = entry[0] == '~';
                var name = ScanText.Fold(ambiguous ? entry[1..] : entry);
                // Listed twice, once plainly: the plain entry wins (it refuses more).
                list._names[name] = ambiguous && list._names.GetValueOrDefault(name, true);
            }
        }
        return list;
    }

    private static NameList Load()
    {
        var assembly = typeof(NameList).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("PersonalData.names.txt", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return Parse(lines);
    }
}
