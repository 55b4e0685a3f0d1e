using System.Collections.Immutable;
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
/// division writes itself <see cref="DivisionState.Open"/> under a new <see cref="DivisionState.Epoch"/> and
/// registers its <see cref="SyncReminder"/>; it writes its figures and closes again, removing the reminder,
/// once a reminder period passes without new figures, or when it deactivates.
/// If its silo dies meanwhile, the reminder activates it elsewhere, it finds itself open, and it rebuilds its
/// figures by asking each child for its own (<see cref="IRollupChild.GetSnapshotAsync"/>). New children,
/// registrations and renames are written at once: a rebuild can only ask the children it knows.
/// </para>
/// </remarks>
[Reentrant]
public abstract class DivisionGrain : Grain, IRemindable
{
    private readonly IPersistentState<DivisionState> _state;
    private readonly WriteBatcher _writer;
    private readonly Dictionary<string, (long Version, long Since)> _pending = new(StringComparer.Ordinal);
    private SyncReminder? _reminder;
    private DivisionState _persisted = DivisionState.Empty;
    private Figures _total = Figures.Empty;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private bool _open;
    private bool _changedSinceTick;
    private long _synced;
    private bool _pushing;
    private bool _pushAgain;
    private bool _needsRebuild;
    private bool _rebuilding;
    private bool _watching;
    private (int Year, int Month, bool WithProjects, DivisionOverview Overview)? _overview;

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

    protected DivisionState State => _state.State;

    private SyncReminder Reminder => _reminder ??= new SyncReminder(this);

    private bool ParentHasLatest => ParentGrain is null || State.Version <= _synced;

