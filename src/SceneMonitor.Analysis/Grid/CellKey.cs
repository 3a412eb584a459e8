namespace SceneMonitor.Analysis.Grid;

/// <summary>Which tessellation cells come from.</summary>
public enum GridKind
{
    /// <summary>Flat-topped hexagons laid out as PostGIS ST_HexagonGrid.</summary>
    Hexagon,

    /// <summary>Axis-aligned squares laid out as PostGIS ST_SquareGrid.</summary>
    Square,
}

/// <summary>
/// Stable cell index (column i, row j) with the same meaning as the i and j columns returned by
/// PostGIS ST_HexagonGrid / ST_SquareGrid for the same size and origin (0, 0), so SQL-side
/// aggregation and C#-side analysis agree on which cell is which.
/// </summary>
public readonly record struct CellKey(int I, int J)
{
    public override string ToString() => $"{I}:{J}";
}
