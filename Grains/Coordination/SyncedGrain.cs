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
/// stale or repeated ones. If a push fails, or the silo dies between the write and the push, the retry reminder
/// (registered before the write) wakes the grain and pushes again: the <see cref="VersionedPublisher{TState}"/> every publisher uses.
/// </summary>
public abstract class SyncedGrain<TState> : Grain, IRemindable
    where TState : class, ISyncedState<TState>
{
    /// <summary>The retry reminder's name; coordination grains of earlier versions used the roll-up's.</summary>
    public const string RetryReminderName = "summary-publish";

    private readonly IPersistentState<TState> _state;
    private readonly VersionedPublisher<TState> _publisher;

    // The holders whose copy the change of this version touched, when the grain said so.
    private (long Version, IReadOnlyCollection<string> Holders)? _scope;

    protected SyncedGrain(IPersistentState<TState> state, TimeProvider time, ILogger logger)
    {
        _state = state;
        Time = time;
        Logger = logger;
        _publisher = new VersionedPublisher<TState>(new WakeUpReminder(this, RetryReminderName, formerName: WakeUpReminder.RollupName),
            null, s => s.Version, SendAsync, logger, () => $"{GetType().Name} {Id}");
    }

    protected TimeProvider Time { get; }

    protected ILogger Logger { get; }

    protected TState State => _state.State;

    protected string Id => this.GetPrimaryKeyString();

    /// <summary>Today's date where the platform runs (China Standard Time in production).</summary>
    protected DateOnly Today => DateOnly.FromDateTime(Time.GetLocalNow().DateTime);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _publisher.Restore(_state.State, _state.State.SyncedVersion);
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (_publisher.Retry.Is(reminderName))
        {
            await _publisher.RetryAsync();
            return;
        }

        await OnReminderAsync(reminderName);
    }

    /// <summary>Persists <paramref name="next"/> as the new state, then pushes it to its holders.</summary>
    /// <param name="next">The new state; its versions are set here.</param>
    /// <param name="scope">The holders whose copy changed, when a grain knows; null means all of them.</param>
    protected async Task CommitAsync(TState next, IReadOnlyCollection<string>? scope = null)
    {
        var version = _state.State.Version + 1;
        await _publisher.PersistAsync(_state, next.WithVersions(version, _publisher.Synced));
        _scope = scope is null ? null : (version, scope);
        await _publisher.PublishAsync();
    }

    /// <summary>Sends the persisted state to its holders (all of them when <paramref name="scope"/> is null).</summary>
    protected abstract Task PushAsync(TState persisted, IReadOnlyCollection<string>? scope);

    /// <summary>A reminder other than the retry reminder fired.</summary>
    protected virtual Task OnReminderAsync(string reminderName) => Task.CompletedTask;

    private Task SendAsync(TState persisted)
    {
        // A partial push is enough only when every earlier version already reached every holder.
        var onlyScope = _scope is { } scope && scope.Version == persisted.Version && _publisher.Synced == persisted.Version - 1
            ? scope.Holders
            : null;
        return PushAsync(persisted, onlyScope);
    }
}
