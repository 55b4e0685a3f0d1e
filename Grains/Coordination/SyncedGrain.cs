using Liandong.Grains.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Coordination;

/// <summary>A stored state whose changes are counted, so that copies kept elsewhere can be brought up to date.</summary>
public interface ISyncedState<out TState>
{
    /// <summary>Grows with every persisted change.</summary>
    long Version { get; }

    /// <summary>The version every copy elsewhere had confirmed, as of the last write.</summary>
    long SyncedVersion { get; }

    TState WithVersions(long version, long syncedVersion);
}

/// <summary>
/// A coordination grain whose summary is kept by other grains (jurisdiction indexes, departments, the meeting or
/// visit it belongs to). A change is persisted first, then pushed; the pushes carry the version, so a holder ignores
/// stale or repeated ones. If a push fails, or the silo dies between the write and the push, the durable sync reminder
/// (registered before the write) wakes the grain and pushes again — the same safety net as the roll-up's.
/// </summary>
public abstract class SyncedGrain<TState> : Grain, IRemindable
    where TState : class, ISyncedState<TState>
{
    private readonly IPersistentState<TState> _state;
    private SyncReminder? _syncReminder;
    private long _synced;

    protected SyncedGrain(IPersistentState<TState> state, TimeProvider time, ILogger logger)
    {
        _state = state;
        Time = time;
        Logger = logger;
    }

    protected TimeProvider Time { get; }

    protected ILogger Logger { get; }

    protected TState State => _state.State;

    protected string Id => this.GetPrimaryKeyString();

    /// <summary>Today's date where the platform runs (China Standard Time in production).</summary>
    protected DateOnly Today => DateOnly.FromDateTime(Time.GetLocalNow().DateTime);

    private SyncReminder Sync => _syncReminder ??= new SyncReminder(this);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _synced = _state.State.SyncedVersion;
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == SyncReminder.Name)
        {
            if (_state.State.Version > _synced)
            {
                await PushSafelyAsync(null);
            }
            else
            {
                await Sync.ClearAsync();
            }

            return;
        }

        await OnReminderAsync(reminderName);
    }

    /// <summary>Persists <paramref name="next"/> as the new state, then pushes it to its holders.</summary>
    /// <param name="next">The new state; its versions are set here.</param>
    /// <param name="scope">The holders whose copy changed, when a grain knows; null means all of them.</param>
    protected async Task CommitAsync(TState next, IReadOnlyCollection<string>? scope = null)
    {
        var previous = _state.State;
        _state.State = next.WithVersions(previous.Version + 1, _synced);
        try
        {
            await Sync.EnsureAsync();
            await _state.WriteStateAsync();
        }
        catch
        {
            _state.State = previous;
            throw;
        }

        await PushSafelyAsync(scope);
    }

    /// <summary>Sends the persisted state to its holders (all of them when <paramref name="scope"/> is null).</summary>
    protected abstract Task PushAsync(TState persisted, IReadOnlyCollection<string>? scope);

    /// <summary>A reminder other than the sync reminder fired.</summary>
    protected virtual Task OnReminderAsync(string reminderName) => Task.CompletedTask;

    private async Task PushSafelyAsync(IReadOnlyCollection<string>? scope)
    {
        var persisted = _state.State;

        // A partial push is enough only when every earlier version already reached every holder.
        var onlyScope = _synced == persisted.Version - 1 ? scope : null;
        try
        {
            await PushAsync(persisted, onlyScope);
            _synced = Math.Max(_synced, persisted.Version);
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "{Grain} {Id} could not update the copies of its summary; the sync reminder will retry", GetType().Name, Id);
        }
    }
}
