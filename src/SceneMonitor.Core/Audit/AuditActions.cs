namespace SceneMonitor.Core.Audit;

/// <summary>What the audit log records.</summary>
public static class AuditActions
{
    /// <summary>A read that returned individual observations (list or single).</summary>
    public const string ReadPoints = "read_points";
    /// <summary>Counts shown in the app (map clusters, time series, area summaries): not points, but
    /// derived from observations, and a series of them can be differenced, so they are recorded too.</summary>
    public const string ReadAggregates = "read_aggregates";
    /// <summary>A download of aggregated data (grid or area counts).</summary>
    public const string Export = "export";
    /// <summary>An analysis run or a saved analysis read.</summary>
    public const string Analysis = "analysis";
    public const string Login = "login";
    public const string FailedLogin = "failed_login";
    /// <summary>Accounts, API keys, categories, areas, interventions or retention settings changed.</summary>
    public const string AdminChange = "admin_change";
    /// <summary>The retention job coarsened observations or purged old audit lines.</summary>
    public const string Retention = "retention";
    /// <summary>A bulk import (POST /api/imports): its outcome and counts, never row content.</summary>
    public const string Import = "import";
    /// <summary>One stored observation corrected by an import with mode=update: its old and new values
    /// (a note only as changed), one line per observation, written in the import's transaction.</summary>
    public const string ImportUpdate = "import_update";
    /// <summary>A saved import column mapping created, replaced or deleted.</summary>
    public const string ImportMapping = "import_mapping";

    /// <summary>A recorder's correction (POST /api/observations/{id}/correct): the withdrawn and the new id.</summary>
    public const string Correction = "correction";
    /// <summary>A multiplier benchmark or survey added or deleted (aggregates, never persons).</summary>
    public const string SceneSizeInput = "scene_size_input";

    public static readonly IReadOnlyList<string> All = [ReadPoints, ReadAggregates, Export, Analysis, Login, FailedLogin, AdminChange, Retention, Import, ImportUpdate, ImportMapping, Correction, SceneSizeInput];
}
