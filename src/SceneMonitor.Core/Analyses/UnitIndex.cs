using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Core.Analyses;

/// <summary>Finds the polygons containing a point among a few hundred (the neighbourhoods of a
/// study area): a bucket grid over their extents narrows each point to the one or two polygons
/// worth a point-in-polygon test. Every containing polygon is reported, as ST_Covers per unit would.</summary>
public sealed class UnitIndex
{
    private const int Buckets = 64;
    private readonly List<PlanarPolygon> _polygons;
    private readonly List<int>[] _cells = new List<int>[Buckets * Buckets];
    private readonly double _minX, _minY, _cellW, _cellH;

    public UnitIndex(List<PlanarPolygon> polygons)
    {
        _polygons = polygons;
        for (var i = 0; i < _cells.Length; i++) _cells[i] = [];
        if (polygons.Count == 0) return;
        (_minX, _minY) = (polygons.Min(p => p.MinX), polygons.Min(p => p.MinY));
        _cellW = Math.Max((polygons.Max(p => p.MaxX) - _minX) / Buckets, 1e-9);
        _cellH = Math.Max((polygons.Max(p => p.MaxY) - _minY) / Buckets, 1e-9);
        for (var k = 0; k < polygons.Count; k++)
        {
            var p = polygons[k];
            for (var cx = Col(p.MinX); cx <= Col(p.MaxX); cx++)
                for (var cy = Row(p.MinY); cy <= Row(p.MaxY); cy++)
                    _cells[cy * Buckets + cx].Add(k);
        }
    }

    private int Col(double x) => Math.Clamp((int)((x - _minX) / _cellW), 0, Buckets - 1);
    private int Row(double y) => Math.Clamp((int)((y - _minY) / _cellH), 0, Buckets - 1);

    /// <summary>Indexes (into the list given) of the polygons containing the point.</summary>
    public IEnumerable<int> Containing(double x, double y)
    {
        if (_polygons.Count == 0) yield break;
        foreach (var k in _cells[Row(y) * Buckets + Col(x)])
            if (_polygons[k].Contains(x, y)) yield return k;
    }
}