    /// <summary>Nothing is being recovered: no rebuild under way or owed, no announced figures outstanding.</summary>
    private bool Settled => _pending.Count == 0 && !_needsRebuild && !_rebuilding;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _persisted = _state.State ?? DivisionState.Empty;
        _total = _persisted.SumOfChildren();
        _synced = _persisted.SyncedVersion;
        if (_persisted.Name is not null && _persisted.Open)
        {
            // The previous activation died holding figures it had not written. Not awaited here: a child that
            // is waiting on this division (a project's prepare) must be answered while the rebuild asks it.
            _needsRebuild = true;
            _ = RebuildAsync();
        }
        else if (_persisted.Name is not null && _persisted.Version > _synced)
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
        if (State.Open != open || !ReferenceEquals(_state.State, _persisted))
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
                _open = false;
                await _state.ReadStateAsync();
                _state.State = (_state.State ?? DivisionState.Empty) with { Open = true };
                await _state.WriteStateAsync();
                return;
            }
        }

        // The reminder stays while the parent may not hold the latest figures: it wakes this division to push them.
        if (_open && !open && ParentHasLatest)
        {
            await Reminder.ClearAsync();
        }

        _open = false;
    }

    public Task<DivisionInfo?> GetInfoAsync() =>
        Task.FromResult(State.Name is null ? null : new DivisionInfo(Level, Code, State.Name, State.ParentCode, false));

    public Task<ChildSnapshot?> GetSnapshotAsync() =>
        Task.FromResult(State.Name is null ? null : new ChildSnapshot(Code, State.Name, State.Version, _total));

    public async Task AcceptSnapshotAsync(ChildSnapshot snapshot)
    {
        EnsureChild(snapshot.Code);
        await EnsureKnownAndOpenAsync(snapshot.Code, snapshot.Name);
        Apply(snapshot);
        if (_pending.TryGetValue(snapshot.Code, out var pending) && pending.Version <= snapshot.Version)
        {
            _pending.Remove(snapshot.Code);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != SyncReminder.Name)
        {
            return;
        }

        if (_needsRebuild && !_rebuilding)
        {
            _ = RebuildAsync();
        }

        if (_pending.Count > 0)
        {
            WatchPending();
        }

        var quiet = !_changedSinceTick;
        _changedSinceTick = false;
        if (State.Version > _synced && ParentGrain is not null)
        {
            SchedulePush();
        }
        else if (_open)
        {
            // A whole period without new figures: write them and close, so that the reminder can go.
            if (quiet)
            {
                await CloseAsync();
            }
        }
        else if (!_pushing && !_needsRebuild)
        {
            // Left by an activation that closed while its parent lacked its figures, now delivered.
            await Reminder.ClearAsync();
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
        if (!_pending.TryGetValue(childCode, out var pending) || pending.Version < version)
        {
            _pending[childCode] = (version, Environment.TickCount64);
        }

        WatchPending();
    }

    protected void Update(DivisionState next)
    {
        _state.State = next;
        _overview = null;
    }

    protected async Task EnsurePersistedAsync()
    {
        if (!ReferenceEquals(_state.State, _persisted))
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

        State.Children.TryGetValue(childCode, out var existing);
        if (existing is null || existing.Name != name)
        {
            var entry = existing is null ? new ChildEntry(name, 0, Figures.Empty, null, null) : existing with { Name = name };
            Update(State with { Children = State.Children.SetItem(childCode, entry) });
            await EnsurePersistedAsync();
        }
    }

    protected DivisionOverview Overview(PeriodQuery period, bool withProjects)
    {
        var (year, month) = period.Resolve(_total, DateOnly.FromDateTime(Time.GetLocalNow().DateTime));

        // Overviews are read far more often than a division changes: the last one is kept until the state changes.
        if (_overview is not { } cached || cached.Year != year || cached.Month != month || cached.WithProjects != withProjects)
        {
            cached = (year, month, withProjects, BuildOverview(year, month, withProjects));
            _overview = cached;
        }

        // After a crash the totals are partial until every child has answered the rebuild: say so.
        return _needsRebuild || _rebuilding ? cached.Overview with { Rebuilding = true } : cached.Overview;
    }

    private DivisionOverview BuildOverview(int year, int month, bool withProjects)
    {
        var children = State.Children
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        var childTotals = withProjects
            ? []
            : children.Select(c => new ChildTotals(c.Key, c.Value.Name, Totals.From(c.Value.Figures, year, month))).ToImmutableArray();
        var projects = withProjects
            ? children.Select(c => ProjectRowOf(c.Key, c.Value, year, month)).ToImmutableArray()
            : [];
        return new DivisionOverview(Level, Code, State.Name!, State.ParentCode, Totals.From(_total, year, month), childTotals, projects)
        {
            Finance = _total.Finance,
            Factors = _total.Factors,
        };
    }

    private static ProjectRow ProjectRowOf(string code, ChildEntry entry, int year, int month)
    {
        var y = entry.Figures.Year(year);
        var light = y.Red[month - 1] > 0 ? Light.Red : y.Yellow[month - 1] > 0 ? Light.Yellow : y.Green[month - 1] > 0 ? Light.Green : (Light?)null;
        return new ProjectRow(code, entry.Name, entry.Category ?? ProjectCategory.Infrastructure, entry.Stage ?? ProjectStage.Reserve,
            light, y.YearToDate(month), y.AnnualPlan);
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
        if (!State.Children.ContainsKey(childCode))
        {
            Update(State with { Children = State.Children.SetItem(childCode, new ChildEntry(name, 0, Figures.Empty, null, null)) });
            await EnsurePersistedAsync();
        }

        await EnsureOpenAsync();
    }

    /// <summary>Takes a child's snapshot into the totals, in memory, unless it is stale or a repeat.</summary>
    private void Apply(ChildSnapshot snapshot)
    {
        var children = State.Children;
        children.TryGetValue(snapshot.Code, out var existing);
        if (existing is not null && existing.Version >= snapshot.Version)
        {
            return;
        }

        var entry = new ChildEntry(snapshot.Name, snapshot.Version, snapshot.Figures, snapshot.Category, snapshot.Stage);
        _total = _total.Subtract(existing?.Figures ?? Figures.Empty).Add(snapshot.Figures);
        Update(State with { Children = children.SetItem(snapshot.Code, entry), Version = State.Version + 1 });
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

    private Task EnsureOpenAsync() => _open ? Task.CompletedTask : OpenAsync();

    /// <summary>Writes the division open under a new epoch and registers the reminder that recovers it if its silo dies.</summary>
    private async Task OpenAsync()
    {
        // Opening and closing take turns: figures that arrive while the division closes wait, then reopen it.
        await _lifecycle.WaitAsync();
        try
        {
            if (_open)
            {
                return;
            }

            var epoch = State.Epoch + 1;
            Update(State with { Open = true, Epoch = epoch, Version = Math.Max(State.Version, epoch << 32) });
            await _writer.WriteAsync();
            await Reminder.EnsureAsync();
            _open = true;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Writes every figure held in memory and marks the division closed; then no crash can lose them and the reminder goes.</summary>
    private async Task CloseAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            if (!_open || !Settled)
            {
                return;
            }

            _open = false;
            Update(State with { Open = false });
            try
            {
                await _writer.WriteAsync();
            }
            catch
            {
                // Still open in storage as in memory: the figures stay covered.
                Update(State with { Open = true });
                _open = true;
                throw;
            }

            if (ParentHasLatest)
            {
                await Reminder.ClearAsync();
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Asks every known child for its figures: after a crash, what the division held in memory is gone.</summary>
    private async Task RebuildAsync()
    {
        _rebuilding = true;
        try
        {
            await EnsureOpenAsync();
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

    /// <summary>While announced versions are outstanding, asks their children for what they persisted once they are overdue.</summary>
    private void WatchPending()
    {
        if (_watching || _pending.Count == 0)
        {
            return;
        }

        _watching = true;
        _ = WatchPendingAsync();
    }

    private async Task WatchPendingAsync()
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
                    if (await PullAsync(code) && _pending.TryGetValue(code, out var pending) && pending.Version <= version)
                    {
                        _pending.Remove(code);
                    }
                }
            }
        }
        finally
        {
            _watching = false;
        }
    }

    private async Task WriteAsync()
    {
        var writing = _state.State with { SyncedVersion = _synced };
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
    private void SchedulePush()
    {
        if (ParentGrain is null)
        {
            return;
        }

        if (_pushing)
        {
            _pushAgain = true;
            return;
        }

        _pushing = true;
        _ = PushLoopAsync();
    }

    private async Task PushLoopAsync()
    {
        try
        {
            do
            {
                _pushAgain = false;
                var current = State;
                if (ParentGrain is not { } parent || current.Version <= _synced || current.Name is null)
                {
                    break;
                }

                var origin = _acceptedOrigin;
                _acceptedOrigin = null;
                try
                {
                    await parent.AcceptSnapshotAsync(new ChildSnapshot(Code, current.Name, current.Version, _total, Origin: origin));
                }
                catch
                {
                    _acceptedOrigin = Earliest(_acceptedOrigin, origin);
                    throw;
                }

                _synced = Math.Max(_synced, current.Version);
            }
            while (_pushAgain);
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "{Level} {Code} could not push its totals upward; the reminder will retry", Level, Code);
        }
        finally
        {
            _pushing = false;
        }
    }
}
