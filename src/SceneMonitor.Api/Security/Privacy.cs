using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Core.Observations;
using SceneMonitor.Core.Privacy;

namespace SceneMonitor.Api.Security;

/// <summary>What each role sees: the observation view (exact or coarse), and for planners the one
/// disclosure control of the tool: <see cref="Counts"/> (small counts and complementary
/// suppression) and <see cref="Granularity"/> (whole days, a minimum area).</summary>
public sealed class Privacy
{
    private readonly PrivacyOptions settings;

    public Privacy(IOptions<PrivacyOptions> options, IOptions<ObservationOptions> observations)
    {
        settings = options.Value;
        Counts = new SmallCounts(settings.MinCount);
        Granularity = new PlannerGranularity(settings.PlannerMinAreaM2, TimeZoneInfo.FindSystemTimeZoneById(observations.Value.TimeZone));
    }

    public PrivacyOptions Settings => settings;

    /// <summary>Exact for recorders and admins; grid-snapped, hourly, without free text for everyone else
    /// (for planners marked aggregates-only).</summary>
    public ObservationView ViewFor(ClaimsPrincipal user) =>
        user.SeesExactPoints() ? ObservationView.ExactIn(settings.Srid)
        : user.IsPlanner() ? ObservationView.Aggregates(settings.GridMetres, settings.Srid)
        : ObservationView.Coarse(settings.GridMetres, settings.Srid);

    /// <summary>k: counts from 1 to k − 1 are suppressed for planners.</summary>
    public int MinCount => settings.MinCount;

    /// <summary>The small-count rule (k = Privacy:MinCount) every planner answer and aggregate file uses.</summary>
    public SmallCounts Counts { get; }

    /// <summary>The finest period and area a planner may ask for.</summary>
    public PlannerGranularity Granularity { get; }

    /// <summary>For planners: the filter's period in whole days and its bbox of at least the minimum
    /// area (a predefined area id is always allowed); null when the request may run.</summary>
    public ProblemHttpResult? CheckPlanner(ClaimsPrincipal user, ObservationFilter filter) =>
        !user.IsPlanner() ? null
            : Refuse(Granularity.CheckPeriod(filter.From, filter.To) ?? (filter.Bbox is { } bbox ? Granularity.CheckBbox(bbox) : null));

    /// <summary>422 naming the field, for a planner's request finer than <see cref="Granularity"/> allows.</summary>
    public static ProblemHttpResult? Refuse(PlannerGranularity.Violation? violation) =>
        violation is null ? null : Problems.Invalid(new Dictionary<string, string[]> { [violation.Field] = [violation.Message] },
            "The request is finer than planners may ask for; nothing was computed.");
}
