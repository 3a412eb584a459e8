namespace SceneMonitor.Analysis.Hotspots;

/// <summary>How a cell's Gi* significance changed from period A to period B.</summary>
public enum HotspotChangeClass
{
    /// <summary>Not significant in either period.</summary>
    None,
    /// <summary>Significant hot in B, not significant hot in A (not significant, or cold, in A).</summary>
    NewHot,
    /// <summary>Hot in both periods at the same confidence bin.</summary>
    PersistentHot,
    /// <summary>Hot in both periods, at a higher confidence bin in B.</summary>
    IntensifiedHot,
    /// <summary>Hot in both periods, at a lower confidence bin in B.</summary>
    DiminishedHot,
    /// <summary>Hot in A, neither hot nor cold in B.</summary>
    DisappearedHot,
    /// <summary>Significant cold in B, not significant cold in A (not significant, or hot, in A).</summary>
    NewCold,
    /// <summary>Cold in both periods at the same confidence bin.</summary>
    PersistentCold,
    /// <summary>Cold in both periods, at a higher confidence bin in B (colder).</summary>
    IntensifiedCold,
    /// <summary>Cold in both periods, at a lower confidence bin in B.</summary>
    DiminishedCold,
    /// <summary>Cold in A, neither hot nor cold in B.</summary>
    DisappearedCold,
}

/// <summary>
/// Two-period hotspot change per cell, from the Gi* bins of each period (−3..+3; hot = bin &gt; 0,
/// cold = bin &lt; 0, i.e. significant at 90 % or more, FDR-corrected when the bins were).
/// The state in B decides first: hot in B is New/Persistent/Intensified/Diminished hot by
/// comparing |bin| with A; cold in B likewise for cold; neither in B is Disappeared (hot or cold)
/// when A was significant, otherwise None. So a cell that flips from hot to cold is NewCold.
/// </summary>
public static class HotspotChange
{
    public static HotspotChangeClass Classify(int binA, int binB)
    {
        if (binB > 0)
        {
            if (binA <= 0) return HotspotChangeClass.NewHot;
            return binB > binA ? HotspotChangeClass.IntensifiedHot
                : binB < binA ? HotspotChangeClass.DiminishedHot
                : HotspotChangeClass.PersistentHot;
        }
        if (binB < 0)
        {
            if (binA >= 0) return HotspotChangeClass.NewCold;
            return binB < binA ? HotspotChangeClass.IntensifiedCold
                : binB > binA ? HotspotChangeClass.DiminishedCold
                : HotspotChangeClass.PersistentCold;
        }
        return binA > 0 ? HotspotChangeClass.DisappearedHot
            : binA < 0 ? HotspotChangeClass.DisappearedCold
            : HotspotChangeClass.None;
    }
}
