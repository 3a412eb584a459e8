namespace SceneMonitor.Api.Features.Displacement;

/// <summary>The plain-language verdict of a displacement result (summary.verdict): a stable
/// <see cref="Code"/> the front end may style, the same conclusion in Dutch, French and English,
/// and the named places it mentions. Composed by <see cref="VerdictComposer"/> from
/// <see cref="VerdictFacts"/>; docs/methods.md, "Verdict".</summary>
public sealed record Verdict(string Code, Localized Text, IReadOnlyList<VerdictPlace> Places);

/// <summary>One text in the three languages of the product.</summary>
public sealed record Localized(string Nl, string Fr, string En);

/// <param name="Change">"increase" or "decrease".</param>
public sealed record VerdictPlace(Localized Name, string Change, long Before, long After);

/// <summary>Counts in one area in the two periods.</summary>
public sealed record Counts(long Before, long After);

/// <summary>An estimate with its 95 % interval.</summary>
public sealed record Estimate(double Value, double Low, double High);

/// <summary>A named group of cells with a significant change and its counts.</summary>
public sealed record PlaceChange(Localized Name, long Before, long After);

/// <summary>What the verdict is composed from. Every member may be missing (null): the sentence that
/// needs it is then left out. Filled by <see cref="VerdictService"/> from the result; parts computed
/// by other analyses (ITS, sensitivity, placebo) are filled where noted.</summary>
public sealed record VerdictFacts
{
    /// <summary>Observations in the target area.</summary>
    public Counts? Target { get; init; }
    /// <summary>Observations in all buffer rings together, and how far the rings reach (metres).</summary>
    public Counts? Buffer { get; init; }
    public double? BufferOuter { get; init; }
    public Counts? Control { get; init; }
    /// <summary>WDD total with its 95 % interval; negative is a decrease.</summary>
    public Estimate? WddTotal { get; init; }
    /// <summary>The WDQ interpretation code of all rings together (DisplacementPresenter.InterpretationCode).</summary>
    public string? WdqCode { get; init; }
    /// <summary>Interrupted time series at the target: level ratio (0.4 = fell to 40 %) and its interval.</summary>
    public Estimate? ItsTargetLevel { get; init; }
    /// <summary>Places with a significant increase / decrease, largest change first; null when the
    /// cell change is unknown, empty when no cell changed significantly.</summary>
    public IReadOnlyList<PlaceChange>? Increases { get; init; }
    public IReadOnlyList<PlaceChange>? Decreases { get; init; }
    /// <summary>Whether the conclusion holds across the sensitivity table (buffer widths, controls).</summary>
    public bool? SensitivityHolds { get; init; }
    /// <summary>Rank of the real effect among the real and placebo dates (1 = most extreme), of how many.</summary>
    public int? PlaceboRank { get; init; }
    public int? PlaceboOf { get; init; }
    /// <summary>Whether any sweep (recorded effort) covers the study area in either period.</summary>
    public bool Swept { get; init; }
    /// <summary>Whether the analysis is of the synthetic demo intervention.</summary>
    public bool Synthetic { get; init; }
}
