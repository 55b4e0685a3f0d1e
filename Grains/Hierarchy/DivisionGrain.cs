using Liandong.Grains.Infrastructure;
using Liandong.Grains.Telemetry;
using Orleans.Concurrency;
using Orleans.Storage;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Hierarchy;

/// <summary>
/// What cities, counties and towns share: they keep each child's latest versioned snapshot, their totals
/// are the sum of those snapshots, and they push their own figures to their parent.
/// </summary>
/// <remarks>
/// Reentrant so that snapshots arriving while a write is in flight do not queue behind it; every turn mutates
/// state synchronously, so interleaving at awaits is safe. Children's figures are held in memory, covered by the
/// <see cref="OpenEpoch"/> lifecycle and recovered by <see cref="ChildrenRebuild"/> if the silo dies
/// (docs/architecture.md "Roll-up rules"). The grain orchestrates those with the <see cref="RollupLedger"/>
/// (children's figures, totals, overview) and the <see cref="PendingAnnouncements"/> of its projects, and
/// publishes upward with the <see cref="VersionedPublisher{TState}"/> every publisher uses. Registration and the
/// children's list: DivisionGrain.Registration.cs.
/// </remarks>
[Reentrant]
public abstract partial class DivisionGrain : Grain, IRemindable
{
    private readonly IPersistentState<DivisionState> _state;
    private readonly WriteBatcher _writer;
    private readonly OldestOrigin _origin = new();
    private RollupLedger _ledger = null!;
    private OpenEpoch _epoch = null!;
    private PendingAnnouncements _pending = null!;
    private ChildrenRebuild _rebuild = null!;
    private IGrainTimer? _rebuildRetry;
    private VersionedPublisher<DivisionState> _publisher = null!;
    private DivisionState _persisted = DivisionState.Empty;
    private bool _changedSinceTick;

    protected DivisionGrain(IPersistentState<DivisionState> state, TimeProvider time, ILogger logger)
    {
        _state = state;
        Time = time;
        Logger = logger;
        _writer = new WriteBatcher(WriteAsync);
    }

    protected TimeProvider Time { get; }

    protected ILogger Logger { get; }

    protected abstract DivisionLevel Level { get; }

    protected string Code => this.GetPrimaryKeyString();

    protected DivisionState State => _ledger.State;

    /// <summary>The parent to push to, or null for the city.</summary>
    protected abstract IRollupParent? ParentGrain { get; }

    private bool ParentHasLatest => !_publisher.Behind;

    /// <summary>
    /// The totals are partial: this division is rebuilding after a crash, or a child's latest figures said it was. The
    /// flag travels up with the figures, so a city never presents its counties' partial sums as complete.
    /// </summary>
    private bool Rebuilding => !_rebuild.Settled || _ledger.AnyChildRebuilding;

    /// <summary>Nothing is being recovered: no rebuild under way or owed, no announced figures outstanding.</summary>
    private bool Settled => _pending.Count == 0 && _rebuild.Settled;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _persisted = _state.State ?? DivisionState.Empty;
        _ledger = new RollupLedger(Level, Code);
        _ledger.Load(_persisted);
        _publisher = new VersionedPublisher<DivisionState>(new WakeUpReminder(this, WakeUpReminder.RollupName), () => _ledger.State,
            s => ParentGrain is null || s.Name is null ? null : s.Version, SendUpwardAsync, Logger, () => $"{Level} {Code}");
        _publisher.Restore(_persisted, _persisted.SyncedVersion);
        _epoch = new OpenEpoch(_ledger, _publisher.Retry, () => _writer.WriteAsync());
        _rebuild = new ChildrenRebuild(() => State.Children.Keys.ToList(), ChildGrain, Apply, _epoch.EnsureOpenAsync, Logger, () => $"{Level} {Code}",
            RebuildingChanged, StoredChildren, RetryRebuildIn);
        _pending = new PendingAnnouncements(_rebuild.PullAsync);
        if (_persisted.Name is not null && _persisted.Open)
        {
            // The previous activation died holding figures it had not written.
            _rebuild.Start();
        }
        else if (_persisted.Name is not null && _publisher.Behind)
        {
            SchedulePush();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (State.Name is null)
        {
            return;
        }

        // Stay open while anything is unresolved, so that the next activation rebuilds instead of trusting the write.
        var open = !Settled;
        if (State.Open != open || !ReferenceEquals(State, _persisted))
        {
            Update(State with { Open = open });
            try
            {
                await _writer.WriteAsync();
            }
            catch (InconsistentStateException ex)
            {
                // Another activation wrote meanwhile (two briefly coexisted while a silo left), so what this one
                // held may be in neither's write: mark the stored state open, and the next activation rebuilds.
                Logger.LogWarning(ex, "{Level} {Code} was written by another activation; leaving it open to be rebuilt", Level, Code);
                _epoch.End();
                await _state.ReadStateAsync();
                _state.State = (_state.State ?? DivisionState.Empty) with { Open = true };
                await _state.WriteStateAsync();
                return;
            }
        }

        // The reminder stays while the parent may not hold the latest figures: it wakes this division to push them.
        if (_epoch.End() && !open && ParentHasLatest)
        {
            await _publisher.Retry.ClearAsync();
        }
    }

    public Task<ChildSnapshot?> GetSnapshotAsync() =>
        Task.FromResult(_ledger.Snapshot() is { } snapshot ? snapshot with { Rebuilding = Rebuilding } : null);

    public async Task AcceptSnapshotAsync(ChildSnapshot snapshot)
    {
        EnsureChild(snapshot.Code);
        await EnsureKnownAndOpenAsync(snapshot.Code, snapshot.Name);
        Apply(snapshot);
        _pending.Arrived(snapshot.Code, snapshot.Version);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!_publisher.Retry.Is(reminderName))
        {
            return;
        }

