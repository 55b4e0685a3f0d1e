using Liandong.Grains.Infrastructure;
using Liandong.Hierarchy;

namespace Liandong.Grains.Hierarchy;

/// <summary>
/// Versions a town's projects announced before writing them (<see cref="ITownGrain.PrepareAsync"/>) and whose
/// figures have not arrived yet. While any is outstanding a watch runs; an announcement still missing after
/// <see cref="RollupRecovery.PendingTimeout"/> is settled by asking the child for what it persisted.
/// </summary>
/// <param name="pull">Asks a child for its persisted figures and applies them; false if it did not answer.</param>
internal sealed class PendingAnnouncements(Func<string, Task<bool>> pull)
{
    private readonly Dictionary<string, (long Version, long Since)> _pending = new(StringComparer.Ordinal);
    private bool _watching;

    public int Count => _pending.Count;

    /// <summary>Notes that a child is about to persist <paramref name="version"/>, and watches for it.</summary>
    public void Announce(string childCode, long version)
    {
        if (!_pending.TryGetValue(childCode, out var pending) || pending.Version < version)
        {
            _pending[childCode] = (version, Environment.TickCount64);
        }

        Watch();
    }

    /// <summary>The child's figures of <paramref name="version"/> arrived: an announcement of that version or older is settled.</summary>
    public void Arrived(string childCode, long version)
    {
        if (_pending.TryGetValue(childCode, out var pending) && pending.Version <= version)
        {
            _pending.Remove(childCode);
        }
    }

    /// <summary>Makes sure a watch runs while announcements are outstanding (a watch ends when none is).</summary>
    public void Watch()
    {
        if (_watching || _pending.Count == 0)
        {
            return;
        }

        _watching = true;
        _ = WatchAsync();
    }

    private async Task WatchAsync()
    {
        try
        {
            while (_pending.Count > 0)
            {
                await Task.Delay(RollupRecovery.PendingCheck);
                var overdue = _pending
                    .Where(p => Environment.TickCount64 - p.Value.Since >= RollupRecovery.PendingTimeout.TotalMilliseconds)
                    .Select(p => (Code: p.Key, p.Value.Version))
                    .ToList();
                foreach (var (code, version) in overdue)
                {
                    // The child answers after any write it has in flight, so its answer settles the announcement.
                    if (await pull(code))
                    {
                        Arrived(code, version);
                    }
                }
            }
        }
        finally
        {
            _watching = false;
        }
    }
}
