using NetTopologySuite.Geometries;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Core.Analyses;

public sealed record Period(DateTimeOffset From, DateTimeOffset To);

/// <summary>Everything a stored-data displacement analysis depends on, after validation. Its
/// canonical JSON (with a data version) is hashed to find a saved result for the same question.</summary>
public sealed record DisplacementParameters
{
    /// <summary>The caller's view of the observations: every point and time the analysis reads is
    /// the one this view shows (grid point and hour for analysts and planners), so no result can
    /// hold more than the caller could read.</summary>
    public ObservationView View { get; init; } = ObservationView.Exact;
    public required Geometry StudyArea { get; init; }
    public required string StudyAreaLabel { get; init; }
    public Geometry? Target { get; init; }
    public Geometry? Control { get; init; }
    public int? InterventionId { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public required Period Before { get; init; }
    public required Period After { get; init; }
    public double CellSize { get; init; } = 150;
    public string Grid { get; init; } = "hex";
    /// <summary>Gi* distance band in metres; default reaches the first ring of neighbouring cells.</summary>
    public double? Band { get; init; }
    public int? K { get; init; }
    /// <summary>BH correction of the Gi* p-values (on by default).</summary>
    public bool Fdr { get; init; } = true;
    /// <summary>Gi* conditional permutations; 0 = normal approximation.</summary>
    public int Permutations { get; init; } = 999;
    public bool OnlySweptCells { get; init; }
    public double MaxVectorDistance { get; init; } = 2000;
    public double[] RingDistances { get; init; } = [250, 500];
    /// <summary>Control = the service region beyond this distance from the target, unless a control area is given.</summary>
    public double ControlExclusion { get; init; } = 1000;
    /// <summary>"proportion" (BY-adjusted proportion differences, the default) or "resample".</summary>
    public string SpptMethod { get; init; } = "proportion";
    public int SpptSamples { get; init; } = 200;
    public int SpptPercent { get; init; } = 85;
    public int Seed { get; init; } = 1;

    /// <summary>The Gi* band: the one given, else the library's adjacent-cells band of the grid (the
    /// same default as posted points and the emerging analysis).</summary>
    public double EffectiveBand => Band ?? Math.Round(Analysis.Grid.CellGrid.Create(Grid == "square" ? Analysis.Grid.GridKind.Square : Analysis.Grid.GridKind.Hexagon, CellSize).AdjacencyBand, 3);
}
