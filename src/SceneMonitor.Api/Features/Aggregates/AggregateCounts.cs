using SceneMonitor.Core.Privacy;

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

    /// <summary>The counts as published, protected with <see cref="SmallCounts"/> (total kept, every part hidden): a
    /// total from 1 to k − 1 is hidden with its quantity and every category; a small category hides
    /// every category (the cell's count stays). Categories outside <paramref name="categories"/>
    /// (inactive ones) take part in the rule too, or total minus the listed ones would give them.</summary>
    public (int? Count, long? Quantity, Dictionary<string, int?> ByCategory) Published(IReadOnlyList<string> categories, SmallCounts rule)
    {
        var codes = categories.Union(ByCategory.Keys, StringComparer.Ordinal).ToList();
        var group = rule.Protect(Count, codes.Select(c => (long)ByCategory.GetValueOrDefault(c)).ToList());
        var byCategory = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var c in categories) byCategory[c] = (int?)group.Parts[codes.IndexOf(c)];
        return ((int?)group.Total, group.Total is null ? null : Quantity, byCategory);
    }
}
