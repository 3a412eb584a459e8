using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Infrastructure;

/// <summary>Parses the observation filter query parameters (bbox, from, to, category, source, area)
/// shared by the list, time-series and export endpoints, with a 400 naming the parameter on error.</summary>
public static class FilterParser
{
    /// <summary>A half-open period [from, to) read with <see cref="TryTime"/>.</summary>
    public static readonly QueryParameter[] Period =
    [
        OpenApiQuery.Time("from", "Start of the period (inclusive)."),
        OpenApiQuery.Time("to", "End of the period (exclusive)."),
    ];

    /// <summary>What <see cref="Parse"/> reads, for the OpenAPI document.</summary>
    public static readonly QueryParameter[] Parameters =
    [
        OpenApiQuery.Text("bbox", "minLon,minLat,maxLon,maxLat (WGS 84)."),
        .. Period,
        OpenApiQuery.Whole("area", "Area id (GET /api/areas): only observations inside it."),
        OpenApiQuery.List("category", "Category codes (GET /api/categories)."),
        OpenApiQuery.List("source", "Sources."),
    ];

    public static (ObservationFilter? Filter, ProblemHttpResult? Problem) Parse(IQueryCollection q)
    {
        double[]? bbox = null;
        if (q.TryGetValue("bbox", out var bboxText))
        {
            var parts = bboxText.ToString().Split(',');
            var values = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
            if (values.Length != 4 || values.Any(v => !double.IsFinite(v)))
                return (null, Problems.BadRequest("bbox", "must be minLon,minLat,maxLon,maxLat (four numbers)"));
            if (values[0] >= values[2] || values[1] >= values[3])
                return (null, Problems.BadRequest("bbox", "min must be below max (minLon,minLat,maxLon,maxLat)"));
            if (values[0] < -180 || values[2] > 180 || values[1] < -90 || values[3] > 90)
                return (null, Problems.BadRequest("bbox", "is outside -180..180, -90..90"));
            bbox = values;
        }
        if (!TryTime(q, "from", out var from, out var p1)) return (null, p1);
        if (!TryTime(q, "to", out var to, out var p2)) return (null, p2);
        if (from is not null && to is not null && from >= to)
            return (null, Problems.BadRequest("to", "must be after 'from' (periods are half-open: [from, to))"));

        int? area = null;
        if (q.TryGetValue("area", out var areaText))
        {
            if (!int.TryParse(areaText, NumberStyles.None, CultureInfo.InvariantCulture, out var a))
                return (null, Problems.BadRequest("area", "must be an area id (see GET /api/areas)"));
            area = a;
        }
        return (new ObservationFilter
        {
            Bbox = bbox, From = from, To = to, AreaId = area,
            Categories = Multi(q, "category"), Sources = Multi(q, "source"),
        }, null);
    }

    public static bool TryTime(IQueryCollection q, string name, out DateTimeOffset? value, out ProblemHttpResult? problem)
    {
        value = null; problem = null;
        if (!q.TryGetValue(name, out var text) || string.IsNullOrWhiteSpace(text)) return true;
        if (QueryTime.TryParse(text, out var t))
        {
            if (QueryTime.InRange(t)) { value = t; return true; }
            problem = Problems.BadRequest(name, QueryTime.OutOfRange);
            return false;
        }
        problem = Problems.BadRequest(name, "must be an ISO 8601 date or time, e.g. 2026-03-01 (the local day) or 2026-03-01T00:00:00+01:00");
        return false;
    }

    /// <summary>Repeatable parameters accept both category=a&amp;category=b and category=a,b.</summary>
    public static IReadOnlyList<string> Multi(IQueryCollection q, string name) =>
        q[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
}
