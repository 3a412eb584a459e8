using NetTopologySuite.Geometries;

namespace SceneMonitor.Core.Privacy;

/// <summary>The finest request a planner may make, so no answer can isolate one observation by its
/// time or place: periods in whole days of the service's time zone (a one-hour step between two
/// requests would otherwise single out the observation recorded in that hour), and chosen areas
/// (bbox, polygon) of at least <see cref="MinAreaM2"/>. Predefined areas (GET /api/areas) are
/// always allowed: they are the same for everyone and cannot be fitted around one observation.
/// Pure functions: the callers turn a <see cref="Violation"/> into a 422 naming the field.</summary>
public sealed class PlannerGranularity
{
    private const double EarthRadius = 6371008.8; // mean radius (IUGG), metres

    public PlannerGranularity(double minAreaM2, TimeZoneInfo zone)
    {
        if (!(minAreaM2 >= 0) || double.IsInfinity(minAreaM2)) throw new ArgumentOutOfRangeException(nameof(minAreaM2));
        MinAreaM2 = minAreaM2;
        Zone = zone;
    }

    public double MinAreaM2 { get; }

    /// <summary>Whose midnight starts a day (Europe/Brussels: the page sends Brussels midnights).</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>A rule the request breaks, with the query or body member to name.</summary>
    public sealed record Violation(string Field, string Message);

    /// <summary>True when the instant is a midnight in <see cref="Zone"/>.</summary>
    public bool IsDayStart(DateTimeOffset t) => t == DayStart(t);

    /// <summary>The midnight in <see cref="Zone"/> that starts t's day.</summary>
    public DateTimeOffset DayStart(DateTimeOffset t) => AtLocal(TimeZoneInfo.ConvertTime(t, Zone).Date);

    /// <summary>t when it is a midnight, else the next midnight (a planner's default end: "to the end of today").</summary>
    public DateTimeOffset NextDayStart(DateTimeOffset t) => IsDayStart(t) ? t : AtLocal(TimeZoneInfo.ConvertTime(t, Zone).Date.AddDays(1));

    /// <summary>Both ends, when given, must be midnights; null when they are.</summary>
    public Violation? CheckPeriod(DateTimeOffset? from, DateTimeOffset? to, string fromField = "from", string toField = "to")
    {
        if (from is { } f && !IsDayStart(f)) return new(fromField, WholeDays);
        if (to is { } t && !IsDayStart(t)) return new(toField, WholeDays);
        return null;
    }

    /// <summary>A bbox (minLon, minLat, maxLon, maxLat) of at least <see cref="MinAreaM2"/> on the ground.</summary>
    public Violation? CheckBbox(double[] bbox, string field = "bbox") => CheckArea(BboxAreaM2(bbox), field);

    /// <summary>A lon/lat polygon or multipolygon of at least <see cref="MinAreaM2"/>.</summary>
    public Violation? CheckPolygon(Geometry lonLat, string field) => CheckArea(LonLatAreaM2(lonLat), field);

    public Violation? CheckArea(double areaM2, string field) =>
        areaM2 >= MinAreaM2 ? null : new(field, $"covers about {Math.Round(areaM2):0} m²; planners need at least {MinAreaM2:0} m² (or a predefined area from GET /api/areas)");

    /// <summary>Area of a lon/lat rectangle on the sphere: R² (λ₂ − λ₁)(sin φ₂ − sin φ₁).</summary>
    public static double BboxAreaM2(double[] bbox) =>
        EarthRadius * EarthRadius * Math.Abs(Radians(bbox[2] - bbox[0])) * Math.Abs(Math.Sin(Radians(bbox[3])) - Math.Sin(Radians(bbox[1])));

    /// <summary>Area of lon/lat polygons on the sphere (holes subtracted), accurate to well under
    /// a percent at city scale, which is all a minimum needs.</summary>
    public static double LonLatAreaM2(Geometry lonLat)
    {
        double sum = 0;
        for (var i = 0; i < lonLat.NumGeometries; i++)
            if (lonLat.GetGeometryN(i) is Polygon p)
            {
                sum += RingArea(p.ExteriorRing.Coordinates);
                foreach (var hole in p.InteriorRings) sum -= RingArea(hole.Coordinates);
            }
        return Math.Max(0, sum);
    }

    private string WholeDays => $"planners ask for whole days: a midnight of the {Zone.Id} time zone, e.g. 2026-03-01T00:00:00+01:00";

    /// <summary>The instant a local date (in <see cref="Zone"/>) starts.</summary>
    public DateTimeOffset AtLocal(DateTime localMidnight)
    {
        var unspecified = DateTime.SpecifyKind(localMidnight, DateTimeKind.Unspecified);
        // A midnight skipped by a clock change does not exist; the day then starts at the first valid instant.
        while (Zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddMinutes(30);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified));
    }

    // Spherical excess of a ring, as in Chamberlain & Duquette (2007): |Σ (λ₂ − λ₁)(2 + sin φ₁ + sin φ₂)| R² / 2.
    private static double RingArea(Coordinate[] ring)
    {
        double sum = 0;
        for (var i = 0; i + 1 < ring.Length; i++)
            sum += Radians(ring[i + 1].X - ring[i].X) * (2 + Math.Sin(Radians(ring[i].Y)) + Math.Sin(Radians(ring[i + 1].Y)));
        return Math.Abs(sum) * EarthRadius * EarthRadius / 2;
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
