using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace SceneMonitor.Core.Observations;

/// <summary>The area where observations may be recorded: the configured boundary plus a margin,
/// prepared once for fast point-in-polygon tests on large batches.</summary>
public sealed class ServiceRegion(Geometry bufferedBoundary, string name, double marginMetres)
{
    private readonly IPreparedGeometry _prepared = PreparedGeometryFactory.Prepare(bufferedBoundary);

    public string Name { get; } = name;
    public double MarginMetres { get; } = marginMetres;
    public Envelope Envelope { get; } = bufferedBoundary.EnvelopeInternal;

    public bool Contains(double longitude, double latitude) =>
        Envelope.Contains(longitude, latitude) && _prepared.Covers(new Point(longitude, latitude));
}
