using SceneMonitor.Core.Privacy;

namespace SceneMonitor.Tests.Unit.Privacy;

public class SmallCountsTests
{
    private static readonly SmallCounts Rule = new(3);

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(250, true)]
    public void Counts_from_1_to_k_minus_1_are_hidden(long count, bool shown) =>
        Assert.Equal(shown ? count : null, Rule.Count(count));

    [Fact]
    public void A_hidden_part_hides_every_part_zeros_too_and_the_total_stays()
    {
        var g = Rule.Protect(17, [1, 3, 4, 9, 0]);
        Assert.Equal(17, g.Total);
        Assert.All(g.Parts, Assert.Null);
    }

    [Fact]
    public void Without_a_hidden_part_everything_is_shown()
    {
        var g = Rule.Protect(16, [3, 4, 9, 0]);
        Assert.Equal(16, g.Total);
        Assert.Equal([3, 4, 9, 0], g.Parts);
    }

    [Fact]
    public void A_small_total_hides_every_part_zeros_too()
    {
        var g = Rule.Protect(2, [0, 1, 1]);
        Assert.Null(g.Total);
        Assert.All(g.Parts, Assert.Null);
    }

    /// <summary>The rule a session tried first, kept to show the attack test can fail: hide the next
    /// smallest part as the complement.</summary>
    private static SmallCounts.Group NextSmallest(long total, IReadOnlyList<long> parts)
    {
        var shown = parts.Select(p => (long?)Rule.Count(p)).ToArray();
        if (!Rule.Publishable(total) || shown.All(p => p is not null)) return Rule.Protect(total, parts);
        var next = Enumerable.Range(0, parts.Count).Where(i => shown[i] is not null && parts[i] > 0).OrderBy(i => parts[i]).FirstOrDefault(-1);
        if (next >= 0) shown[next] = null;
        return new SmallCounts.Group(total, shown);
    }

    [Fact]
    public void The_attack_finds_the_leak_of_the_next_smallest_rule()
    {
        var leak = Record.Exception(() => Attack(3, NextSmallest));
        Assert.NotNull(leak);
        Assert.Contains("can only be", leak.Message);
    }

    /// <summary>The attack: a reader who knows the rule enumerates every table that gives the same
    /// published answer. For every hidden part whose true value is small, each value from 1 to k − 1
    /// must still be possible. Exhaustive over 1–4 parts with values 0–9 (10,000 tables at 4 parts),
    /// checked for the tables whose sum is at most 9, so that every table the reader would consider is enumerated.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void No_published_answer_narrows_a_hidden_small_part_below_1_to_k_minus_1(int length) => Attack(length, Rule.Protect);

    private static void Attack(int length, Func<long, IReadOnlyList<long>, SmallCounts.Group> protect)
    {
        const int max = 9;
        var tables = Tables(length, max).ToList();
        var answers = tables.GroupBy(t => Key(protect(t.Sum(), t)));
        foreach (var same in answers)
        {
            var published = protect(same.First().Sum(), same.First());
            for (var i = 0; i < length; i++)
            {
                if (published.Parts[i] is not null) continue;
                var possible = same.Select(t => t[i]).ToHashSet();
                // Only tables whose every decomposition lies inside the enumeration (sum ≤ max).
                foreach (var t in same.Where(t => t[i] is > 0 and < 3 && t.Sum() <= max))
                    Assert.True(possible.Contains(1) && possible.Contains(2),
                        $"[{string.Join(",", t)}] → {Key(published)}: part {i} can only be {string.Join("/", possible.Order())}");
            }
        }
    }

    private static IEnumerable<long[]> Tables(int length, int max)
    {
        var t = new long[length];
        while (true)
        {
            yield return (long[])t.Clone();
            var i = 0;
            while (i < length && ++t[i] > max) t[i++] = 0;
            if (i == length) yield break;
        }
    }

    private static string Key(SmallCounts.Group g) => $"{g.Total?.ToString() ?? "-"}|{string.Join(",", g.Parts.Select(p => p?.ToString() ?? "-"))}";
}
