using System.Collections.Immutable;
using Liandong.Hierarchy;
using Liandong.Promotion;
using Liandong.Reporting;

namespace Liandong.Grains.Promotion;

/// <summary>What a list application persists.</summary>
[GenerateSerializer, Alias("Liandong.ListApplicationState")]
public sealed record ListApplicationState
{
    [Id(0)] public ListApplicationView? View { get; init; }

    [Id(1)] public ImmutableArray<AuditEntry> History { get; init; } = [];
}

/// <summary>
/// A project's application to a key list (盘子). Its checks are read from the project's preparation record when it
/// is drafted and again when it is submitted; the city decides. Each change is persisted, then given to the project
/// (which counts included applications in its totals); a failed hand-over is retried on the next call or read.
/// </summary>
public sealed class ListApplicationGrain(
    [PersistentState("list-application", StorageNames.Main)] IPersistentState<ListApplicationState> state,
    TimeProvider time) : Grain, IListApplicationGrain
{
    private string Id => this.GetPrimaryKeyString();

    private DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public async Task<ListApplicationView> CreateAsync(string projectCode, KeyList list, int year, KeyListKind kind, string actor)
    {
        if (state.State.View is not null)
        {
            throw DomainException.Conflict(PromotionRefusals.ListDuplicate(projectCode, list.ToString().ToLowerInvariant(), year, Id));
        }

        if (year < 2000 || year > Today.Year + 1)
        {
            throw DomainException.Invalid("year", PromotionRefusals.ListYearMax(Today.Year + 1));
        }

        if (Id != ListApplicationIds.Of(list, year, projectCode))
        {
            throw DomainException.Invalid("id", "The application id does not match its list, year and project.");
        }

        var project = await GrainFactory.GetGrain<IProjectGrain>(projectCode).GetAsync(PeriodQuery.Latest);
        var view = new ListApplicationView(Id, projectCode, project.Profile.TownCode, list, year, kind, ListApplicationStatus.Draft,
            KeyListRules.Checks(project, year, kind, Today), null, null, 1);
        await WriteAsync(view, actor, "drafted");
        return view;
    }

    public async Task<ListApplicationView> GetAsync()
    {
        var view = state.State.View ?? throw DomainException.NotFound($"List application {Id} does not exist.");
        await GrainFactory.GetGrain<IProjectGrain>(view.ProjectCode).AcceptListApplicationAsync(view);
        return view;
    }

    public async Task<ListApplicationView> SubmitAsync(string actor)
    {
        var current = state.State.View ?? throw DomainException.NotFound($"List application {Id} does not exist.");
        if (current.Status != ListApplicationStatus.Draft)
        {
            throw DomainException.Conflict(PromotionRefusals.ListNotDraft(current.Status.ToString()));
        }

        var project = await GrainFactory.GetGrain<IProjectGrain>(current.ProjectCode).GetAsync(PeriodQuery.Latest);
        var checks = KeyListRules.Checks(project, current.Year, current.Kind, Today);
        var failed = checks.Where(c => !c.Ok).ToList();
        if (failed.Count > 0)
        {
            // A refused request changes nothing: the draft keeps its checks, the answer names what is missing now.
            throw DomainException.Conflict(PromotionRefusals.ListNotReady(string.Join("; ", failed.Select(c => $"{c.Check}: {c.Detail}")),
                string.Join(',', failed.Select(c => c.Check))));
        }

        var next = current with { Checks = checks, Status = ListApplicationStatus.Submitted, Version = current.Version + 1 };
        await WriteAsync(next, actor, "submitted");
        return next;
    }

    public async Task<ListApplicationView> DecideAsync(bool included, DateOnly date, string? note, string actor)
    {
        var current = state.State.View ?? throw DomainException.NotFound($"List application {Id} does not exist.");
        if (current.Status != ListApplicationStatus.Submitted)
        {
            throw DomainException.Conflict(PromotionRefusals.ListNotSubmitted(current.Status.ToString()));
        }

        if (date > Today)
        {
            throw DomainException.Invalid("date", PromotionRefusals.DateInFuture);
        }

        if (note is { Length: > PromotionLimits.MaxNote })
        {
            throw DomainException.Invalid("note", PromotionRefusals.NoteAtMost);
        }

        var next = current with
        {
            Status = included ? ListApplicationStatus.Included : ListApplicationStatus.NotIncluded,
            DecisionDate = date,
            DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            Version = current.Version + 1,
        };
        await WriteAsync(next, actor, included ? "included" : "not included");
        return next;
    }

    private async Task WriteAsync(ListApplicationView view, string actor, string action)
    {
        state.State = state.State with
        {
            View = view,
            History = state.State.History.Add(new AuditEntry(time.GetUtcNow(), actor, action)),
        };
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IProjectGrain>(view.ProjectCode).AcceptListApplicationAsync(view);
    }
}

/// <summary>The readiness checks a key list demands, read from a project's preparation record (docs/promotion.md "Key lists").</summary>
public static class KeyListRules
{
    private const string ProjectCode = KeyListChecks.ProjectCode;
    private const string Approval = KeyListChecks.Approval;
    private const string Land = KeyListChecks.Land;
    private const string EnvironmentalAssessment = KeyListChecks.EnvironmentalAssessment;
    private const string Funds = KeyListChecks.Funds;
    private const string PlannedStart = KeyListChecks.PlannedStart;

    public static ImmutableArray<ReadinessCheck> Checks(ProjectView project, int year, KeyListKind kind, DateOnly today)
    {
        var p = project.Preparation;
        var city = DivisionCodes.CityOf(project.Profile.CountyCode);
        var code = p?.NationalCode ?? project.Profile.Code;
        var codeProblem = NationalProjectCodes.Rule(code, city, today.Year);
        var plan = project.Profile.PlanFor(year);
        var needed = plan > 0m ? plan : project.Profile.TotalInvestment;
        var start = p?.PlannedStart ?? project.Profile.StartDate;
        var (startOk, startDetail) = kind switch
        {
            KeyListKind.NewStart => (start is { } s && s.Year == year, start is { } planned ? PromotionRefusals.CheckPlannedStart(planned, year) : PromotionRefusals.CheckNoPlannedStart),
            KeyListKind.Continuing => (start is { } s && s <= today, start is { } started ? PromotionRefusals.CheckStarted(started) : PromotionRefusals.CheckNoStart),
            _ => (true, PromotionRefusals.CheckPreparatory),
        };
        return
        [
            ReadinessCheck.Of(ProjectCode, codeProblem is null, codeProblem ?? PromotionRefusals.CheckCode(code)),
            ReadinessCheck.Of(Approval, p is not null && p.Approval != ApprovalKind.None, p is null ? PromotionRefusals.CheckNoApproval : PromotionRefusals.CheckApproval(p.Approval)),
            ReadinessCheck.Of(Land, p?.LandSecured == true, PromotionRefusals.CheckLand(p?.LandSecured == true)),
            ReadinessCheck.Of(EnvironmentalAssessment, p?.EnvironmentalAssessment == true, PromotionRefusals.CheckEnvironment(p?.EnvironmentalAssessment == true)),
            ReadinessCheck.Of(Funds, p is not null && p.FundsSecured >= needed, PromotionRefusals.CheckFunds(p?.FundsSecured ?? 0m, needed)),
            ReadinessCheck.Of(PlannedStart, startOk, startDetail),
        ];
    }
}
