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
/// <para>
/// Reentrant so that snapshots arriving while a write is in flight do not queue behind it; every turn
/// mutates state synchronously, so interleaving at awaits is safe.
/// </para>
/// <para>
/// Children's figures are held in memory, not written on every snapshot: a division's state is derived
/// from its children's, which are durable. Before it takes the first new figures of an activation the
/// division registers its reminder and writes itself <see cref="DivisionState.Open"/> under a new
/// <see cref="DivisionState.Epoch"/> (<see cref="OpenEpoch"/>); it writes its figures and closes again, removing the
/// reminder, once a reminder period passes without new figures, or when it deactivates.
/// If its silo dies meanwhile, the reminder activates it elsewhere, it finds itself open, and it rebuilds its
/// figures by asking each child for its own (<see cref="IRollupChild.GetSnapshotAsync"/>). New children,
/// registrations and renames are written at once: a rebuild can only ask the children it knows.
/// </para>
/// <para>
/// The grain orchestrates three parts: the <see cref="RollupLedger"/> (children's figures, totals, overview), the
/// <see cref="OpenEpoch"/> lifecycle, and the <see cref="PendingAnnouncements"/> of its projects; it publishes its
/// own figures upward with the <see cref="VersionedPublisher{TState}"/> every publisher uses.
/// </para>
/// </remarks>
[Reentrant]
public abstract class DivisionGrain : Grain, IRemindable
{
    private readonly IPersistentState<DivisionState> _state;
    private readonly WriteBatcher _writer;
    private RollupLedger _ledger = null!;
    private OpenEpoch _epoch = null!;
    private PendingAnnouncements _pending = null!;
    private VersionedPublisher<DivisionState> _publisher = null!;
    private DivisionState _persisted = DivisionState.Empty;
    private bool _changedSinceTick;
    private bool _needsRebuild;
    private bool _rebuilding;

    // The oldest acknowledged project write among the figures taken since the last push upward: kept in
    // memory only (a push retried after a crash carries no origin), so measuring costs no write.
    private DateTimeOffset? _acceptedOrigin;

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

    private bool ParentHasLatest => !_publisher.Behind;

    /// <summary>Nothing is being recovered: no rebuild under way or owed, no announced figures outstanding.</summary>
    private bool Settled => _pending.Count == 0 && !_needsRebuild && !_rebuilding;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _persisted = _state.State ?? DivisionState.Empty;
        _ledger = new RollupLedger(Level, Code);
        _ledger.Load(_persisted);
        _pending = new PendingAnnouncements(PullAsync);
        _publisher = new VersionedPublisher<DivisionState>(new WakeUpReminder(this, WakeUpReminder.RollupName), () => _ledger.State,
            s => ParentGrain is null || s.Name is null ? null : s.Version, SendUpwardAsync, Logger, () => $"{Level} {Code}");
        _publisher.Restore(_persisted, _persisted.SyncedVersion);
        _epoch = new OpenEpoch(_ledger, _publisher.Retry, () => _writer.WriteAsync());
        if (_persisted.Name is not null && _persisted.Open)
        {
            // The previous activation died holding figures it had not written. Not awaited here: a child that
            // is waiting on this division (a project's prepare) must be answered while the rebuild asks it.
            _needsRebuild = true;
            _ = RebuildAsync();
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

    public Task<DivisionInfo?> GetInfoAsync() =>
        Task.FromResult(State.Name is null ? null : new DivisionInfo(Level, Code, State.Name, State.ParentCode, false));

    public Task<ChildSnapshot?> GetSnapshotAsync() => Task.FromResult(_ledger.Snapshot());

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

        if (_needsRebuild && !_rebuilding)
        {
            _ = RebuildAsync();
        }

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
        else if (!_publisher.InFlight && !_needsRebuild)
        {
            // Left by an activation that closed while its parent lacked its figures, now delivered.
            await _publisher.Retry.ClearAsync();
        }
    }

    /// <summary>Whether a code may be a child of this division.</summary>
    protected abstract bool IsChildCode(string childCode);

    /// <summary>The parent to push to, or null for the city.</summary>
    protected abstract IRollupParent? ParentGrain { get; }

    /// <summary>The child grain a rebuild asks for its figures.</summary>
    protected abstract IRollupChild ChildGrain(string childCode);

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

