using SceneMonitor.Core.Analyses;
using System.Text.Json.Nodes;
using SceneMonitor.Analysis.Centrography;
using SceneMonitor.Analysis.Displacement;
using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Hotspots;
using SceneMonitor.Analysis.Projection;

namespace SceneMonitor.Api.Features.Displacement;

/// <summary>Turns the PostGIS counts into the displacement result with the analysis library:
/// Gi* per period on the grid, change classes, vectors between clusters, ellipses and centre
/// shift, WDQ over the buffer rings, WDD with area weights, SPPT over neighbourhoods.</summary>
public static partial class DisplacementAnalyser
{
    private static readonly MetricProjection Lambert = LambertConformalConic.BelgianLambert2008;

    public static DisplacementResult Analyse(Guid id, DateTimeOffset createdAt, JsonObject parameters, DisplacementParameters p, DisplacementData.Result data)
    {
        var notes = new List<string>();
        var cells = SelectCells(p, data.Cells, notes);
        var locations = cells.Select(c => new PlanarPoint(c.X, c.Y)).ToArray();
        var neighbourhood = p.K is { } k ? Neighbourhood.Nearest(k) : Neighbourhood.Band(p.EffectiveBand);
        var giA = GetisOrd.GiStar(locations, cells.Select(c => (double)c.CountA).ToArray(), neighbourhood, p.Fdr);
        var giB = GetisOrd.GiStar(locations, cells.Select(c => (double)c.CountB).ToArray(), neighbourhood, p.Fdr);
        if (giA.Note is not null) notes.Add($"Before: {giA.Note}");
        if (giB.Note is not null) notes.Add($"After: {giB.Note}");

        var classes = new string[cells.Count];
        var cellFeatures = new JsonArray();
        for (var i = 0; i < cells.Count; i++)
        {
            var (a, b) = (giA.Values[i], giB.Values[i]);
            classes[i] = ClassCode(HotspotChange.Classify(a.Bin, b.Bin));
            cellFeatures.Add(Feature(JsonNode.Parse(cells[i].GeoJson)!, new JsonObject
            {
                ["key"] = $"{cells[i].I}:{cells[i].J}", ["countA"] = cells[i].CountA, ["countB"] = cells[i].CountB,
                ["giA"] = Round(a.Z), ["giB"] = Round(b.Z), ["binA"] = a.Bin, ["binB"] = b.Bin, ["class"] = classes[i],
            }));
        }

        var pointsA = data.Points.Where(x => x.InA).Select(x => new PlanarPoint(x.X, x.Y)).ToArray();
        var pointsB = data.Points.Where(x => !x.InA).Select(x => new PlanarPoint(x.X, x.Y)).ToArray();
        var (ellipses, centres) = Ellipses(pointsA, pointsB, notes);
        var shift = CentreShift.Between(pointsA, pointsB);
        var vectors = DisplacementVectorsFor(cells, giA, giB, p, notes);
        var (target, wdq, wdd) = TargetMeasures(data.Zones, notes);
        var sppt = SpptFor(p, data, notes);

        var summary = new DisplacementSummary(
            pointsA.Length, pointsB.Length,
            data.Zones.FirstOrDefault(z => z.Zone == "target")?.Before, data.Zones.FirstOrDefault(z => z.Zone == "target")?.After,
            new CentreShiftSummary(Round(shift.DistanceMetres), Round(shift.BearingDegrees), shift.Note),
            wdq, wdd, sppt,
            classes.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count()),
            notes);
        return new DisplacementResult(id, createdAt, parameters, Collection(cellFeatures), vectors, ellipses, centres, target, summary);
    }

    private static List<DisplacementData.Cell> SelectCells(DisplacementParameters p, IReadOnlyList<DisplacementData.Cell> all, List<string> notes)
    {
        if (!p.OnlySweptCells) return all.ToList();
        var swept = all.Where(c => c.SweptA && c.SweptB).ToList();
        if (swept.Count > 0)
        {
            notes.Add($"Only the {swept.Count} of {all.Count} cells swept in both periods are compared.");
            return swept;
        }
        notes.Add("No cell was swept in both periods; all cells are compared, so shifts may reflect where teams looked.");
        return all.ToList();
    }

    private static (JsonObject Ellipses, JsonObject Centres) Ellipses(PlanarPoint[] a, PlanarPoint[] b, List<string> notes)
    {
        var ellipses = new JsonArray();
        var centres = new JsonArray();
        foreach (var (period, points) in new[] { ("before", a), ("after", b) })
        {
            var e = StandardDeviationalEllipse.Of(points);
            if (e.Note is not null) notes.Add($"Ellipse {period}: {e.Note}");
            if (e.Ring is { Count: > 3 } ring)
                ellipses.Add(Feature(Polygon(ring), new JsonObject
                {
                    ["period"] = period, ["sigmaX"] = Round(e.SigmaX), ["sigmaY"] = Round(e.SigmaY),
                    ["rotation"] = Round(e.RotationDegrees), ["points"] = e.PointCount,
                }));
            if (e.Centre is { } c) centres.Add(Feature(PointGeometry(c), new JsonObject { ["period"] = period, ["points"] = e.PointCount }));
        }
        return (Collection(ellipses), Collection(centres));
    }

    private static (JsonObject Target, WdqSummary? Wdq, WddSummary? Wdd) TargetMeasures(IReadOnlyList<DisplacementData.ZoneCounts> zones, List<string> notes)
    {
        var features = new JsonArray();
        foreach (var z in zones)
            features.Add(Feature(JsonNode.Parse(z.GeoJson)!, new JsonObject
            {
                ["role"] = z.Zone, ["inner"] = z.Inner, ["outer"] = z.Outer, ["before"] = z.Before, ["after"] = z.After, ["areaM2"] = Math.Round(z.AreaM2),
            }));
        var target = zones.FirstOrDefault(z => z.Zone == "target");
        var control = zones.FirstOrDefault(z => z.Zone == "control");
        if (target is null || control is null)
        {
            notes.Add("No target area: WDQ and WDD need one (an intervention, or 'target' in the request).");
            return (Collection(features), null, null);
        }
        var rings = zones.Where(z => z.Zone == "ring").ToList();
        var t = new BeforeAfter(target.Before, target.After);
        var c = new BeforeAfter(control.Before, control.After);
        var wdq = Wdq.ComputeRings(t, rings.Select(r => new BeforeAfter(r.Before, r.After)).ToArray(), c);
        var ringSummaries = rings.Select((r, i) => Ring(r.Inner, r.Outer, r.Before, r.After, wdq.Rings[i])).ToList();
        var all = Ring(0, rings.Count > 0 ? rings[^1].Outer : 0, rings.Sum(r => r.Before), rings.Sum(r => r.After), wdq.AllRings);

        // The control (most of the region) is far larger than the target; WDD compares like with
        // like by scaling control counts to the target's and buffer's area (variance scales by w²).
        var displacement = new BeforeAfter(rings.Sum(r => r.Before), rings.Sum(r => r.After));
        var ringArea = rings.Sum(r => r.AreaM2);
        var controlWeight = control.AreaM2 > 0 ? target.AreaM2 / control.AreaM2 : 1;
        var dcWeight = control.AreaM2 > 0 ? ringArea / control.AreaM2 : 1;
        var wdd = Wdd.Compute(t, c, displacement, c, new WddWeights(Control: controlWeight, DisplacementControl: dcWeight));
        return (Collection(features),
            new WdqSummary(all, ringSummaries, control.Before, control.After),
            new WddSummary(Round(wdd.Local)!.Value, Round(wdd.Displacement)!.Value, Round(wdd.Total)!.Value, Round(wdd.Se)!.Value,
                Round(wdd.Z), Round(wdd.P, 6), Round(wdd.CiLow)!.Value, Round(wdd.CiHigh)!.Value, Round(controlWeight, 6)!.Value, wdd.Note));
    }

    private static WdqRing Ring(double inner, double outer, int before, int after, WdqResult r) =>
        new(inner, outer, before, after, Round(r.SuccessMeasure, 6), Round(r.BufferDisplacementMeasure, 6), Round(r.Wdq, 6), Round(r.TotalNetEffect),
            InterpretationCode(r.InterpretationCode), r.Reason is null ? r.Interpretation : $"{r.Interpretation} {r.Reason}");

    /// <summary>Stable codes the front end translates.</summary>
    public static string InterpretationCode(WdqInterpretation code) => code switch
    {
        WdqInterpretation.NoSuccessInTarget => "undefined_no_decrease",
        WdqInterpretation.Undefined => "undefined_zero_control",
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

    internal static JsonObject Feature(JsonNode geometry, JsonObject properties) =>
        new() { ["type"] = "Feature", ["geometry"] = geometry, ["properties"] = properties };

    internal static JsonObject Collection(JsonArray features) => new() { ["type"] = "FeatureCollection", ["features"] = features };

    internal static JsonObject PointGeometry(PlanarPoint p)
    {
        var ll = Lambert.Inverse(p);
        return new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(Math.Round(ll.Lon, 6), Math.Round(ll.Lat, 6)) };
    }

    internal static JsonObject LineGeometry(PlanarPoint from, PlanarPoint to)
    {
        var (a, b) = (Lambert.Inverse(from), Lambert.Inverse(to));
        return new JsonObject
        {
            ["type"] = "LineString",
            ["coordinates"] = new JsonArray(new JsonArray(Math.Round(a.Lon, 6), Math.Round(a.Lat, 6)), new JsonArray(Math.Round(b.Lon, 6), Math.Round(b.Lat, 6))),
        };
    }

    private static JsonObject Polygon(IReadOnlyList<PlanarPoint> ring)
    {
        var coords = new JsonArray();
        foreach (var p in ring.Append(ring[0]))
        {
            var ll = Lambert.Inverse(p);
            coords.Add(new JsonArray(Math.Round(ll.Lon, 6), Math.Round(ll.Lat, 6)));
        }
        return new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(coords) };
    }

    internal static double? Round(double? v, int digits = 3) => v is { } x && double.IsFinite(x) ? Math.Round(x, digits) : null;
}
