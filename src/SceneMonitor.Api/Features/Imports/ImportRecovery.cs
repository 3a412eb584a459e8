namespace SceneMonitor.Api.Features.Imports;

/// <summary>At start, marks imports that a stopped or crashed process left running as failed: their
/// transaction died with the process, so nothing of them was stored. Assumes one app instance per
/// database (as deployed); several instances would need a heartbeat instead.</summary>
public sealed class ImportRecovery(ImportService imports, ILogger<ImportRecovery> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var n = await imports.Store.FailInterruptedAsync(ct);
        if (n > 0) log.LogWarning("{Count} import(s) were interrupted by the last shutdown and are marked failed; nothing of them was stored", n);
        // Spooled uploads of a process that was killed outright; a day old, so no running import's file.
        foreach (var file in Directory.EnumerateFiles(imports.TempDirectory, "*.upload"))
            if (File.GetLastWriteTimeUtc(file) < DateTime.UtcNow.AddDays(-1)) File.Delete(file);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
