using System.Collections.Immutable;
using Liandong.Coordination;
using Liandong.Grains.Coordination;
using Liandong.Grains.Infrastructure;
using Liandong.Hierarchy;
using Liandong.Promotion;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liandong.Grains.Promotion;

/// <summary>
/// A lead (招商线索). Every change is persisted, then pushed with its version to the holders of its copies: its
/// county (its pipeline figures roll up there as one of the county's children until it is converted), the city's
/// lead index, its referrer, and, once converted, its project (which then carries the figures instead, while the
/// county's copy becomes empty). The sync reminder of <see cref="SyncedGrain{TState}"/> retries a lost push.
/// While it is open the lead also keeps a deadline reminder: each tick compares the clock with its deadlines and
/// persists (and so rolls up) a change of its overdue and stalled flags.
/// </summary>
public sealed class LeadGrain(
    [PersistentState("lead", StorageNames.Main)] IPersistentState<LeadState> state,
    TimeProvider time,
    IOptions<PromotionOptions> options,
    ILogger<LeadGrain> logger) : SyncedGrain<LeadState>(state, time, logger), ILeadGrain
{
    public const string DeadlineReminderName = "lead-deadlines";

    /// <summary>The actor recorded for what the deadline reminder does.</summary>
    public const string DeadlineActor = "system (deadline reminder)";

    private WakeUpReminder? _deadlineReminder;

    private WakeUpReminder DeadlineReminder => _deadlineReminder ??= new WakeUpReminder(this, DeadlineReminderName, options.Value.ReminderPeriod);

    public async Task<LeadView> CreateAsync(LeadDraft draft, string actor)
    {
        if (State.Created)
        {
            throw DomainException.Conflict($"Lead {Id} already exists.");
        }

        draft = draft with
        {
            Name = draft.Name?.Trim()!,
            Investor = draft.Investor?.Trim()!,
            IndustryChain = draft.IndustryChain?.Trim()!,
            ReferrerId = string.IsNullOrWhiteSpace(draft.ReferrerId) ? null : draft.ReferrerId.Trim(),
            ResponsibleLeaderId = string.IsNullOrWhiteSpace(draft.ResponsibleLeaderId) ? null : draft.ResponsibleLeaderId.Trim(),
        };
        LeadRules.Validate(draft, Today);
        if (!LeadIds.BelongsTo(Id, draft.CountyCode))
        {
            throw DomainException.Invalid("countyCode", $"Lead {Id} does not belong to division {draft.CountyCode}.");
        }

        // A city-level lead (the city's own teams, e.g. its airport economic zone) names the city as its division.
        var registered = DivisionCodes.IsCity(draft.CountyCode)
            ? await GrainFactory.GetGrain<ICityGrain>(draft.CountyCode).GetInfoAsync()
            : await GrainFactory.GetGrain<ICountyGrain>(draft.CountyCode).GetInfoAsync();
        if (registered is null)
        {
            throw DomainException.NotFound(PromotionRefusals.DivisionUnknown(draft.CountyCode, DivisionCodes.IsCity(draft.CountyCode)));
        }

        if (draft.ReferrerId is { } referrer && await GrainFactory.GetGrain<IReferrerGrain>(referrer).GetInfoAsync() is null)
        {
            throw DomainException.NotFound(PromotionRefusals.ReferrerUnknown(referrer));
        }

        if (draft.ResponsibleLeaderId is { } leaderId)
        {
            var leader = await GrainFactory.GetGrain<ILeaderGrain>(leaderId).GetInfoAsync()
                ?? throw DomainException.NotFound(PromotionRefusals.LeaderUnknown(leaderId));
            if (leader.CityCode != DivisionCodes.CityOf(draft.CountyCode))
            {
                throw DomainException.Invalid("responsibleLeaderId", PromotionRefusals.LeaderCity);
            }
        }

        var key = LeadNames.KeyOf(draft.Investor, draft.Name);
        var index = GrainFactory.GetGrain<ILeadIndexGrain>(DivisionCodes.CityOf(draft.CountyCode));
        await index.ReserveAsync(key, Id, draft.Name, draft.Investor);

        var now = Time.GetUtcNow();
        var next = State with
        {
            Draft = draft,
            DedupeKey = key,
            Stages = [new LeadStageEntry(LeadStage.Contact, draft.ReceivedDate, actor, now, null, null, null, null)],
            History = [new AuditEntry(now, actor, $"lead recorded: {draft.Investor} {draft.Name}, {draft.PlannedInvestment} 万元")],
        };
        var rules = await RulesAsync();
        next = WithFlags(next, rules);
        try
        {
            await CommitWithRemindersAsync(next);
        }
        catch
        {
            await index.ReleaseAsync(key, Id);
            throw;
        }

        logger.LogInformation("Lead {Lead} recorded in division {County}", Id, draft.CountyCode);
        return View(rules);
    }

    public async Task<LeadView> GetAsync()
    {
        EnsureCreated();
        return View(await RulesAsync());
    }

    public Task<LeadScope> GetScopeAsync()
    {
        EnsureCreated();
        return Task.FromResult(new LeadScope(State.Draft!.CountyCode, State.TownCode, State.Draft.ResponsibleLeaderId));
    }

    public async Task<LeadView> MoveAsync(StageMove move, string actor)
    {
        EnsureCreated();
        LeadRules.ValidateMove(State, move, Today);
        var rules = await RulesAsync();
        var now = Time.GetUtcNow();
        var entry = new LeadStageEntry(move.Stage, move.Date, actor, now, string.IsNullOrWhiteSpace(move.Note) ? null : move.Note.Trim(),
            move.SignedAmount, move.CreditCode is null ? null : CreditCodes(move.CreditCode), move.FundsArrived);
        var action = $"stage {LeadRules.Name(State.Stage)} → {LeadRules.Name(move.Stage)} on {move.Date:yyyy-MM-dd}"
            + (move.SignedAmount is { } amount ? $", signed {amount} 万元" : "")
            + (move.FundsArrived is { } funds ? $", funds arrived {funds} 万元" : "")
            + (entry.Note is { } note ? $": {note}" : "");
        await CommitWithRemindersAsync(WithFlags(State with
        {
            Stages = State.Stages.Add(entry),
            History = State.History.Add(new AuditEntry(now, actor, action)),
        }, rules));
        return View(rules);
    }

    public async Task<LeadView> FollowUpAsync(FollowUpKind kind, DateOnly date, string note, string actor)
    {
        EnsureCreated();
        if (string.IsNullOrWhiteSpace(note) || note.Length > PromotionLimits.MaxNote)
        {
            throw DomainException.Invalid("note", PromotionRefusals.FollowUpNote);
        }

        if (date < State.Draft!.ReceivedDate)
        {
            throw DomainException.Invalid("date", PromotionRefusals.FollowUpBeforeReceived(State.Draft.ReceivedDate));
        }

        if (date > Today)
        {
            throw DomainException.Invalid("date", PromotionRefusals.DateInFuture);
        }

        if (kind == FollowUpKind.Feedback && State.Draft.ReferrerId is null)
        {
            throw DomainException.Invalid("kind", PromotionRefusals.FeedbackWithoutReferrer);
        }

        var rules = await RulesAsync();
        var now = Time.GetUtcNow();
        await CommitWithRemindersAsync(WithFlags(State with
        {
            FollowUps = State.FollowUps.Add(new LeadFollowUp(kind, date, note.Trim(), actor, now)),
            History = State.History.Add(new AuditEntry(now, actor, $"follow-up ({kind.ToString().ToLowerInvariant()}) on {date:yyyy-MM-dd}")),
        }, rules));
        return View(rules);
    }

    public async Task<LeadView> ConvertAsync(LeadConversion conversion, string actor)
    {
        EnsureCreated();
        var draft = State.Draft!;
        if (State.ProjectCode is { } existing)
        {
            throw DomainException.Conflict(PromotionRefusals.Converted(existing));
        }

        if (State.Stage is < LeadStage.Registered or LeadStage.Dropped)
        {
            throw DomainException.Conflict(PromotionRefusals.NotYetRegistered(LeadRules.Name(State.Stage)));
        }

        if (!LeadIds.MayConvertInto(conversion.TownCode, draft.CountyCode))
        {
            throw DomainException.Invalid("townCode", PromotionRefusals.TownOutside(draft.CountyCode));
        }

        if (conversion.NationalCode
            && NationalProjectCodes.Problem(conversion.ProjectCode, DivisionCodes.CityOf(draft.CountyCode), Today.Year) is { } problem)
        {
            throw DomainException.Invalid("projectCode", PromotionRefusals.NationalCode(problem));
        }

        var project = GrainFactory.GetGrain<IProjectGrain>(conversion.ProjectCode);
        if (await project.ExistsAsync())
        {
            // Only a conversion of this lead cut short after the project registered may pick the project up again.
            var view = await project.GetAsync(PeriodQuery.Latest);
            if (view.LeadId != Id)
            {
                throw DomainException.Conflict(PromotionRefusals.ProjectExists(conversion.ProjectCode));
            }
        }
        else
        {
            var profile = new ProjectProfile(conversion.ProjectCode, draft.Name, conversion.TownCode, conversion.Category, draft.IndustryChain,
                conversion.Stage, conversion.TotalInvestment, conversion.AnnualPlans, conversion.StartDate, null);
            await project.RegisterAsync(profile, actor);
        }

        var now = Time.GetUtcNow();
        var next = State with
        {
            TownCode = conversion.TownCode,
            ProjectCode = conversion.ProjectCode,
            ProjectInvestment = conversion.TotalInvestment,
            History = State.History.Add(new AuditEntry(now, actor, $"converted into project {conversion.ProjectCode} in town {conversion.TownCode}")),
        };

        // The project learns its lead before the lead's write, so that a conversion cut short here is picked up by a retry.
        await project.AcceptLeadAsync(LinkOf(next with { Version = State.Version + 1 }));
        await CommitWithRemindersAsync(next);
        logger.LogInformation("Lead {Lead} converted into project {Project}", Id, conversion.ProjectCode);
        return View(await RulesAsync());
    }

    public Task<ChildSnapshot?> GetSnapshotAsync() =>
        Task.FromResult(State.Created ? CountySnapshot(State) : null);

    protected override async Task PushAsync(LeadState persisted, IReadOnlyCollection<string>? scope)
    {
        var draft = persisted.Draft!;
        var summary = Summary(persisted);

        // Different grains, none of which calls a lead back while it answers: safe side by side. A city-level lead
        // rolls up straight into its city.
        IRollupParent parent = DivisionCodes.IsCity(draft.CountyCode)
            ? GrainFactory.GetGrain<ICityGrain>(draft.CountyCode)
            : GrainFactory.GetGrain<ICountyGrain>(draft.CountyCode);
        var pushes = new List<Task>
        {
            parent.AcceptSnapshotAsync(CountySnapshot(persisted)),
            GrainFactory.GetGrain<ILeadIndexGrain>(DivisionCodes.CityOf(draft.CountyCode)).TrackAsync(summary),
            Tasks.TaskRules.PushAsync(GrainFactory, Tasks.TaskRules.OfLead(Id, persisted)),
        };
        if (draft.ReferrerId is { } referrer)
        {
            pushes.Add(GrainFactory.GetGrain<IReferrerGrain>(referrer).TrackLeadAsync(summary));
        }

        if (persisted.ProjectCode is { } project)
        {
            pushes.Add(GrainFactory.GetGrain<IProjectGrain>(project).AcceptLeadAsync(LinkOf(persisted)));
        }

        await Task.WhenAll(pushes);
    }

    protected override async Task OnReminderAsync(string reminderName)
    {
        if (reminderName != DeadlineReminderName)
        {
            return;
        }

        if (State.Created && !State.Closed)
        {
            var rules = await RulesAsync();
            var next = WithFlags(State, rules);
            if (next.Overdue != State.Overdue || next.Stalled != State.Stalled || next.OverdueSince != State.OverdueSince)
            {
                // OverdueSince alone changes when the city's rules move a missed deadline, or for a lead stored before it
                // was kept (its first tick then puts it in the work lists).
                var now = Time.GetUtcNow();
                var what = next.Overdue != State.Overdue
                    ? next.Overdue ? "overdue: a deadline passed" : "no longer overdue"
                    : next.Stalled != State.Stalled
                        ? next.Stalled ? $"signed and not started within {rules.StartWithinMonths} months" : "no longer stalled"
                        : $"overdue since {next.OverdueSince:yyyy-MM-dd}";
                await CommitWithRemindersAsync(next with { History = next.History.Add(new AuditEntry(now, DeadlineActor, what)) });
                logger.LogInformation("Lead {Lead}: {What}", Id, what);
            }
        }
        else
        {
            await DeadlineReminder.ClearAsync();
        }
    }

    /// <summary>The figures the county holds for the lead: its own until it is converted, then none (the project carries them).</summary>
    private ChildSnapshot CountySnapshot(LeadState s) =>
        new(Id, s.Draft!.Name, s.Version, Figures.Empty with
        {
            Promotion = s.ProjectCode is null ? LeadRules.Figures(s) : Liandong.Promotion.PromotionFigures.Empty,
        });

    private ProjectLeadLink LinkOf(LeadState s) => new(Id, s.Draft!.Name, s.Draft.ReferrerId, s.Version, LeadRules.Figures(s));

    /// <summary>Sets the overdue and stalled flags as of today; they are what rolls up (and what the work lists show).</summary>
    private LeadState WithFlags(LeadState s, PromotionRules rules)
    {
        var today = Today;
        var missed = LeadRules.Deadlines(s, rules, today).Where(d => d.Overdue).Select(d => (DateOnly?)d.Due).Min();
        return s with { Overdue = missed is not null, OverdueSince = missed, Stalled = LeadRules.IsStalled(s, rules, today) };
    }

    /// <summary>The rules in force in the lead's city (its command office's latest version, else the deployment's).</summary>
    private Task<PromotionRules> RulesAsync() =>
        GrainFactory.GetGrain<IPromotionRulesGrain>(DivisionCodes.CityOf(LeadIds.CountyOf(Id))).GetRulesAsync();

    /// <summary>Commits with the deadline reminder in step: kept while the lead is open, cleared once it is closed.</summary>
    private async Task CommitWithRemindersAsync(LeadState next)
    {
        if (!next.Closed)
        {
            await DeadlineReminder.EnsureAsync();
        }

        await CommitAsync(next);
        if (next.Closed)
        {
            await DeadlineReminder.ClearAsync();
        }
    }

    private void EnsureCreated()
    {
        if (!State.Created)
        {
            throw DomainException.NotFound($"Lead {Id} is not recorded.");
        }
    }

    private static string CreditCodes(string code) => Liandong.Finance.CreditCodes.Normalize(code);

    private LeadSummary Summary(LeadState s)
    {
        var d = s.Draft!;
        return new LeadSummary(Id, s.Version, d.CountyCode, d.Name, d.Investor, d.IndustryChain, d.Channel, s.Stage, s.StageDate,
            d.PlannedInvestment, s.SignedAmount, s.FundsArrived, s.Overdue, s.Stalled, d.ReferrerId, d.ResponsibleLeaderId,
            s.TownCode, s.ProjectCode, s.ProjectInvestment, s.DedupeKey, d.ReceivedDate);
    }

    private LeadView View(PromotionRules rules)
    {
        var s = State;
        var today = Today;
        var deadlines = LeadRules.Deadlines(s, rules, today);
        return new LeadView(Id, s.Draft!, s.Stage, s.Stages, s.FollowUps, deadlines, deadlines.Any(d => d.Overdue),
            LeadRules.IsStalled(s, rules, today), s.SignedAmount, s.FundsArrived, s.CreditCode, s.TownCode, s.ProjectCode, s.History, s.Version);
    }
}
