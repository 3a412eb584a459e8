using System.Text.Json.Nodes;
using SceneMonitor.Analysis.Centrography;
using SceneMonitor.Analysis.Displacement;
using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Hotspots;
using SceneMonitor.Analysis.Projection;
using SceneMonitor.Core.Analyses;
using SceneMonitor.Api.Infrastructure;
using AnalysisResult = SceneMonitor.Analysis.Displacement.DisplacementResult;

namespace SceneMonitor.Api.Features.Displacement;

/// <summary>The one response mapper of the displacement analysis (<see cref="DisplacementAnalysis"/>):
/// its layers as GeoJSON FeatureCollections and its measures as the documented summary, for stored
/// data (<see cref="Stored"/>: lon/lat from the deployment's metric CRS, figures rounded as saved) and for
/// the points a caller posts to /api/analysis/displacement (their own coordinates, unrounded).</summary>
public sealed partial class DisplacementPresenter(MetricProjection projection, int coordinateDigits, bool rounded)
{
    public static DisplacementPresenter Stored(MetricProjection projection) => new(projection, 6, rounded: true);

    /// <summary>The stored-data result: layers, the target layer from the zones measured in PostGIS, and the summary.</summary>
    public DisplacementResult Result(Guid id, DateTimeOffset createdAt, JsonObject parameters, DisplacementInput input, AnalysisResult r,
        IReadOnlyList<DisplacementData.ZoneRow> zones, CatchmentSummary? catchment = null)
    {
        var notes = Notes(r);
        var summary = new DisplacementSummary(
            input.PeriodA.Count, input.PeriodB.Count,
            r.Counts is { } c ? (int)c.Target.Before : null, r.Counts is { } d ? (int)d.Target.After : null,
            new CentreShiftSummary(V(r.CentreShift.DistanceMetres), V(r.CentreShift.BearingDegrees), r.CentreShift.Note),
            WdqSummary(r, input.RingDistances), r.Wdd is { } wdd ? Wdd(wdd, r.Areas) : null,
            SpptSummary(r),
            r.Cells.GroupBy(x => ClassCode(x.Class)).ToDictionary(g => g.Key, g => g.Count()),
            notes, CellChangeSummary(r), GiSummary(r))
        {
            Catchment = catchment, Sensitivity = Sensitivity(r.Sensitivity),
            Timeline = DisplacementTimeSummary.Timeline(r.Time), Its = DisplacementTimeSummary.Its(r.Time, V), Placebo = DisplacementTimeSummary.Placebo(r.Time, V),
        };
        return new DisplacementResult(id, createdAt, parameters, Cells(r), Vectors(r), Ellipses(r), Centres(r), Target(zones), summary);
    }

    /// <summary>The library's notes with those of the vectors, ellipses and SPPT, each named.</summary>
    public static List<string> Notes(AnalysisResult r)
    {
        var notes = r.Notes.ToList();
        if (r.Vectors.Note is not null) notes.Add($"Vectors: {r.Vectors.Note}");
        foreach (var (period, e) in new[] { ("before", r.EllipseA), ("after", r.EllipseB) })
            if (e.Note is not null) notes.Add($"Ellipse {period}: {e.Note}");
        if (r.Sppt?.Note is { } sppt) notes.Add($"SPPT: {sppt}");
        return notes;
    }

    public JsonObject Cells(AnalysisResult r) => Collection(r.Cells.Select(c => Feature(Polygon(c.Polygon), new JsonObject
    {
        ["key"] = $"{c.Key.I}:{c.Key.J}", ["countA"] = c.CountA, ["countB"] = c.CountB, ["giA"] = V(c.GiA), ["giB"] = V(c.GiB),
        ["binA"] = c.BinA, ["binB"] = c.BinB, ["class"] = ClassCode(c.Class),
        ["change"] = ChangeCode(c.Change), ["changeP"] = P(c.ChangeP),
    })));

