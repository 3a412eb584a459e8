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
    /// <summary>Outer edges (metres from the target's edge, in the metric CRS) of the buffer rings. Four
    /// rings to 1 km by default, so the buffer reaches as far as displacement is usually sought
    /// (docs/methods.md, "Catchment").</summary>
    public double[] RingDistances { get; init; } = [.. DefaultRings];
    public static readonly IReadOnlyList<double> DefaultRings = [250, 500, 750, 1000];
    /// <summary>Where the control starts (metres from the target's edge) when the caller set it;
    /// null = at the last ring's outer edge, so no band counts nowhere.</summary>
    public double? ControlFrom { get; init; }
    /// <summary>Predefined areas (ids) the caller chose as the control; <see cref="Control"/> is their union.</summary>
    public IReadOnlyList<int> ControlAreaIds { get; init; } = [];
    /// <summary>The chosen control's name(s), for the result ("drawn" when the caller drew it).</summary>
    public string? ControlLabel { get; init; }
    /// <summary>"proportion" (BY-adjusted proportion differences, the default) or "resample".</summary>
    public string SpptMethod { get; init; } = "proportion";
    public int SpptSamples { get; init; } = 200;
    public int SpptPercent { get; init; } = 85;
    public int Seed { get; init; } = 1;

    /// <summary>The control starts here: the caller's distance, else the last ring's outer edge.</summary>
    public double EffectiveControlFrom => ControlFrom ?? (RingDistances.Length == 0 ? 0 : RingDistances[^1]);

    /// <summary>"region-beyond" (default), "drawn" or "area": which control the analysis uses.</summary>
    public string ControlKind => Control is null ? "region-beyond" : ControlAreaIds.Count > 0 ? "area" : "drawn";

    /// <summary>The Gi* band: the one given, else the library's adjacent-cells band of the grid (the
    /// same default as posted points and the emerging analysis).</summary>
    public double EffectiveBand => Band ?? Math.Round(Analysis.Grid.CellGrid.Create(Grid == "square" ? Analysis.Grid.GridKind.Square : Analysis.Grid.GridKind.Hexagon, CellSize).AdjacencyBand, 3);
}
