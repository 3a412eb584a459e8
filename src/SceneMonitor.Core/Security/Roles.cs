namespace SceneMonitor.Core.Security;

/// <summary>The four roles of the design (§2). What each may see is enforced in the API.</summary>
public static class Roles
{
    /// <summary>Records observations and sweeps; sees exact points.</summary>
    public const string Recorder = "recorder";
    /// <summary>Views maps and analysis results; sees points coarsened to a grid, times to the hour, no notes.</summary>
    public const string Analyst = "analyst";
    /// <summary>Only aggregates with small counts suppressed; never individual points.</summary>
    public const string Planner = "planner";
    /// <summary>Everything, plus categories, accounts, areas, interventions, retention.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Recorder, Analyst, Planner, Admin];

    public static bool IsValid(string? role) => role is not null && All.Contains(role);
}
