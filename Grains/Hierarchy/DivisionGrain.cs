using System.Collections.Immutable;
using Liandong.Grains.Infrastructure;
using Liandong.Grains.Telemetry;
using Orleans.Concurrency;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Hierarchy;

/// <summary>
/// What cities, counties and towns share: they keep each child's latest versioned snapshot, their totals
/// are the sum of those snapshots, and they push their own figures to their parent once persisted.
/// </summary>
/// <remarks>
/// Reentrant so that snapshots arriving while a write is in flight are folded into the next write instead
/// of queueing behind it; every turn mutates state synchronously, so interleaving at awaits is safe.
/// </remarks>
[Reentrant]
public abstract class DivisionGrain : Grain, IRemindable
{
    private readonly IPersistentState<DivisionState> _state;
    private readonly WriteBatcher _writer;
    private SyncReminder? _reminder;
    private DivisionState _persisted = DivisionState.Empty;
    private Figures _persistedTotal = Figures.Empty;
    private Figures _total = Figures.Empty;
    private long _synced;
    private bool _pushing;
    private bool _pushAgain;

    // The oldest acknowledged project write among the changes not yet written, and not yet pushed: kept in
    // memory only (a push retried after a crash carries no origin), so measuring costs no write.
    private DateTimeOffset? _acceptedOrigin;
    private DateTimeOffset? _persistedOrigin;

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

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _persisted = _state.State ?? DivisionState.Empty;
        _total = _persistedTotal = _persisted.SumOfChildren();
        _synced = _persisted.SyncedVersion;
        if (_persisted.Name is not null && _persisted.Version > _synced)
        {
            SchedulePush();
        }

        return Task.CompletedTask;
    }

    public Task<DivisionInfo?> GetInfoAsync() =>
        Task.FromResult(State.Name is null ? null : new DivisionInfo(Level, Code, State.Name, State.ParentCode, false));

    public async Task AcceptSnapshotAsync(ChildSnapshot snapshot)
    {
        if (State.Name is null)
        {
            throw DomainException.NotFound($"{Level} {Code} is not registered.");
        }

        if (!IsChildCode(snapshot.Code))
        {
            throw DomainException.Conflict($"{snapshot.Code} does not belong to {Code}.");
        }

        var children = State.Children;
        children.TryGetValue(snapshot.Code, out var existing);
        var applied = existing is null || existing.Version < snapshot.Version;
        if (applied)
        {
            var entry = new ChildEntry(snapshot.Name, snapshot.Version, snapshot.Figures, snapshot.Category, snapshot.Stage);
            _total = _total.Subtract(existing?.Figures ?? Figures.Empty).Add(snapshot.Figures);
            Update(State with { Children = children.SetItem(snapshot.Code, entry), Version = State.Version + 1 });
            _acceptedOrigin = Earliest(_acceptedOrigin, snapshot.Origin);
        }

        // Confirm only what is durable: a repeat of a change still in flight waits for that write too.
        await EnsurePersistedAsync();
        if (applied && snapshot.Origin is { } origin)
        {
            LiandongMetrics.RollupApplied(MetricPlace.OfCounty(CountyOf(snapshot.Code)), Level, origin, Time.GetUtcNow());
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != SyncReminder.Name)
        {
            return;
        }

        if (_persisted.Version > _synced && ParentGrain is not null)
        {
            SchedulePush();
        }
        else if (!_pushing)
        {
            await Reminder.ClearAsync();
        }
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

    /// <summary>Whether a code may be a child of this division.</summary>
    protected abstract bool IsChildCode(string childCode);

    /// <summary>The parent to push to, or null for the city.</summary>
    protected abstract IRollupParent? ParentGrain { get; }

    protected void Update(DivisionState next) => _state.State = next;

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

    private async Task WriteAsync()
    {
        var writing = _state.State with { SyncedVersion = _synced };
        var total = _total;
        var origin = _acceptedOrigin;
        _acceptedOrigin = null;
        _state.State = writing;
        var needsPush = ParentGrain is not null && writing.Version > _synced;
        try
        {
            if (needsPush)
            {
                await _state.WriteStateAsync();
                await Reminder.EnsureAsync();
            }
            else
            {
                await _state.WriteStateAsync();
            }
        }
        catch
        {
            _acceptedOrigin = Earliest(_acceptedOrigin, origin);
            throw;
        }

        _persisted = writing;
        _persistedTotal = total;
        _persistedOrigin = Earliest(_persistedOrigin, origin);
        if (needsPush)
        {
            SchedulePush();
        }
    }

    /// <summary>Pushes the persisted totals upward; bursts coalesce because only the latest persisted version is sent.</summary>
    private void SchedulePush()
    {
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
                var persisted = _persisted;
                if (ParentGrain is not { } parent || persisted.Version <= _synced || persisted.Name is null)
                {
                    break;
                }

                var origin = _persistedOrigin;
                _persistedOrigin = null;
                try
                {
                    await parent.AcceptSnapshotAsync(new ChildSnapshot(Code, persisted.Name, persisted.Version, _persistedTotal, Origin: origin));
                }
                catch
                {
                    _persistedOrigin = Earliest(_persistedOrigin, origin);
                    throw;
                }

                _synced = Math.Max(_synced, persisted.Version);
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
