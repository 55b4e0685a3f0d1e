using System.Collections.Immutable;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Liandong.Grains.Infrastructure;
using Liandong.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liandong.Grains.Coordination;

/// <summary>
/// A matter (事项): raised to the level above, answered by each department assigned, resolved or reopened by the
/// raiser. While it waits for answers below the top of its ladder it keeps a durable reminder; on each tick (and on
/// each read) it compares the clock with its deadlines and climbs one level for each deadline that passed, each level
/// at most once, because the escalations are part of its persisted state.
/// </summary>
public sealed class MatterGrain(
    [PersistentState("matter", StorageNames.Main)] IPersistentState<MatterState> state,
    TimeProvider time,
    IOptions<MatterEscalationOptions> options,
    ILogger<MatterGrain> logger) : SyncedGrain<MatterState>(state, time, logger), IMatterGrain
{
    public const string EscalationReminderName = "matter-escalation";

    /// <summary>The actor recorded for what the reminder does.</summary>
    public const string EscalationActor = "system (escalation reminder)";

    private WakeUpReminder? _escalationReminder;

    private MatterEscalationOptions Options => options.Value;

    private WakeUpReminder EscalationReminder => _escalationReminder ??= new WakeUpReminder(this, EscalationReminderName, Options.ReminderPeriod);

    public async Task<MatterView> RaiseAsync(MatterDraft draft, string actor)
    {
        if (State.Raised)
        {
            throw DomainException.Conflict($"Matter {Id} already exists.");
        }

        var departmentIds = MatterRules.CheckFields(draft);
        var raiser = await ResolveRaiserAsync(draft);
        var city = DivisionCodes.CityOf(raiser.Division);

        var allowed = new[] { DivisionCodes.ParentOf(raiser.Division), city };
        if (raiser.ProjectRaised)
        {
            // A project raises to its town, the level right above it, or straight to the city.
            allowed = [raiser.Division, city];
        }

        if (!allowed.Contains(draft.AddressedTo))
        {
            throw DomainException.Invalid("addressedTo",
                CoordinationRefusals.AddressedToLevel(draft.RaisedBy, string.Join(" or ", allowed.Distinct())));
        }

        for (var i = 0; i < departmentIds.Length; i++)
        {
            if (Ids.CityOfDepartment(departmentIds[i]) != city)
            {
                throw DomainException.Invalid($"departments[{i}]", CoordinationRefusals.DepartmentOtherCity(departmentIds[i], city));
            }
        }

        // Read-only look-ups of distinct grains, none of which calls a matter: safe to run side by side.
        var departmentsTask = Task.WhenAll(departmentIds.Select(d => GrainFactory.GetGrain<IDepartmentGrain>(d).GetInfoAsync()));
        var meetingTask = draft.MeetingId is { } m ? GrainFactory.GetGrain<IMeetingGrain>(m).GetInfoAsync() : Task.FromResult<MeetingInfo?>(null);
        var visitTask = draft.VisitId is { } v ? GrainFactory.GetGrain<IVisitGrain>(v).GetInfoAsync() : Task.FromResult<VisitInfo?>(null);
        var departments = await departmentsTask;
        var meeting = await meetingTask;
        var visit = await visitTask;

        for (var i = 0; i < departments.Length; i++)
        {
            if (departments[i] is null)
            {
                throw DomainException.NotFound(CoordinationRefusals.DepartmentUnknown(departmentIds[i]));
            }
        }

        if (draft.MeetingId is not null)
        {
            if (meeting is null)
            {
                throw DomainException.NotFound(CoordinationRefusals.MeetingUnknown(draft.MeetingId));
            }

            if (!DivisionCodes.IsWithin(raiser.Division, meeting.CountyCode))
            {
                throw DomainException.Invalid("raisedBy", CoordinationRefusals.MeetingOtherCounty(meeting.Id, meeting.CountyCode, draft.RaisedBy));
            }
        }

        if (draft.VisitId is not null)
        {
            if (visit is null)
            {
                throw DomainException.NotFound(CoordinationRefusals.VisitUnknown(draft.VisitId));
            }

            if (visit.CityCode != city)
            {
                throw DomainException.Invalid("visitId", CoordinationRefusals.VisitOtherCity(visit.Id, visit.CityCode, city));
            }
        }

        var now = Time.GetUtcNow();
        var next = State with
        {
            Title = draft.Title.Trim(),
            Detail = string.IsNullOrWhiteSpace(draft.Detail) ? null : draft.Detail.Trim(),
            RaisedBy = draft.RaisedBy,
            RaisedByName = raiser.Name,
            ProjectCode = raiser.ProjectCode,
            ProjectName = raiser.ProjectName,
            AddressedTo = draft.AddressedTo,
            Ladder = DivisionCodes.SelfAndAncestors(draft.AddressedTo),
            Jurisdictions = DivisionCodes.SelfAndAncestors(raiser.Division),
            MeetingId = draft.MeetingId,
            VisitId = draft.VisitId,
            DueDate = draft.DueDate,
            RaisedAt = now,
            Departments = departments.Select(d => new AssignedDepartment(d!.Id, d.Name, [])).ToImmutableArray(),
            Status = MatterStatus.Open,
            History = [new AuditEntry(now, actor, $"raised by {draft.RaisedBy} {raiser.Name} to {draft.AddressedTo}, due {draft.DueDate:yyyy-MM-dd}, assigned to {string.Join("、", departments.Select(d => d!.Name))}: {draft.Title.Trim()}")],
        };

        await CommitWithRemindersAsync(next);
        Logger.LogInformation("Matter {Matter} raised by {RaisedBy} to {AddressedTo}", Id, draft.RaisedBy, draft.AddressedTo);
        LiandongMetrics.MatterOpened(Place);
        return View();
    }

    public async Task<MatterView> GetAsync()
    {
        EnsureRaised();
        await EscalateIfDueAsync();
        return View();
    }

    public Task<MatterScope> GetScopeAsync()
    {
        EnsureRaised();
        return Task.FromResult(new MatterScope(State.RaisedBy, State.ProjectCode, State.AddressedTo, [.. State.Departments.Select(d => d.Id)]));
    }

    public async Task<MatterView> CheckEscalationAsync()
    {
        EnsureRaised();
        await EscalateIfDueAsync();
        return View();
    }

    public async Task<MatterView> AnswerAsync(string departmentId, string text, string actor)
    {
        EnsureRaised();
        if (string.IsNullOrWhiteSpace(departmentId))
        {
            throw DomainException.Invalid("departmentId", CoordinationRefusals.AnsweringDepartment);
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > MatterRules.MaxText)
        {
            throw DomainException.Invalid("text", CoordinationRefusals.AnswerRequired(MatterRules.MaxText));
        }

        if (State.Status == MatterStatus.Resolved)
        {
            throw DomainException.Conflict(CoordinationRefusals.ResolvedNoAnswers(Id));
        }

        var index = State.Departments.IndexOf(State.Departments.FirstOrDefault(d => d.Id == departmentId)!);
        if (index < 0)
        {
            throw DomainException.Conflict(CoordinationRefusals.NotAssigned(Id, departmentId));
        }

        text = text.Trim();
        var department = State.Departments[index];
        if (department.Answers.LastOrDefault() is { } last && last.Round == State.Round && last.Text == text)
        {
            // The same answer again: acknowledged, nothing changes.
            return View();
        }

        var now = Time.GetUtcNow();
        var departments = State.Departments.SetItem(index, department with { Answers = department.Answers.Add(new AnswerRecord(text, now, actor, State.Round)) });
        var everyoneAnswered = departments.All(d => d.HasAnsweredRound(State.Round));
        var status = MatterRules.AwaitsAnswers(State.Status) && everyoneAnswered ? MatterStatus.Answered : State.Status;
        var action = department.HasAnsweredRound(State.Round) ? $"answer revised by {departmentId} {department.Name}" : $"answered by {departmentId} {department.Name}";
        if (status != State.Status)
        {
            action += "; every department has answered";
        }

        await CommitWithRemindersAsync(State with
        {
            Departments = departments,
            Status = status,
            History = State.History.Add(new AuditEntry(now, actor, action)),
        });
        LiandongMetrics.MatterAnswered(Place);
        return View();
    }

    public async Task<MatterView> ResolveAsync(string? note, string actor)
    {
        EnsureRaised();
        if (note is { Length: > MatterRules.MaxText })
        {
            throw DomainException.Invalid("note", CoordinationRefusals.NoteAtMost(MatterRules.MaxText));
        }

        if (State.Status == MatterStatus.Resolved)
        {
            throw DomainException.Conflict(CoordinationRefusals.AlreadyResolved(Id));
        }

        var now = Time.GetUtcNow();
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        await CommitWithRemindersAsync(State with
        {
            Status = MatterStatus.Resolved,
            Resolution = new MatterResolution(note, now, actor),
            History = State.History.Add(new AuditEntry(now, actor, note is null ? "resolved" : $"resolved: {note}")),
        });
        LiandongMetrics.MatterResolved(Place);
        return View();
    }

    public async Task<MatterView> ReopenAsync(string reason, DateOnly? dueDate, string actor)
    {
        EnsureRaised();
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MatterRules.MaxText)
        {
            throw DomainException.Invalid("reason", CoordinationRefusals.ReasonRequired(MatterRules.MaxText));
        }

        if (dueDate is { } due && !MatterRules.IsPlausibleDate(due))
        {
            throw DomainException.Invalid("dueDate", CoordinationRefusals.ReopenDueDate);
        }

        if (MatterRules.AwaitsAnswers(State.Status))
        {
            throw DomainException.Conflict(CoordinationRefusals.NothingToReopen(Id, State.Status.ToString().ToLowerInvariant()));
        }

        var now = Time.GetUtcNow();
        reason = reason.Trim();
        var newDue = dueDate is { } d && d != State.DueDate;
        var action = $"reopened: {reason}" + (newDue ? $"; due {State.DueDate:yyyy-MM-dd} → {dueDate:yyyy-MM-dd}" : "");
        await CommitWithRemindersAsync(State with
        {
            Status = MatterStatus.Reopened,
            Round = State.Round + 1,
            ReopenReason = reason,
            Resolution = null,
            DueDate = newDue ? dueDate!.Value : State.DueDate,
            EscalationsSinceDue = newDue ? 0 : State.EscalationsSinceDue,
            History = State.History.Add(new AuditEntry(now, actor, action)),
        });
        return View();
    }

    protected override async Task OnReminderAsync(string reminderName)
    {
        if (reminderName != EscalationReminderName)
        {
            return;
        }

        if (State.Raised)
        {
            await EscalateIfDueAsync();
        }

        if (!State.Raised || !State.MayEscalate)
        {
            await EscalationReminder.ClearAsync();
        }
    }

    protected override async Task PushAsync(MatterState persisted, IReadOnlyCollection<string>? scope)
    {
        var summary = Summary(persisted);
        var pushes = new List<Task>();

        // Every holder is a different grain and none of them calls a matter back, so the fan-out cannot deadlock;
        // it is bounded by the ladder (at most three levels) and the departments (at most ten).
        pushes.AddRange(persisted.Jurisdictions.Select(code => GrainFactory.GetGrain<IMatterIndexGrain>(code).TrackAsync(summary)));
        pushes.AddRange(persisted.Departments.Select(d => GrainFactory.GetGrain<IDepartmentGrain>(d.Id).TrackMatterAsync(summary)));
        if (persisted.MeetingId is { } meeting)
        {
            pushes.Add(GrainFactory.GetGrain<IMeetingGrain>(meeting).TrackMatterAsync(ViewOf(persisted, withHistory: true)));
        }

        if (persisted.VisitId is { } visit)
        {
            pushes.Add(GrainFactory.GetGrain<IVisitGrain>(visit).TrackMatterAsync(summary));
        }

        pushes.Add(Tasks.TaskRules.PushAsync(GrainFactory, Tasks.TaskRules.OfMatter(Id, persisted)));
        await Task.WhenAll(pushes);
    }

    /// <summary>Escalates one level for each deadline that passed; each escalation is written before it is shown.</summary>
    private async Task EscalateIfDueAsync()
    {
        var today = Today;
        var next = State;
        var now = Time.GetUtcNow();
        while (next.MayEscalate && today > next.NextDeadline(Options.DaysPerLevel))
        {
            var deadline = next.NextDeadline(Options.DaysPerLevel);
            var from = next.Level;
            var to = next.Ladder[next.Escalations.Length + 1];
            var pending = next.Departments.Where(d => !d.HasAnsweredRound(next.Round)).Select(d => d.Name);
            next = next with
            {
                Escalations = next.Escalations.Add(new Escalation(now, from, to, deadline)),
                EscalationsSinceDue = next.EscalationsSinceDue + 1,
                History = next.History.Add(new AuditEntry(now, EscalationActor,
                    $"escalated from {from} to {to}: not answered by {deadline:yyyy-MM-dd} (waiting for {string.Join("、", pending)})")),
            };
            Logger.LogInformation("Matter {Matter} escalated from {From} to {To}", Id, from, to);
        }

        if (!ReferenceEquals(next, State))
        {
            var wasOverdue = State.EscalationsSinceDue > 0;
            var escalations = next.Escalations.Length - State.Escalations.Length;
            await CommitWithRemindersAsync(next);

            // Overdue is counted once per due date, when its first deadline passes; each level climbed is an escalation.
            if (!wasOverdue)
            {
                LiandongMetrics.MatterOverdue(Place);
            }

            for (var i = 0; i < escalations; i++)
            {
                LiandongMetrics.MatterEscalated(Place);
            }
        }
    }

    /// <summary>The raiser's county and city, for Liandong's metrics.</summary>
    private MetricPlace Place => State.Jurisdictions.IsDefaultOrEmpty ? MetricPlace.Unknown : MetricPlace.Of(State.Jurisdictions[0]);

    /// <summary>
    /// Commits a change with the escalation reminder in step: registered before the write when the matter may climb
    /// (so a matter never waits without one), cleared after the write when it no longer may.
    /// </summary>
    private async Task CommitWithRemindersAsync(MatterState next)
    {
        if (next.MayEscalate)
        {
            await EscalationReminder.EnsureAsync();
        }

        await CommitAsync(next);
        if (!next.MayEscalate)
        {
            await EscalationReminder.ClearAsync();
        }
    }

    private void EnsureRaised()
    {
        if (!State.Raised)
        {
            throw DomainException.NotFound(CoordinationRefusals.MatterUnknown(Id));
        }
    }

    private async Task<Raiser> ResolveRaiserAsync(MatterDraft draft)
    {
        var code = draft.RaisedBy;
        if (DivisionCodes.IsCity(code))
        {
            throw DomainException.Invalid("raisedBy", CoordinationRefusals.CityRaises);
        }

        if (DivisionCodes.IsTown(code) || DivisionCodes.IsCounty(code))
        {
            var info = DivisionCodes.IsTown(code)
                ? await GrainFactory.GetGrain<ITownGrain>(code).GetInfoAsync()
                : await GrainFactory.GetGrain<ICountyGrain>(code).GetInfoAsync();
            if (info is null)
            {
                throw DomainException.NotFound(DivisionCodes.IsTown(code) ? CoordinationRefusals.TownUnknown(code) : CoordinationRefusals.CountyUnknown(code));
            }

            if (draft.ProjectCode is not { } projectCode)
            {
                return new Raiser(code, info.Name, null, null, false);
            }

            var project = await GrainFactory.GetGrain<IProjectGrain>(projectCode).GetAsync(PeriodQuery.Latest);
            if (!DivisionCodes.IsWithin(project.Profile.TownCode, code))
            {
                throw DomainException.Invalid("projectCode", CoordinationRefusals.ProjectOutside(projectCode, project.Profile.TownCode, code));
            }

            return new Raiser(code, info.Name, projectCode, project.Profile.Name, false);
        }

        if (draft.ProjectCode is { } other && other != code)
        {
            throw DomainException.Invalid("projectCode", CoordinationRefusals.ProjectRaisesOwn);
        }

        var raisedBy = await GrainFactory.GetGrain<IProjectGrain>(code).GetAsync(PeriodQuery.Latest);
        return new Raiser(raisedBy.Profile.TownCode, raisedBy.Profile.Name, code, raisedBy.Profile.Name, true);
    }

    private MatterView View() => ViewOf(State, withHistory: true);

    private MatterView ViewOf(MatterState s, bool withHistory) => new(
        Id, s.Title!, s.Detail, s.Status, MatterRules.IsOverdue(s.Status, s.DueDate, Today), s.RaisedBy, s.RaisedByName, s.AddressedTo, s.Level,
        s.ProjectCode, s.ProjectName, s.MeetingId, s.VisitId, s.DueDate, s.RaisedAt,
        s.Departments.Select(d =>
        {
            var last = d.Answers.LastOrDefault();
            return new MatterDepartment(d.Id, d.Name, last?.Text, last?.At, last?.Actor, !d.HasAnsweredRound(s.Round), d.Answers);
        }).ToImmutableArray(),
        s.Escalations, s.Resolution, withHistory ? s.History : [], s.Version, s.ReopenReason);

    private MatterSummary Summary(MatterState s) => new(
        Id, s.Title!, s.Status, false, s.RaisedBy, s.RaisedByName, s.AddressedTo, s.Level, s.ProjectCode, s.MeetingId, s.VisitId,
        s.DueDate, s.RaisedAt, s.Departments.Select(d => d.Id).ToImmutableArray(),
        s.Status == MatterStatus.Resolved ? [] : s.Departments.Where(d => !d.HasAnsweredRound(s.Round)).Select(d => d.Id).ToImmutableArray(),
        s.Escalations.Length, s.Version)
    {
        FirstAnswers = s.Departments.Where(d => d.Answers.Length > 0).ToImmutableDictionary(d => d.Id, d => d.Answers.Min(a => a.At)),
        ResolvedAt = s.Status == MatterStatus.Resolved ? s.Resolution?.At : null,
    };

    private sealed record Raiser(string Division, string Name, string? ProjectCode, string? ProjectName, bool ProjectRaised);
}
