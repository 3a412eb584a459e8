using SceneMonitor.Analysis.Grid;

namespace SceneMonitor.Core.Analyses;

/// <summary>The grid over a study area, in one place for every analysis that counts per cell: the
/// cells of ST_HexagonGrid / ST_SquareGrid (in the metric CRS @metric_srid, which ObservationView.Bind supplies; parameters @study in 4326 and @size in
/// metres) that touch the area. Their (i, j) are the keys of the library's <see cref="CellGrid"/>.</summary>
public static class GridSql
{
    /// <summary>Two CTEs, <c>study(g)</c> and <c>cells(i, j, geom)</c>, to follow a WITH.</summary>
    public static string CellsCte(GridKind kind) => $"""
        study AS (SELECT ST_Transform(@study, @metric_srid) AS g),
        cells AS (SELECT h.i, h.j, h.geom FROM study, {(kind == GridKind.Square ? "ST_SquareGrid" : "ST_HexagonGrid")}(@size, study.g) h
                  WHERE ST_Intersects(h.geom, study.g))
        """;
}
