namespace SceneMonitor.Bench;

/// <summary>--name value pairs and --flag switches.</summary>
public sealed class Args
{
    private readonly Dictionary<string, string> _values = new();

    public static Args Parse(IEnumerable<string> args)
    {
        var result = new Args();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{list[i]}'");
            var hasValue = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal);
            result._values[list[i][2..]] = hasValue ? list[++i] : "true";
        }
        return result;
    }

    public string this[string name] => _values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
    public string? Optional(string name) => _values.GetValueOrDefault(name);
    public bool Flag(string name) => _values.ContainsKey(name);
}
