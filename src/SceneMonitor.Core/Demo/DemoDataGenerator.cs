using SceneMonitor.Core.Observations;

namespace SceneMonitor.Core.Demo;

/// <summary>Generates the synthetic demo data set: reproducible for a given seed and end date.
/// Every record is marked as synthetic (organisation, recorded_by and external_ref say so).</summary>
public sealed class DemoDataGenerator(int seed, DateTimeOffset end, int targetCount = 20_000)
{
    public const string Organisation = "SYNTHETIC DEMO DATA";
    public const string RecordedBy = "demo-generator";
    public const int Months = 18;
    public const int MonthsAfterIntervention = 8;

    private readonly Random _rng = new(seed);

    public DateTimeOffset Start => end.AddMonths(-Months);
    public DateTimeOffset InterventionStart => end.AddMonths(-MonthsAfterIntervention);

    public sealed record DemoSet(List<ObservationInput> Observations, DateTimeOffset InterventionStart);

    public DemoSet Generate(Func<double, double, bool> insideRegion)
    {
        var traces = new List<ObservationInput>();
        // Complaints are a quarter of the volume on top of the traces they follow.
        var traceTarget = targetCount / (1 + DemoScenario.ComplaintRate);
        var totalDays = (end - Start).TotalDays;
        var meanWeight = (WeightBefore() * (totalDays - (end - InterventionStart).TotalDays) + WeightAfter() * (end - InterventionStart).TotalDays) / totalDays;
        var perWeightPerDay = traceTarget / totalDays / meanWeight;

        for (var day = Start.Date; day < end; day = day.AddDays(1))
        {
            var ramp = Ramp(day);
            foreach (var h in DemoScenario.Hotspots)
                AddPoisson(traces, perWeightPerDay * Lerp(h.WeightBefore, h.WeightAfter, ramp), day, () => Gaussian(h.Lon, h.Lat, h.SigmaMetres), insideRegion);
            AddPoisson(traces, perWeightPerDay * DemoScenario.DispersedAfter * ramp, day, DispersedAroundZuid, insideRegion);
            AddPoisson(traces, perWeightPerDay * DemoScenario.Background, day, Background, insideRegion);
        }

        var complaints = new List<ObservationInput>();
        foreach (var t in traces)
        {
            if (_rng.NextDouble() >= DemoScenario.ComplaintRate) continue;
            var at = t.ObservedAt!.Value.AddDays(14 + _rng.NextDouble() * 28);
            if (at >= end) continue;
            var (lon, lat) = Offset(t.Longitude!.Value, t.Latitude!.Value, Normal() * 120, Normal() * 120);
            if (!insideRegion(lon, lat)) continue;
            complaints.Add(new ObservationInput
            {
                Category = "complaint", Longitude = lon, Latitude = lat, ObservedAt = RoundToMinute(at.Date.AddHours(8 + _rng.NextDouble() * 12)),
                Quantity = 1, Source = "residents_hotline",
            });
        }

        var all = traces.Concat(complaints).OrderBy(o => o.ObservedAt).ToList();
        for (var i = 0; i < all.Count; i++) all[i] = all[i] with { ExternalRef = $"demo-{i + 1:000000}" };
        return new DemoSet(all, InterventionStart);
    }

    private double WeightBefore() => DemoScenario.Hotspots.Sum(h => h.WeightBefore) + DemoScenario.Background;
    private double WeightAfter() => DemoScenario.Hotspots.Sum(h => h.WeightAfter) + DemoScenario.Background + DemoScenario.DispersedAfter;

    // The clearance takes effect over two weeks, not overnight.
    private double Ramp(DateTime day) => Math.Clamp((day - InterventionStart.UtcDateTime.Date).TotalDays / 14.0, 0, 1);

    private static double Lerp(double a, double b, double t) => a + (b - a) * t;

    private void AddPoisson(List<ObservationInput> into, double mean, DateTime day, Func<(double Lon, double Lat)> place, Func<double, double, bool> inside)
    {
        var n = Poisson(mean);
        for (var i = 0; i < n; i++)
        {
            var (lon, lat) = place();
            if (!inside(lon, lat)) continue;
            into.Add(Trace(lon, lat, day));
        }
    }

    private ObservationInput Trace(double lon, double lat, DateTime day)
    {
        var code = Pick(DemoScenario.TraceMix);
        var (source, quantity) = code switch
        {
            "syringe" => (Pick([("syringe_patrol", 0.6), ("city_cleaning", 0.3), ("outreach", 0.1)]), 1 + Geometric(0.35)),
            "discarded_pipe" => (Pick([("syringe_patrol", 0.45), ("city_cleaning", 0.35), ("outreach", 0.2)]), 1 + Geometric(0.5)),
            "ammonia_bottle" or "drug_litter_other" => (Pick([("city_cleaning", 0.5), ("syringe_patrol", 0.35), ("outreach", 0.15)]), 1 + Geometric(0.55)),
            "human_waste" => ("city_cleaning", 1),
            _ => (Pick([("outreach", 0.5), ("police", 0.3), ("prevention", 0.2)]), 1),
        };
        // Litter is found on morning rounds; consumption and dealing are seen in the evening and night.
        var hour = source is "city_cleaning" or "syringe_patrol" ? 6 + _rng.NextDouble() * 6 : 14 + _rng.NextDouble() * 12;
        return new ObservationInput
        {
            Category = code, Longitude = Math.Round(lon, 6), Latitude = Math.Round(lat, 6),
            ObservedAt = RoundToMinute(new DateTimeOffset(day, TimeSpan.Zero).AddHours(hour)), Quantity = quantity, Source = source,
            Note = _rng.NextDouble() < 0.08 ? DemoScenario.PlaceNotes[_rng.Next(DemoScenario.PlaceNotes.Length)] : null,
        };
    }

    private (double, double) Gaussian(double lon, double lat, double sigma) => Offset(lon, lat, Normal() * sigma, Normal() * sigma);

    private (double, double) DispersedAroundZuid()
    {
        var r = 300 + _rng.NextDouble() * 1200;
        var a = _rng.NextDouble() * 2 * Math.PI;
        return Offset(DemoScenario.ZuidLon, DemoScenario.ZuidLat, r * Math.Sin(a), r * Math.Cos(a));
    }

    private (double, double) Background() => (4.30 + _rng.NextDouble() * 0.10, 50.82 + _rng.NextDouble() * 0.05);

    private static (double Lon, double Lat) Offset(double lon, double lat, double eastMetres, double northMetres) =>
        (lon + eastMetres / (111_320 * Math.Cos(lat * Math.PI / 180)), lat + northMetres / 110_574);

    private static DateTimeOffset RoundToMinute(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMinute, t.Offset);

    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - _rng.NextDouble())) * Math.Cos(2 * Math.PI * _rng.NextDouble());

    private int Poisson(double mean)
    {
        // Knuth's method is fine for the small daily means used here.
        var l = Math.Exp(-mean);
        var k = 0;
        for (var p = _rng.NextDouble(); p > l; p *= _rng.NextDouble()) k++;
        return k;
    }

    private int Geometric(double p) => (int)Math.Min(30, Math.Floor(Math.Log(1 - _rng.NextDouble()) / Math.Log(1 - p)));

    private string Pick((string Value, double Share)[] options)
    {
        var x = _rng.NextDouble() * options.Sum(o => o.Share);
        foreach (var (value, share) in options)
            if ((x -= share) < 0) return value;
        return options[^1].Value;
    }
}