    /// <summary>Registers the division, or renames it; registering under another parent is a conflict.</summary>
    protected async Task<DivisionInfo> RegisterCoreAsync(string name, string? parentCode, string actor, Func<Task>? announce)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw DomainException.Invalid("name", "Name is required.");
        }

        if (State.Name is not null && State.ParentCode != parentCode)
        {
            throw DomainException.Conflict($"{Code} is already registered under {State.ParentCode}.");
        }

        var created = State.Name is null;
        if (created || State.Name != name)
        {
            var now = Time.GetUtcNow();
            Update(State with
            {
                Name = name,
                ParentCode = parentCode,
                Version = State.Version + 1,
                History = State.History.Add(new AuditEntry(now, actor, created ? $"registered {name}" : $"renamed to {name}")),
            });
            await EnsurePersistedAsync();
            SchedulePush();
        }

        if (announce is not null)
        {
            await announce();
        }

        return new DivisionInfo(Level, Code, name, parentCode, created);
    }

    /// <summary>Lists a child with no figures yet, so that a new county or town shows with zeros.</summary>
    protected async Task AddChildCoreAsync(string childCode, string name)
    {
        if (!IsChildCode(childCode))
        {
            throw DomainException.Conflict($"{childCode} does not belong to {Code}.");
        }

        if (State.Name is null)
        {
            throw DomainException.NotFound($"{Level} {Code} is not registered.");
        }

        if (_ledger.List(childCode, name))
        {
            await EnsurePersistedAsync();
        }
    }

    protected DivisionOverview Overview(PeriodQuery period, bool withProjects)
    {
        var (year, month) = period.Resolve(_ledger.Total, DateOnly.FromDateTime(Time.GetLocalNow().DateTime));
        return _ledger.Overview(year, month, withProjects);
    }

    private void EnsureChild(string childCode)
    {
        if (State.Name is null)
        {
            throw DomainException.NotFound($"{Level} {Code} is not registered.");
        }

        if (!IsChildCode(childCode))
        {
            throw DomainException.Conflict($"{childCode} does not belong to {Code}.");
        }
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
        if (!_ledger.Apply(snapshot))
        {
            return;
        }

        _changedSinceTick = true;
        if (snapshot.Origin is { } origin)
        {
            // Held recoverably from here on (the division is open), so this is where the figures have arrived.
            _acceptedOrigin = Earliest(_acceptedOrigin, origin);
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

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>Asks every known child for its figures: after a crash, what the division held in memory is gone.</summary>
    private async Task RebuildAsync()
    {
        _rebuilding = true;
        try
        {
            await _epoch.EnsureOpenAsync();
            var failed = 0;
            foreach (var chunk in State.Children.Keys.ToList().Chunk(16))
            {
                // Different children, each answering from its own state: safe side by side.
                var results = await Task.WhenAll(chunk.Select(PullAsync));
                failed += results.Count(ok => !ok);
            }

            _needsRebuild = failed > 0;
            Logger.LogInformation("{Level} {Code} rebuilt its figures from {Children} children ({Failed} did not answer)",
                Level, Code, State.Children.Count, failed);
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "{Level} {Code} could not rebuild its figures; the reminder will retry", Level, Code);
        }
        finally
        {
            _rebuilding = false;
        }
    }

    private async Task<bool> PullAsync(string childCode)
    {
        try
        {
            if (await ChildGrain(childCode).GetSnapshotAsync() is { } snapshot && snapshot.Code == childCode)
            {
                Apply(snapshot);
            }

            return true;
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "{Level} {Code} could not get the figures of {Child}", Level, Code, childCode);
            return false;
        }
    }

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

    /// <summary>Pushes the totals upward; bursts coalesce because only the latest version is sent.</summary>
    private void SchedulePush() => _ = _publisher.PublishAsync();

    private async Task SendUpwardAsync(DivisionState current)
    {
        var origin = _acceptedOrigin;
        _acceptedOrigin = null;
        try
        {
            await ParentGrain!.AcceptSnapshotAsync(new ChildSnapshot(Code, current.Name!, current.Version, _ledger.Total, Origin: origin));
        }
        catch
        {
            _acceptedOrigin = Earliest(_acceptedOrigin, origin);
            throw;
        }
    }
}