    public JsonObject Vectors(AnalysisResult r) => Collection(r.Vectors.Vectors.Select(v => Feature(
        new JsonObject { ["type"] = "LineString", ["coordinates"] = new JsonArray(Coordinates(v.From), Coordinates(v.To)) },
        new JsonObject
        {
            ["fromCluster"] = v.FromCluster, ["toCluster"] = v.ToCluster,
            ["distance"] = V(v.DistanceMetres, 0), ["bearing"] = V(v.BearingDegrees, 1), ["weight"] = V(v.Weight, 1),
            ["fromCount"] = Counts(v.FromCounts), ["toCount"] = Counts(v.ToCounts),
        })));

    public JsonObject Ellipses(AnalysisResult r) => Collection(Periods(r).Where(x => x.Ellipse.Ring is { Count: > 3 }).Select(x => Feature(
        Polygon(x.Ellipse.Ring!), new JsonObject
        {
            ["period"] = x.Period, ["sigmaX"] = V(x.Ellipse.SigmaX), ["sigmaY"] = V(x.Ellipse.SigmaY),
            ["rotation"] = V(x.Ellipse.RotationDegrees), ["points"] = x.Ellipse.PointCount,
            ["centre"] = x.Ellipse.Centre is { } c ? Coordinates(c) : null,
        })));

    public JsonObject Centres(AnalysisResult r) => Collection(Periods(r).Where(x => x.Ellipse.Centre is not null).Select(x => Feature(
        new JsonObject { ["type"] = "Point", ["coordinates"] = Coordinates(x.Ellipse.Centre!.Value) },
        new JsonObject { ["period"] = x.Period, ["points"] = x.Ellipse.PointCount })));

    public static JsonObject Target(IReadOnlyList<DisplacementData.ZoneRow> zones) => Collection(zones.Select(z => Feature(JsonNode.Parse(z.GeoJson)!, new JsonObject
    {
        ["role"] = z.Zone, ["inner"] = z.Inner, ["outer"] = z.Outer, ["before"] = z.Before, ["after"] = z.After, ["areaM2"] = Math.Round(z.AreaM2),
    })));

    /// <summary>WDQ for all rings together and per ring, with the counts each uses.</summary>
    public WdqSummary? WdqSummary(AnalysisResult r, IReadOnlyList<double> rings)
    {
        if (r.Wdq is not { } wdq || r.Counts is not { Control: { } control } counts) return null;
        var all = new BeforeAfter(counts.Rings.Sum(x => x.Before), counts.Rings.Sum(x => x.After));
        return new WdqSummary(Ring(0, rings[^1], all, wdq.AllRings),
            counts.Rings.Select((x, k) => Ring(k == 0 ? 0 : rings[k - 1], rings[k], x, wdq.Rings[k])).ToList(),
            (int)control.Before, (int)control.After);
    }

    private WdqRing Ring(double inner, double outer, BeforeAfter counts, WdqResult r) =>
        new(inner, outer, (int)counts.Before, (int)counts.After, V(r.SuccessMeasure, 6), V(r.BufferDisplacementMeasure, 6), V(r.Wdq, 6), V(r.TotalNetEffect),
            InterpretationCode(r.InterpretationCode), r.Reason is null ? r.Interpretation : $"{r.Interpretation} {r.Reason}");

    private WddSummary Wdd(WddResult w, AreaSizes? areas) => new(V(w.Local)!.Value, V(w.Displacement)!.Value, V(w.Total)!.Value, V(w.Se)!.Value,
        V(w.Z), P(w.P), V(w.CiLow)!.Value, V(w.CiHigh)!.Value,
        V(areas is { Control: > 0 } a && a.Target > 0 ? a.Target / a.Control.Value : 1, 6)!.Value, w.Note);

