using System.Collections.Immutable;
using Liandong.Grains.Infrastructure;
using Liandong.Grains.Reporting;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Liandong.Tasks;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Hierarchy;

/// <summary>A town or sub-district: holds each project's latest figures and pushes its sum to the county.</summary>
public sealed class TownGrain(
    [PersistentState("town", StorageNames.Main)] IPersistentState<DivisionState> state,
    TimeProvider time,
    ILogger<TownGrain> logger) : DivisionGrain(state, time, logger), ITownGrain
{
    private bool _toldReportDue;

    protected override DivisionLevel Level => DivisionLevel.Town;

    protected override IRollupParent? ParentGrain =>
        State.ParentCode is { } county ? GrainFactory.GetGrain<ICountyGrain>(county) : null;

    public async Task<DivisionInfo> RegisterAsync(string name, string countyCode, string actor)
    {
        if (!DivisionCodes.IsTown(Code))
        {
            throw DomainException.Invalid("code", $"{Code} is not a town code.");
        }

        InputLimits.EnsureText("name", name, InputLimits.MaxName, required: true);

        if (!DivisionCodes.TownBelongsTo(Code, countyCode))
        {
            throw DomainException.Invalid("countyCode", $"Town {Code} cannot belong to county {countyCode}: a town code starts with its county's.");
        }

        var county = GrainFactory.GetGrain<ICountyGrain>(countyCode);
        if (await county.GetInfoAsync() is null)
        {
            throw DomainException.NotFound($"County {countyCode} is not registered.");
        }

        return await RegisterCoreAsync(name, countyCode, actor, () => county.AddTownAsync(Code, name));
    }

    public Task PrepareAsync(string projectCode, long version) => PrepareCoreAsync(projectCode, version);

    public async Task<string> AllocateProjectCodeAsync()
    {
        if (State.Name is null)
        {
            throw DomainException.NotFound($"Town {Code} is not registered.");
        }

        var serial = State.ProjectSerial + 1;
        Update(State with { ProjectSerial = serial });
        await EnsurePersistedAsync();
        return $"LD-{Code}-{serial:D4}";
    }

    public Task<DivisionOverview> GetOverviewAsync(PeriodQuery period)
    {
        if (State.Name is null)
        {
            throw DomainException.NotFound($"Town {Code} is not registered.");
        }

        return Task.FromResult(Overview(period, withProjects: true));
    }

    public Task<ImmutableArray<ProjectRow>> GetMissingReportsAsync(int year, int month)
    {
        if (State.Name is null)
        {
            throw DomainException.NotFound($"Town {Code} is not registered.");
        }

        if (month is < 1 or > 12)
        {
            throw DomainException.Invalid("month", "Month must be between 1 and 12.");
        }

        return Task.FromResult(State.Children
            .Where(c => c.Value.Stage is ProjectStage.NewStart or ProjectStage.Continuing)
            .Select(c => (c.Key, c.Value, Year: c.Value.Figures.Year(year)))
            .Where(c => c.Year.AnnualPlan > 0m && c.Year.Reports[month - 1] == 0)
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new ProjectRow(c.Key, c.Value.Name, c.Value.Category ?? ProjectCategory.Infrastructure, c.Value.Stage!.Value,
                null, c.Year.YearToDate(month), c.Year.AnnualPlan))
            .ToImmutableArray());
    }

    /// <summary>
    /// Tells the county's monthly-report work (<see cref="IReportDueGrain"/>) when a project's report of the month now
    /// falling due arrives, and once per activation on the first figures taken in (a project registered, a restart).
    /// Not awaited: the county's durable tick asks again if this call is lost.
    /// </summary>
    protected override void ChildApplied(ChildEntry? before, ChildSnapshot snapshot)
    {
        if (State.ParentCode is not { } county)
        {
            return;
        }

        var today = DateOnly.FromDateTime(Time.GetLocalNow().DateTime);
        var due = new YearMonth(today.Year, today.Month).Previous;
        var arrived = Reported(snapshot.Figures, due) && (before is null || !Reported(before.Figures, due));
        if (_toldReportDue && !arrived)
        {
            return;
        }

        _toldReportDue = true;
        _ = TellReportDueAsync(county, due);
    }

    private static bool Reported(Figures figures, YearMonth month) =>
        figures.Year(month.Year).Reports is { IsDefaultOrEmpty: false } reports && reports.Length >= month.Month && reports[month.Month - 1] > 0;

    private async Task TellReportDueAsync(string county, YearMonth month)
    {
        try
        {
            await GrainFactory.GetGrain<IReportDueGrain>(county).TownChangedAsync(Code, month.Year, month.Month);
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "Town {Town} could not tell county {County} of a report of {Month}", Code, county, month);
        }
    }

    protected override IRollupChild ChildGrain(string childCode) => GrainFactory.GetGrain<IProjectGrain>(childCode);

    /// <summary>
    /// A project answers a rebuild from its stored state alone, so the town reads its projects' rows itself, a few
    /// hundred in one query, instead of activating each. A project whose row carries more than figures to publish
    /// (its factor needs, for the county's index) is still asked: its activation sends them again, as a push that
    /// died with the silo would have.
    /// </summary>
    protected override Func<IReadOnlyList<string>, Task<IReadOnlyDictionary<string, ChildSnapshot?>>> StoredChildren => ReadStoredProjectsAsync;

    private async Task<IReadOnlyDictionary<string, ChildSnapshot?>> ReadStoredProjectsAsync(IReadOnlyList<string> codes)
    {
        var ids = codes.ToDictionary(code => GrainFactory.GetGrain<IProjectGrain>(code).GetGrainId(), code => code);
        var rows = await StoredStates.ReadAsync<ProjectState>(ServiceProvider, StorageNames.Main, ProjectGrain.StateName, [.. ids.Keys]);
        var read = new Dictionary<string, ChildSnapshot?>(rows.Count, StringComparer.Ordinal);
        foreach (var (id, row) in rows)
        {
            if (!ProjectGrain.PublishesMoreThanFigures(row))
            {
                read[ids[id]] = ProjectGrain.StoredSnapshot(row);
            }
        }

        return read;
    }

    /// <summary>Any project may report to the town it registered under; the project checks the town exists.</summary>
    protected override bool IsChildCode(string childCode) => !string.IsNullOrEmpty(childCode);
}
