using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Stats;

namespace SceneMonitor.Api.Features.Stats;

public static class StatsEndpoints
{
    public const int MaxBuckets = 5000;

    /// <summary>Count and quantity are null when suppressed (planners: see <see cref="Protect"/>).</summary>
    public sealed record Bucket(DateTimeOffset Start, int? Count, long? Quantity);
    /// <param name="Total">Observations in [From, To); for planners null when from 1 to k − 1.</param>
    public sealed record TimeSeries(string BucketSize, string TimeZone, DateTimeOffset From, DateTimeOffset To, int? Total, IReadOnlyList<Bucket> Buckets);

    public static IEndpointRouteBuilder MapStatsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/stats/timeseries", Handle).WithTags("Statistics").RequireAuthorization(Policies.Read)
            .WithQuery([OpenApiQuery.Text("bucket", "day (default), week or month.")], FilterParser.Parameters)
            .WithSummary("Counts per day, week (ISO, Monday) or month in the configured time zone; empty buckets are 0. Same filters as /api/observations. Planners: from and to at midnight, a bbox of at least Privacy:PlannerMinAreaM2; when a bucket is from 1 to k − 1 every bucket is null and only the total shows.");
        return app;
    }

    private static async Task<Results<Ok<TimeSeries>, ProblemHttpResult>> Handle(
        HttpRequest request, TimeSeriesStore store, IOptions<ObservationOptions> options, TimeProvider clock, Privacy privacy, Auditor audit, CancellationToken ct)
    {
        var bucket = request.Query["bucket"].ToString();
        if (bucket == "") bucket = "day";
        if (bucket is not ("day" or "week" or "month")) return Problems.BadRequest("bucket", "must be day, week or month");
        var (filter, problem) = FilterParser.Parse(request.Query);
        if (problem is not null) return problem;
        var user = request.HttpContext.User;
        if (privacy.CheckPlanner(user, filter!) is { } refused) return refused;

        var planner = user.IsPlanner();
        // A planner's default period ends at the end of today and starts at a midnight, like the ones they may choose.
        var to = filter!.To ?? (planner ? privacy.Granularity.NextDayStart(clock.GetUtcNow()) : clock.GetUtcNow());
        var from = filter.From ?? (planner ? privacy.Granularity.DayStart(to.AddYears(-1)) : to.AddYears(-1));
        if (from >= to) return Problems.BadRequest("from", "must be before 'to'");
        var approxBuckets = (to - from).TotalDays / (bucket == "day" ? 1 : bucket == "week" ? 7 : 28);
        if (approxBuckets > MaxBuckets) return Problems.BadRequest("from", $"the period holds more than {MaxBuckets} {bucket}s; choose a larger bucket or a shorter period");
        filter = filter with { From = from, To = to };

        var tz = options.Value.TimeZone;
        var counts = await store.CountsAsync(filter, privacy.ViewFor(request.HttpContext.User), bucket, tz, ct);
        var buckets = counts.Select(b => new Bucket(b.Start, b.Count, b.Quantity)).ToList();
        var total = buckets.Sum(b => b.Count!.Value);
        await audit.WriteAsync(request.HttpContext, AuditActions.ReadAggregates, new { kind = "timeseries", bucket, from, to, filter = Auditor.Query(request) }, buckets.Count, ct);
        return TypedResults.Ok(planner ? Protect(new TimeSeries(bucket, tz, from, to, total, buckets), privacy) : new TimeSeries(bucket, tz, from, to, total, buckets));
    }

    /// <summary>A planner's series keeps its total and hides every bucket when one is from 1 to
    /// k − 1 (<see cref="SceneMonitor.Core.Privacy.SmallCounts"/>: every bucket hidden, total kept). Keeping the buckets
    /// and hiding the total would not do: the same total for the same filter and period is published
    /// by the area summary, the area and grid aggregates and the clusters, and total minus the shown
    /// buckets gives the hidden one back.</summary>
    private static TimeSeries Protect(TimeSeries series, Privacy privacy)
    {
        var group = privacy.Counts.Protect(series.Total!.Value, series.Buckets.Select(b => (long)b.Count!.Value).ToList());
        var buckets = series.Buckets.Select((b, i) => group.Parts[i] is null ? b with { Count = null, Quantity = null } : b).ToList();
        return series with { Total = (int?)group.Total, Buckets = buckets };
    }
}
