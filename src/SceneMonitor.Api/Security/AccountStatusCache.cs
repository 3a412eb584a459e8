using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SceneMonitor.Core.Data;

namespace SceneMonitor.Api.Security;

/// <summary>What every bearer-token request checks about its account (role, organisation, active, stamp),
/// remembered for <see cref="AuthOptions.AccountCheckSeconds"/> so that a map's stream of requests
/// does not ask the database each time (one round trip of three per viewport request; bench/notes.md).
/// A change made through this instance (AccountEndpoints) takes effect at once; one made through
/// another instance, within that many seconds. 0 asks the database on every request.</summary>
public sealed class AccountStatusCache(IOptions<AuthOptions> options, TimeProvider clock)
{
    public sealed record Status(string Role, string? Organisation, bool Active, string SecurityStamp);

    private readonly ConcurrentDictionary<string, (Status? Status, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    /// <summary>The account's status, or null when no account has that name. The request's database
    /// context is only resolved when the database has to be asked.</summary>
    public async Task<Status?> GetAsync(string username, IServiceProvider requestServices, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(username, out var hit) && hit.Until > now) return hit.Status;
        var status = await requestServices.GetRequiredService<SceneMonitorDb>().Accounts.AsNoTracking().Where(a => a.Username == username)
            .Select(a => new Status(a.Role, a.Organisation, a.Active, a.SecurityStamp)).FirstOrDefaultAsync(ct);
        var seconds = options.Value.AccountCheckSeconds;
        if (seconds > 0)
        {
            // Bounded: names come from signed tokens only, but a long-running instance should not grow.
            if (_entries.Count > 10_000) _entries.Clear();
            _entries[username] = (status, now.AddSeconds(seconds));
        }
        return status;
    }

    /// <summary>Forgets an account after it was changed, so its next request sees the change.</summary>
    public void Invalidate(string username) => _entries.TryRemove(username, out _);
}
