using SceneMonitor.Core.Security;

namespace SceneMonitor.Api.Security;

/// <summary>Authorisation policies by role set. Apply with <c>.RequireAuthorization(Policies.X)</c> on an
/// endpoint or group; every endpoint without one still needs a signed-in user (the fallback policy).
/// What a role may see inside an allowed endpoint (grid, suppression) is shaped by the endpoint.</summary>
public static class Policies
{
    /// <summary>Any signed-in role: reads that are safe for planners (aggregates, categories, areas,
    /// interventions, analysis summaries). Endpoints under it shape data per role.</summary>
    public const string Read = "read";
    /// <summary>recorder, analyst, admin: individual observations (analysts see them coarsened).</summary>
    public const string Points = "points";
    /// <summary>recorder, admin: record and retract observations and sweeps.</summary>
    public const string Record = "record";
    /// <summary>recorder, analyst, admin: full analysis results.</summary>
    public const string Analyse = "analyse";
    /// <summary>admin: categories, accounts, API keys, areas, interventions, retention, audit.</summary>
    public const string Admin = "admin";
    /// <summary>analyst, admin: record and delete the multiplier method's inputs (benchmarks, surveys).
    /// Coordinators work with the analyst role.</summary>
    public const string SceneSizeInputs = "scene_size_inputs";

    public static readonly IReadOnlyDictionary<string, string[]> RolesOf = new Dictionary<string, string[]>
    {
        [Read] = [Roles.Recorder, Roles.Analyst, Roles.Planner, Roles.Admin],
        [Points] = [Roles.Recorder, Roles.Analyst, Roles.Admin],
        [Record] = [Roles.Recorder, Roles.Admin],
        [Analyse] = [Roles.Recorder, Roles.Analyst, Roles.Admin],
        [Admin] = [Roles.Admin],
        [SceneSizeInputs] = [Roles.Analyst, Roles.Admin],
    };
}