    private SensitivitySummary? Sensitivity(SensitivityResult? s) => s is null ? null : new(s.Rows.Select(x => new SensitivityRowSummary(
        x.BufferWidth, x.Control, V(x.Wdq.Wdq, 6), V(x.Wdq.TotalNetEffect), V(x.Wdd.Total)!.Value, V(x.Wdd.CiLow)!.Value, V(x.Wdd.CiHigh)!.Value,
        InterpretationCode(x.Wdq.InterpretationCode), x.Change.ToString().ToLowerInvariant(),
        (int)x.Target.Before, (int)x.Target.After, (int)x.Buffer.Before, (int)x.Buffer.After, (int)x.ControlCounts.Before, (int)x.ControlCounts.After)).ToList(),
        s.Holds, s.Note);

    /// <summary>Stable codes the front end translates.</summary>
    public static string InterpretationCode(WdqInterpretation code) => code switch
    {
        WdqInterpretation.NoSuccessInTarget => "undefined_no_decrease",
        WdqInterpretation.Undefined => "undefined_zero_control",
        WdqInterpretation.NoTargetEvents => "undefined_no_target_events",
        WdqInterpretation.ZeroSuccessMeasure => "undefined_zero_success",
        WdqInterpretation.DiffusionGreaterThanDirectEffect => "diffusion_greater",
        WdqInterpretation.DiffusionOfBenefits => "diffusion",
        WdqInterpretation.NoDisplacementOrDiffusion => "no_buffer_change",
        WdqInterpretation.DisplacementSmallerThanDirectEffect => "displacement_smaller",
        _ => "displacement_erases",
    };

    public static string ClassCode(HotspotChangeClass c) => c switch
    {
        HotspotChangeClass.NewHot => "new",
        HotspotChangeClass.PersistentHot => "persistent",
        HotspotChangeClass.IntensifiedHot => "intensified",
        HotspotChangeClass.DiminishedHot => "diminished",
        HotspotChangeClass.DisappearedHot => "disappeared",
        HotspotChangeClass.NewCold => "cold_new",
        HotspotChangeClass.PersistentCold => "cold_persistent",
        HotspotChangeClass.IntensifiedCold => "cold_intensified",
        HotspotChangeClass.DiminishedCold => "cold_diminished",
        HotspotChangeClass.DisappearedCold => "cold_disappeared",
        _ => "none",
    };

    private static IEnumerable<(string Period, EllipseResult Ellipse)> Periods(AnalysisResult r) =>
        [("before", r.EllipseA), ("after", r.EllipseB)];

    private JsonArray Coordinates(PlanarPoint p)
    {
        var ll = projection.Inverse(p);
        return projection.IsIdentity ? new JsonArray(ll.Lon, ll.Lat) : new JsonArray(Math.Round(ll.Lon, coordinateDigits), Math.Round(ll.Lat, coordinateDigits));
    }

    /// <summary>A GeoJSON Polygon from one metric ring, closed exactly once as GeoJSON requires: cell
    /// rings come open and get their first vertex again; the ellipse's ring comes closed and is kept.</summary>
    private JsonObject Polygon(IReadOnlyList<PlanarPoint> ring)
    {
        var closed = ring[0] == ring[^1] ? ring : ring.Append(ring[0]);
        return new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(new JsonArray(closed.Select(p => (JsonNode)Coordinates(p)).ToArray())) };
    }

    internal double? V(double? v, int digits = 3) =>
        v is not { } x || !double.IsFinite(x) ? null : rounded ? Math.Round(x, digits) : x;

    /// <summary>A p-value rounded to significant digits, so a tiny p keeps its size (not 0).</summary>
    private double? P(double? v) =>
        v is not { } x || !double.IsFinite(x) ? null : rounded ? Significant.Round(x) : x;

    private static JsonObject Feature(JsonNode geometry, JsonObject properties) =>
        new() { ["type"] = "Feature", ["geometry"] = geometry, ["properties"] = properties };

    private static JsonObject Collection(IEnumerable<JsonObject> features) =>
        new() { ["type"] = "FeatureCollection", ["features"] = new JsonArray(features.Select(f => (JsonNode)f).ToArray()) };
}
