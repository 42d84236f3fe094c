using System.Collections.Concurrent;

namespace Barometer.Fieldwork.Access;

/// <summary>
/// Failed logins per client address, kept in memory: after <see cref="FieldworkSettings.MaxFailuresPerClient"/>
/// failures the address is locked out for <see cref="FieldworkSettings.ClientLockoutMinutes"/>. Together with the
/// lockout per lookup id (in the field store) and the rate limiter on the login endpoint, this stops one client from
/// trying many codes.
/// </summary>
internal sealed class ClientAttempts(FieldworkSettings settings, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public bool IsLockedOut(string client) =>
        _entries.TryGetValue(client, out var entry) && entry.LockedUntil is { } until && until > clock.GetUtcNow();

    /// <summary>Counts a failure; true when it locked the client out.</summary>
    public bool Fail(string client)
    {
        var now = clock.GetUtcNow();
        var updated = _entries.AddOrUpdate(client,
            _ => new Entry(1, null),
            (_, e) => e.LockedUntil is { } until && until <= now ? new Entry(1, null) : e with { Failures = e.Failures + 1 });
        if (updated.LockedUntil is null && updated.Failures >= settings.MaxFailuresPerClient)
        {
            _entries[client] = updated with { LockedUntil = now.AddMinutes(settings.ClientLockoutMinutes) };
            return true;
        }

        return false;
    }

    public void Succeed(string client) => _entries.TryRemove(client, out _);

    private sealed record Entry(int Failures, DateTimeOffset? LockedUntil);
}
