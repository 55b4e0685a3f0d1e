using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Infrastructure;

/// <summary>
/// "Persist, then publish a versioned summary; a reminder retries": the one way a grain keeps the copies of its
/// summary that other grains hold up to date (a project's figures in its town, a town's in its county, a financing
/// request's row in its bank's inbox, a matter's summary in its indexes). Every summary carries its version and a
/// holder keeps only one newer than what it holds, so a summary may be sent again at any time.
/// </summary>
/// <remarks>
/// One push is in flight at a time: a change that lands meanwhile makes that push go round once more, sending only
/// the latest version, so a burst of changes costs a few pushes, not one each. A push that fails is logged and left
/// to the <see cref="Retry"/> reminder, which wakes the grain (on another silo if its own died) to publish again.
/// </remarks>
/// <typeparam name="TState">What the grain publishes from: its persisted state (a division: its state in memory).</typeparam>
internal sealed class VersionedPublisher<TState>
    where TState : class
{
    private readonly Func<TState>? _latest;
    private readonly Func<TState, long?> _versionOf;
    private readonly Func<TState, Task> _send;
    private readonly ILogger _logger;
    private readonly Func<string> _who;
    private bool _again;

    /// <param name="retry">The reminder that retries a publication cut short.</param>
    /// <param name="latest">The state to publish from now; null for the state last written through <see cref="PersistAsync"/>.</param>
    /// <param name="versionOf">The version of a state, or null while there is nothing to publish (not registered yet, no parent).</param>
    /// <param name="send">Sends a state's summary to every holder; throws if any did not take it.</param>
    /// <param name="logger">Where a failed push is logged.</param>
    /// <param name="who">Names the grain in the log.</param>
    public VersionedPublisher(WakeUpReminder retry, Func<TState>? latest, Func<TState, long?> versionOf, Func<TState, Task> send,
        ILogger logger, Func<string> who)
    {
        Retry = retry;
        _latest = latest;
        _versionOf = versionOf;
        _send = send;
        _logger = logger;
        _who = who;
    }

    /// <summary>The reminder that retries a publication cut short.</summary>
    public WakeUpReminder Retry { get; }

    /// <summary>The latest version every holder confirmed (written with the state as its <c>SyncedVersion</c>).</summary>
    public long Synced { get; private set; }

    /// <summary>The state as last written (or read at activation): what a push sends, never a write still in flight.</summary>
    public TState? Persisted { get; private set; }

    /// <summary>Whether a push is under way.</summary>
    public bool InFlight { get; private set; }

    /// <summary>Whether some holder may lack the latest version.</summary>
    public bool Behind => Latest is { } latest && _versionOf(latest) is { } version && version > Synced;

    private TState? Latest => _latest is null ? Persisted : _latest();

    /// <summary>Takes the stored state and the version its holders confirmed, when the grain activates.</summary>
    public void Restore(TState? stored, long synced)
    {
        Persisted = stored;
        Synced = synced;
    }

    /// <summary>
    /// Registers the retry reminder, then writes <paramref name="next"/> (or keeps the old state if the write fails).
    /// In this order a crash between the two steps leaves a reminder that finds nothing to do, never a change
    /// nobody will publish; the caller publishes once this returns.
    /// </summary>
    /// <param name="state">The grain's persistent state.</param>
    /// <param name="next">The new state, its version already counted.</param>
    /// <param name="registerRetry">False where something else covers the crash (a project announces its versions to its town).</param>
    public async Task PersistAsync(IPersistentState<TState> state, TState next, bool registerRetry = true)
    {
        if (registerRetry)
        {
            await Retry.EnsureAsync();
        }

        await state.WriteOrRollBackAsync(next);
        Persisted = next;
    }

    /// <summary>
    /// Sends the latest summary until the holders have confirmed it. Called while a push is in flight it returns at
    /// once, and that push goes round once more. Never throws: a failure is left to the retry reminder.
    /// </summary>
    public async Task PublishAsync()
    {
        if (InFlight)
        {
            _again = true;
            return;
        }

        InFlight = true;
        Exception? failure = null;
        try
        {
            do
            {
                _again = false;
                if (Latest is not { } current || _versionOf(current) is not { } version || version <= Synced)
                {
                    break;
                }

                await _send(current);
                Synced = Math.Max(Synced, version);
            }
            while (_again);
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            InFlight = false;
        }

        if (failure is not null)
        {
            // Out of the loop first, so that a change arriving meanwhile starts a push of its own.
            _logger.LogWarning(failure, "{Grain} could not publish its summary; its retry reminder will send it again", _who());
            await EnsureRetryAsync();
        }
    }

    /// <summary>What the retry reminder does when it fires: publishes what is unconfirmed, or removes itself when nothing is.</summary>
    public Task RetryAsync() => Behind ? PublishAsync() : Retry.ClearAsync();

    /// <summary>
    /// What a publishing grain does when it activates: takes its stored state and starts publishing what its holders
    /// may have missed (its silo died between the write and the messages), without holding up the activation.
    /// </summary>
    public void Activate(TState? stored, long synced)
    {
        Restore(stored, synced);
        _ = PublishAsync();
    }

    /// <summary>A publishing grain's <c>ReceiveReminder</c>: retries on its own reminder, ignores the others.</summary>
    public Task OnReminderAsync(string reminderName) => Retry.Is(reminderName) ? RetryAsync() : Task.CompletedTask;

    private async Task EnsureRetryAsync()
    {
        try
        {
            await Retry.EnsureAsync();
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "{Grain} could not register its retry reminder", _who());
        }
    }
}
