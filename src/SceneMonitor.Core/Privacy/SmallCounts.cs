namespace SceneMonitor.Core.Privacy;

/// <summary>Disclosure control for aggregate answers (the planners' view and files that leave the
/// tool), in one place. A count from 1 to k − 1 is never published (primary suppression). Where a
/// total is the sum of parts in the same answer, hiding one small part is not enough: total minus
/// the others gives it back. Hiding one more part ("the next smallest") is not enough either: with
/// k = 3, a hidden 1 and a hidden 3 and the total published, the hidden sum 4 fits only (1, 3) once
/// a reader knows the rule. So a group with a hidden part keeps its total and hides every part,
/// zeros too (complementary suppression). The total is what stays because the same total for the
/// same filter and period is published elsewhere anyway (an area's summary, its aggregates, the
/// clusters, the time series): hiding it in one answer and showing the parts would give the hidden
/// part back to whoever asks the other. Then every answer that differs only in the hidden parts is
/// the same answer, checked exhaustively in SmallCountsTests. What this cannot stop is a reader
/// combining many answers whose totals overlap (differencing across requests); see docs/privacy.md, "What is not guaranteed".</summary>
public sealed class SmallCounts
{
    public SmallCounts(int k)
    {
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), "k must be at least 2");
        K = k;
    }

    /// <summary>Counts from 1 to K − 1 are never published.</summary>
    public int K { get; }

    /// <summary>True for a count that may be published on its own: zero, or at least k.</summary>
    public bool Publishable(long count) => count == 0 || count >= K;

    /// <summary>The count as published alone: null when it is from 1 to k − 1.</summary>
    public long? Count(long count) => Publishable(count) ? count : null;

    /// <summary>True when every count a derived figure (a ratio, a difference, a centre, a test
    /// statistic) is computed from is published: only then may the figure be published.</summary>
    public bool AllPublished(params long?[] counts) => counts.All(c => c is not null);

    /// <summary>A total and its additive parts (categories of a cell, buckets of a series, periods,
    /// rings of a buffer), protected together: small parts hidden, then all parts, zeros too.</summary>
    public Group Protect(long total, IReadOnlyList<long> parts)
    {
        if (!Publishable(total))
            // Every part of a small total is smaller still; zeros are hidden too, or (1, 1, 0) would
            // read as "two ones" once the total is known to be small.
            return new Group(null, new long?[parts.Count]);
        var shown = parts.Select(p => (long?)Count(p)).ToArray();
        return shown.All(p => p is not null) ? new Group(total, shown) : new Group(total, new long?[parts.Count]);
    }

    /// <summary>Protected figures of one additive group; null means "hidden".</summary>
    public sealed record Group(long? Total, long?[] Parts);
}
