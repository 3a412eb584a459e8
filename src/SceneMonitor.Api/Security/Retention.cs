using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Domain;
using SceneMonitor.Core.Privacy;

namespace SceneMonitor.Api.Security;

/// <summary>One retention run: coarsen observations older than the observation age, purge audit lines
/// older than the audit age, and write what was done to the audit log. Ages come from configuration
/// (Retention:*) unless an admin changed them (kept in the settings table).</summary>
public sealed class RetentionRunner(NpgsqlDataSource db, ObservationRetention observations, AuditStore audit,
    IOptions<RetentionOptions> options, IOptions<PrivacyOptions> privacy, TimeProvider clock)
{
    public const int MinAuditMonths = 6;
    private const string ObservationKey = "retention.observation_months";
    private const string AuditKey = "retention.audit_months";

    public sealed record Settings(int ObservationMonths, int AuditMonths, double GridMetres, TimeSpan Interval, bool Enabled);
    public sealed record Outcome(DateTimeOffset ObservationCutoff, int ObservationsCoarsened, DateTimeOffset AuditCutoff, long AuditLinesRemoved);

    public async Task<Settings> GetSettingsAsync(CancellationToken ct)
    {
        var o = options.Value;
        var stored = new Dictionary<string, string>();
        await using (var cmd = db.CreateCommand("SELECT key, value FROM settings WHERE key = ANY(@keys)"))
        {
            cmd.Parameters.AddWithValue("keys", new[] { ObservationKey, AuditKey });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) stored[r.GetString(0)] = r.GetString(1);
        }
        int Get(string key, int fallback) => stored.TryGetValue(key, out var v) && int.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : fallback;
        return new Settings(Get(ObservationKey, o.ObservationMonths), Math.Max(MinAuditMonths, Get(AuditKey, o.AuditMonths)), privacy.Value.GridMetres, o.Interval, o.Enabled);
    }

    public static Dictionary<string, string[]> Validate(int? observationMonths, int? auditMonths)
    {
        var errors = new Dictionary<string, string[]>();
        if (observationMonths is not null and (< 1 or > 240)) errors["observationMonths"] = ["must be 1–240 months"];
        if (auditMonths is not null and (< MinAuditMonths or > 240)) errors["auditMonths"] = [$"must be {MinAuditMonths}–240 months (the database never removes younger audit lines)"];
        return errors;
    }

    public async Task SaveSettingsAsync(int? observationMonths, int? auditMonths, CancellationToken ct)
    {
        foreach (var (key, value) in new[] { (ObservationKey, observationMonths), (AuditKey, auditMonths) })
        {
            if (value is null) continue;
            await using var cmd = db.CreateCommand("""
                INSERT INTO settings (key, value, updated_at) VALUES (@key, @value, now())
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """);
            cmd.Parameters.AddWithValue("key", key);
            cmd.Parameters.AddWithValue("value", value.Value.ToString(CultureInfo.InvariantCulture));
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task<Outcome> RunAsync(string actor, string? role, string? organisation, CancellationToken ct)
    {
        var s = await GetSettingsAsync(ct);
        var now = clock.GetUtcNow();
        var observationCutoff = now.AddMonths(-s.ObservationMonths);
        var auditCutoff = now.AddMonths(-s.AuditMonths);
        var coarsened = await observations.CoarsenAsync(observationCutoff, s.GridMetres, privacy.Value.Srid, ct);
        var purged = await audit.PurgeAsync(auditCutoff, ct);
        var outcome = new Outcome(observationCutoff, coarsened, auditCutoff, purged);
        await audit.AppendAsync(new AuditEntry
        {
            Actor = actor, Role = role, Organisation = organisation, Action = AuditActions.Retention,
            Parameters = System.Text.Json.JsonSerializer.Serialize(new { s.ObservationMonths, s.AuditMonths, s.GridMetres, outcome.ObservationCutoff, outcome.AuditCutoff }),
            RowCount = coarsened,
        }, ct);
        return outcome;
    }
}

/// <summary>Runs retention on a schedule (Retention:Interval, first run after Retention:StartDelay).</summary>
public sealed class RetentionService(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, ILogger<RetentionService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        try
        {
            await Task.Delay(options.Value.StartDelay, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var outcome = await scope.ServiceProvider.GetRequiredService<RetentionRunner>().RunAsync("system", null, null, stoppingToken);
                    log.LogInformation("Retention: {Coarsened} observations coarsened (before {Cutoff:yyyy-MM-dd}), {Purged} audit lines removed.",
                        outcome.ObservationsCoarsened, outcome.ObservationCutoff, outcome.AuditLinesRemoved);
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
                {
                    log.LogError(e, "Retention run failed; trying again at the next interval.");
                }
                await Task.Delay(options.Value.Interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
