using System.Collections.Immutable;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Liandong.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liandong.Grains.Tasks;

/// <summary>A county's monthly-report tasks as last pushed: one entry per owner and task.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.PushedTask")]
public sealed record PushedTask([property: Id(0)] string Owner, [property: Id(1)] WorkTask Task);

/// <summary>What a county's report-due grain persists.</summary>
[GenerateSerializer, Alias("Liandong.ReportDueState")]
public sealed record ReportDueState
{
    /// <summary>Grows with every change of the tasks; every task pushed carries it.</summary>
    [Id(0)] public long Version { get; init; }

    /// <summary>The month whose reports the towns below were asked about (null: never asked).</summary>
    [Id(1)] public YearMonth? Month { get; init; }

    /// <summary>Each town's projects without that month's report, by town code.</summary>
    [Id(2)] public ImmutableDictionary<string, TownReportsDue> Towns { get; init; } = ImmutableDictionary<string, TownReportsDue>.Empty;

    /// <summary>The tasks last pushed (open or closed), by owner and task id: pushed again on every tick until replaced.</summary>
    [Id(3)] public ImmutableDictionary<string, PushedTask> Pushed { get; init; } = ImmutableDictionary<string, PushedTask>.Empty;
}

/// <summary>
/// A county's monthly reports as work (see <see cref="IReportDueGrain"/>). The towns answer from their projects'
/// snapshot report counts (<see cref="ITownGrain.GetMissingReportsAsync"/>), one call per town; no project is read. The
/// tasks are persisted before they are pushed, and a durable Orleans reminder (every
/// <see cref="NotificationOptions.SweepPeriod"/>) asks the towns again and pushes again, so the month's turn and the due
/// day move the tasks without anyone calling, and a push lost to a crash is repeated. Tasks of a month that is no
/// longer due are closed; the index ignores a push it already holds, so repeating costs no write there.
/// </summary>
public sealed class ReportDueGrain(
    [PersistentState("reportDue", StorageNames.Main)] IPersistentState<ReportDueState> state,
    TimeProvider time,
    IServiceProvider services,
    ILogger<ReportDueGrain> logger) : Grain, IReportDueGrain, IRemindable
{
    private const string TickReminder = "reports-due";

    private readonly HashSet<string> _changedTowns = new(StringComparer.Ordinal);

    private bool _ticking;

    private bool _townsQueued;

    private Task _turn = Task.CompletedTask;

    private string County => this.GetPrimaryKeyString();

    private DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public async Task<ImmutableArray<WorkTask>> RefreshAsync()
    {
        if (!DivisionCodes.IsCounty(County))
        {
            throw DomainException.Invalid("code", $"{County} is not a county code.");
        }

        ImmutableArray<WorkTask> open = [];
        await InTurnAsync(async () => open = await RefreshAllAsync());
        return open;
    }

    private async Task<ImmutableArray<WorkTask>> RefreshAllAsync()
    {
        var (month, due) = await DueAsync();
        var overview = await GrainFactory.GetGrain<ICountyGrain>(County).GetOverviewAsync(new PeriodQuery(month.Year, month.Month));
        var towns = await Task.WhenAll(overview.Children.Select(t => AskAsync(t.Code, t.Name, month)));
        await EnsureTickingAsync();
        return await ApplyAsync(month, due, towns.ToImmutableDictionary(t => t.Code, StringComparer.Ordinal));
    }

    /// <summary>
    /// A town's report of the month arrived. The call only notes the town and returns: a month's reports arrive by
    /// the thousand within minutes, so while one refresh of the county's tasks is running the towns that change wait
    /// together for the next one (one persisted change and one push for all of them). The durable tick asks every
    /// town again if a refresh fails.
    /// </summary>
    public Task TownChangedAsync(string townCode, int year, int month)
    {
        if (!DivisionCodes.TownBelongsTo(townCode, County))
        {
            throw DomainException.Invalid("townCode", $"Town {townCode} is not of county {County}.");
        }

        _changedTowns.Add(townCode);
        if (!_townsQueued)
        {
            _townsQueued = true;
            _ = InTurnAsync(RefreshChangedTownsAsync);
        }

        return Task.CompletedTask;
    }

    /// <summary>How long the towns that changed gather before the county asks them: reported work leaves the lists within it.</summary>
    public static readonly TimeSpan GatherFor = TimeSpan.FromSeconds(2);

    private async Task RefreshChangedTownsAsync()
    {
        // Lets the month's stream of reports gather first: at 100,000 projects a county refreshed after every report
        // wrote its state and pushed its towns' tasks hundreds of times a second.
        await Task.Delay(GatherFor);
        _townsQueued = false;
        var codes = _changedTowns.ToList();
        _changedTowns.Clear();
        try
        {
            var (due, date) = await DueAsync();
            if (state.State.Month != due)
            {
                // A new month (or the first call): every town is asked, not just these.
                await RefreshAllAsync();
                return;
            }

            var asked = await Task.WhenAll(codes.Select(async code =>
            {
                var name = state.State.Towns.TryGetValue(code, out var held) ? held.Name
                    : (await GrainFactory.GetGrain<ITownGrain>(code).GetInfoAsync())?.Name ?? code;
                return await AskAsync(code, name, due);
            }));
            await EnsureTickingAsync();
            await ApplyAsync(due, date, state.State.Towns.SetItems(asked.Select(t => KeyValuePair.Create(t.Code, t))));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "County {County} could not refresh the monthly-report tasks of {Towns}", County, string.Join(",", codes));
        }
    }

    /// <summary>
    /// Runs <paramref name="step"/> after every step queued before it, so a refresh never interleaves with another
    /// (the grain answers a town's call at once, and its refreshes run between other calls' turns).
    /// </summary>
    private Task InTurnAsync(Func<Task> step)
    {
        var before = _turn;
        _turn = RunAfterAsync(before, step);
        return _turn;

        static async Task RunAfterAsync(Task before, Func<Task> step)
        {
            try
            {
                await before;
            }
            catch
            {
                // The step before reported its own failure to its caller.
            }

            await step();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == TickReminder)
        {
            _ticking = true;
            await InTurnAsync(RefreshAllAsync);
        }
    }

    private async Task<(YearMonth Month, DateOnly Due)> DueAsync()
    {
        var book = await GrainFactory.GetGrain<ILightRuleGrain>(DivisionCodes.CityOf(County)).GetAsync();
        return TaskRules.MonthlyReportDue(book, Today);
    }

    private async Task<TownReportsDue> AskAsync(string code, string name, YearMonth month)
    {
        var missing = await GrainFactory.GetGrain<ITownGrain>(code).GetMissingReportsAsync(month.Year, month.Month);
        return new TownReportsDue(code, name, [.. missing.Select(p => p.Name)]);
    }

    /// <summary>
    /// Derives the tasks, persists those that changed under a new version, then pushes everything held: an index writes
    /// only what is newer than it holds, so the repeat costs calls, not writes, and mends a push lost to a crash.
    /// </summary>
    private async Task<ImmutableArray<WorkTask>> ApplyAsync(YearMonth month, DateOnly due, ImmutableDictionary<string, TownReportsDue> towns)
    {
        var current = state.State;
        var version = current.Version + 1;
        var ordered = towns.Values.OrderBy(t => t.Code, StringComparer.Ordinal).ToList();
        var derived = TaskRules.OfMonthlyReports(County, month, due, Today, ordered, version)
            .ToDictionary(t => t.Owner + "|" + t.Task.Id, t => new PushedTask(t.Owner, t.Task), StringComparer.Ordinal);

        // What was pushed before and is no longer derived (a past month's tasks) is closed.
        foreach (var (key, held) in current.Pushed)
        {
            if (!derived.ContainsKey(key) && held.Task.Open)
            {
                derived[key] = held with { Task = held.Task with { Open = false, Version = version } };
            }
        }

        // A task that did not change keeps its version, so pushing it again writes nothing at its index; closed tasks
        // of a past month, pushed before, are dropped here (that counts as a change once).
        var changed = derived.Count != current.Pushed.Count;
        foreach (var (key, task) in derived.ToList())
        {
            if (current.Pushed.TryGetValue(key, out var held) && Same(held.Task, task.Task))
            {
                derived[key] = held;
            }
            else
            {
                changed = true;
            }
        }

        if (changed || current.Month != month || !SameTowns(towns, current.Towns))
        {
            var next = current with
            {
                Version = changed ? version : current.Version,
                Month = month,
                Towns = towns,
                Pushed = changed ? derived.ToImmutableDictionary(StringComparer.Ordinal) : current.Pushed,
            };
            state.State = next;
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                state.State = current;
                throw;
            }
        }

        await TaskRules.PushAsync(GrainFactory, state.State.Pushed.Values.Select(p => (p.Owner, p.Task)));
        return [.. state.State.Pushed.Values.Where(p => p.Task.Open).Select(p => p.Task).OrderBy(t => t.Id, StringComparer.Ordinal)];
    }

    /// <summary>Equal but for the version.</summary>
    private static bool Same(WorkTask a, WorkTask b) => a with { Version = 0 } == b with { Version = 0 };

    private static bool SameTowns(ImmutableDictionary<string, TownReportsDue> a, ImmutableDictionary<string, TownReportsDue> b) =>
        a.Count == b.Count && a.All(t => b.TryGetValue(t.Key, out var other) && other.Name == t.Value.Name &&
            t.Value.Missing.AsSpan().SequenceEqual(other.Missing.AsSpan()));

    private async Task EnsureTickingAsync()
    {
        if (_ticking)
        {
            return;
        }

        var period = (services.GetService<IOptions<NotificationOptions>>()?.Value ?? new NotificationOptions()).SweepPeriod;
        await this.RegisterOrUpdateReminder(TickReminder, period, period);
        _ticking = true;
        logger.LogDebug("Monthly reports of county {County} are checked every {Period}", County, period);
    }
}