        _rebuild.Retry();
        _pending.Watch();
        var quiet = !_changedSinceTick;
        _changedSinceTick = false;
        if (_publisher.Behind)
        {
            SchedulePush();
        }
        else if (_epoch.IsOpen)
        {
            // A whole period without new figures: write them and close, so that the reminder can go.
            if (quiet)
            {
                await _epoch.CloseAsync(() => Settled, () => ParentHasLatest);
            }
        }
        else if (!_publisher.InFlight && !_rebuild.Owed)
        {
            // Left by an activation that closed while its parent lacked its figures, now delivered.
            await _publisher.Retry.ClearAsync();
        }
    }

    /// <summary>A child's newer figures were taken in (<paramref name="before"/>: what was held of it); for work that follows them.</summary>
    protected virtual void ChildApplied(ChildEntry? before, ChildSnapshot snapshot)
    {
    }

    /// <summary>The child grain a rebuild asks for its figures.</summary>
    protected abstract IRollupChild ChildGrain(string childCode);

    /// <summary>Runs an owed rebuild again after <paramref name="delay"/> (a one-shot grain timer; the reminder stays the safety net).</summary>
    private void RetryRebuildIn(TimeSpan delay)
    {
        _rebuildRetry?.Dispose();
        _rebuildRetry = this.RegisterGrainTimer(() =>
        {
            _rebuild.Retry();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { Interleave = true });
    }

    /// <summary>
    /// Reads children's figures from their stored state, for a rebuild (see <see cref="ChildrenRebuild"/>); null where
    /// children must be asked (counties and cities: a town's or county's stored state is not its figures while open).
    /// </summary>
    protected virtual Func<IReadOnlyList<string>, Task<IReadOnlyDictionary<string, ChildSnapshot?>>>? StoredChildren => null;

    /// <summary>Records that a child is about to persist <paramref name="version"/>; see <see cref="ITownGrain.PrepareAsync"/>.</summary>
    protected async Task PrepareCoreAsync(string childCode, long version)
    {
        EnsureChild(childCode);
        await EnsureKnownAndOpenAsync(childCode, childCode);
        _pending.Announce(childCode, version);
    }

    protected void Update(DivisionState next) => _ledger.Update(next);

    protected async Task EnsurePersistedAsync()
    {
        if (!ReferenceEquals(State, _persisted))
        {
            await _writer.WriteAsync();
        }
    }

    protected DivisionOverview Overview(PeriodQuery period, bool withProjects)
    {
        var (year, month) = period.Resolve(_ledger.Total, DateOnly.FromDateTime(Time.GetLocalNow().DateTime));
        var overview = _ledger.Overview(year, month, withProjects);

        // After a crash the totals are partial until every child (and its children) has answered the rebuild: say so.
        return Rebuilding ? overview with { Rebuilding = true } : overview;
    }

    /// <summary>
    /// A child never heard of is written at once (with no figures yet), so that a rebuild knows to ask it; then
    /// the division makes sure it is open before it takes figures it will not write.
    /// </summary>
    private async Task EnsureKnownAndOpenAsync(string childCode, string name)
    {
        if (!_ledger.Knows(childCode))
        {
            _ledger.List(childCode, name);
            await EnsurePersistedAsync();
        }

        await _epoch.EnsureOpenAsync();
    }

    /// <summary>Takes a child's snapshot into the totals, in memory, unless it is stale or a repeat; then pushes upward.</summary>
    private void Apply(ChildSnapshot snapshot)
    {
        var before = State.Children.GetValueOrDefault(snapshot.Code);
        if (!_ledger.Apply(snapshot))
        {
            return;
        }

        ChildApplied(before, snapshot);

        _changedSinceTick = true;
        if (snapshot.Origin is { } origin)
        {
            // Held recoverably from here on (the division is open), so this is where the figures have arrived.
            _origin.Note(origin);
            LiandongMetrics.RollupApplied(MetricPlace.OfCounty(CountyOf(snapshot.Code)), Level, origin, Time.GetUtcNow());
        }

        SchedulePush();
    }

    /// <summary>The county a child's figures belong to: the town's county, the county itself, or the city's child.</summary>
    private string CountyOf(string childCode) => Level switch
    {
        DivisionLevel.City => childCode,
        DivisionLevel.County => Code,
        _ => DivisionCodes.CountyOf(Code),
    };

    private async Task WriteAsync()
    {
        var writing = State with { SyncedVersion = _publisher.Synced };
        _ledger.Update(writing);
        _state.State = writing;
        try
        {
            await _state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            // Another activation wrote meanwhile (two briefly coexisted while a silo left): this one's view is
            // stale and every write of it would fail. The next call activates afresh, reads, and rebuilds if open.
            DeactivateOnIdle();
            throw;
        }

        _persisted = writing;
    }

    /// <summary>
    /// A rebuild began, or has every child's figures: tell the parent under a new version, even if no sum moved, so that
    /// it counts this division's figures as partial, or exact again.
    /// </summary>
    private void RebuildingChanged()
    {
        Update(State with { Version = State.Version + 1 });
        SchedulePush();
    }

    /// <summary>Pushes the totals upward; bursts coalesce because only the latest version is sent.</summary>
    private void SchedulePush() => _ = _publisher.PublishAsync();

    private Task SendUpwardAsync(DivisionState current) => _origin.SendAsync(origin =>
        ParentGrain!.AcceptSnapshotAsync(new ChildSnapshot(Code, current.Name!, current.Version, _ledger.Total, Origin: origin, Rebuilding: Rebuilding)));
}
