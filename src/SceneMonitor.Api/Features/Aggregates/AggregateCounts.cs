namespace SceneMonitor.Api.Features.Aggregates;

/// <summary>Counts of one cell or area: the total, the quantity and the count per category.</summary>
public sealed class AggregateCounts
{
    public int Count { get; private set; }
    public long Quantity { get; private set; }
    public Dictionary<string, int> ByCategory { get; } = new(StringComparer.Ordinal);

    public void Add(string category, int count, long quantity)
    {
        Count += count;
        Quantity += quantity;
        ByCategory[category] = ByCategory.GetValueOrDefault(category) + count;
    }

    /// <summary>The per-category counts as published: counts from 1 to k − 1 hidden (null), and when
    /// exactly one is hidden the smallest other non-zero one is hidden too, so the hidden count cannot
    /// be recovered by subtracting the shown ones from the total (secondary suppression).</summary>
    public Dictionary<string, int?> Published(IEnumerable<string> categories, Func<int, bool> isSmall, bool totalHidden)
    {
        var shown = categories.ToDictionary(c => c, c => (int?)ByCategory.GetValueOrDefault(c), StringComparer.Ordinal);
        foreach (var c in shown.Keys.ToList())
            if (totalHidden || isSmall(shown[c]!.Value)) shown[c] = totalHidden && shown[c] == 0 ? 0 : null;
        if (!totalHidden && shown.Values.Count(v => v is null) == 1)
        {
            var next = shown.Where(kv => kv.Value > 0).OrderBy(kv => kv.Value).Select(kv => kv.Key).FirstOrDefault();
            if (next is not null) shown[next] = null;
        }
        return shown;
    }
}
