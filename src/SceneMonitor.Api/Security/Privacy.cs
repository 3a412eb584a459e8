using System.Security.Claims;
using Microsoft.Extensions.Options;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Security;

/// <summary>What each role sees: the observation view (exact or coarse) and small-count suppression.</summary>
public sealed class Privacy(IOptions<PrivacyOptions> options)
{
    public PrivacyOptions Settings => options.Value;

    /// <summary>Exact for recorders and admins; grid-snapped, hourly, without free text for everyone else.</summary>
    public ObservationView ViewFor(ClaimsPrincipal user) =>
        user.SeesExactPoints() ? ObservationView.Exact : ObservationView.Coarse(options.Value.GridMetres, options.Value.Srid);

    /// <summary>k: counts from 1 to k − 1 are suppressed for planners.</summary>
    public int MinCount => options.Value.MinCount;

    /// <summary>The count a planner may see: null when it is below k (zero stays zero).</summary>
    public int? CountFor(ClaimsPrincipal user, int count) => user.IsPlanner() && IsSmall(count) ? null : count;

    public bool IsSmall(int count) => count > 0 && count < options.Value.MinCount;
}
