namespace SceneMonitor.Analysis.Sppt;

/// <summary>
/// One areal unit's SPPT outcome. Percentages are shares of each period's points that fall in
/// some unit (null when that period has none). <see cref="Low"/>/<see cref="High"/> are the
/// resampled test-share interval (resampling test only). <see cref="SIndex"/> is −1/0/+1 with
/// +1 meaning the unit's share ROSE from base to test (docs/methods.md, "SPPT"); that is R sppt's "localS",
/// the negative of the package's own "SIndex" column. <see cref="P"/> is the unit's χ² p-value and
/// <see cref="AdjustedP"/> the corrected one used for the decision (proportion-difference test only).
/// </summary>
public sealed record SpptUnit(
    string Id, int BaseCount, int TestCount, double? BasePercent, double? TestPercent,
    double? Low, double? High, int SIndex, double? P, double? AdjustedP);

/// <summary>
/// Global S = share of units whose S index is 0 (similar); robust S = the same over units with
/// at least one point in either period. Null when undefined (see <see cref="Note"/>).
/// S ≥ 0.8 is commonly read as "similar patterns".
/// </summary>
public sealed record SpptResult(double? GlobalS, double? RobustS, IReadOnlyList<SpptUnit> Units, string? Note);
