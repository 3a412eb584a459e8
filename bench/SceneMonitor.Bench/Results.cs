using System.Text.Json;

namespace SceneMonitor.Bench;

/// <summary>One measured figure: the value, the baseline measured in the same run, their ratio and
/// whether the target is met (null: no target for this figure).</summary>
public sealed record Figure(string Item, string Name, double Value, string Unit, double? Baseline = null, double? Ratio = null,
    string? Target = null, bool? Met = null, string? Note = null);

/// <summary>Everything one scale produced; written as JSON so the report step can combine scales.</summary>
public sealed class ScaleResults
{
    public string Scale { get; set; } = "";
    public long Rows { get; set; }
    public DateTimeOffset Started { get; set; }
    public string LoadBefore { get; set; } = "";
    public string LoadAfter { get; set; } = "";
    public List<Figure> Figures { get; set; } = [];
    public Dictionary<string, string> Texts { get; set; } = [];
    public List<string> Log { get; set; } = [];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Add(Figure f)
    {
        // A re-measured figure (run.sh --only) replaces the earlier one.
        Figures.RemoveAll(x => x.Item == f.Item && x.Name == f.Name);
        Figures.Add(f);
        Console.Error.WriteLine($"[{Scale}] {f.Item} {f.Name}: {f.Value:0.###} {f.Unit}" + (f.Ratio is { } r ? $" (ratio {r:0.00})" : "") + (f.Met is { } m ? (m ? " MET" : " MISSED") : ""));
    }

    public void Say(string line)
    {
        Log.Add($"{DateTimeOffset.UtcNow:HH:mm:ss} {line}");
        Console.Error.WriteLine($"[{Scale}] {line}");
    }

    public Task SaveAsync(string dir) => File.WriteAllTextAsync(Path.Combine(dir, $"results-{Scale}.json"), JsonSerializer.Serialize(this, Json));

    public static ScaleResults? Load(string dir, string scale)
    {
        var path = Path.Combine(dir, $"results-{scale}.json");
        return File.Exists(path) ? JsonSerializer.Deserialize<ScaleResults>(File.ReadAllText(path)) : null;
    }
}
