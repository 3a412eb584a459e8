using System.Security.Claims;
using Microsoft.Extensions.Options;
using SceneMonitor.Core.Observations;
using SceneMonitor.Core.Privacy;

namespace SceneMonitor.Api.Security;

/// <summary>What each role sees: the observation view (exact or coarse) and small-count suppression.</summary>
public sealed class Privacy(IOptions<PrivacyOptions> options)
{
    public PrivacyOptions Settings => options.Value;

    /// <summary>The small-count rule (k = Privacy:MinCount) for every aggregate a planner gets.</summary>
    public SmallCounts SmallCounts { get; } = new(options.Value.MinCount);

    /// <summary>The finest periods and areas a planner may ask for.</summary>
    public PlannerGranularity Granularity { get; } = new(options.Value.PlannerMinAreaM2, TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels"));

    /// <summary>Exact for recorders and admins; grid-snapped, hourly, without free text for everyone else.</summary>
    public ObservationView ViewFor(ClaimsPrincipal user) =>
        user.SeesExactPoints() ? ObservationView.Exact
        : user.IsPlanner() ? ObservationView.Aggregates(options.Value.GridMetres, options.Value.Srid)
        : ObservationView.Coarse(options.Value.GridMetres, options.Value.Srid);

    /// <summary>k: counts from 1 to k − 1 are suppressed for planners.</summary>
    public int MinCount => options.Value.MinCount;

    /// <summary>The count a planner may see: null when it is below k (zero stays zero).</summary>
    public int? CountFor(ClaimsPrincipal user, int count) => user.IsPlanner() && IsSmall(count) ? null : count;

    public bool IsSmall(int count) => count > 0 && count < options.Value.MinCount;
}
