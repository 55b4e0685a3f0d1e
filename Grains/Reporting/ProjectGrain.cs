using System.Collections.Immutable;
using Liandong.Grains.Infrastructure;
using Liandong.Grains.Telemetry;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Reporting;

/// <summary>
/// A key project. A report is validated, persisted and only then acknowledged; the project then pushes
/// its figures to its town, which confirms once it has persisted them.
/// </summary>
public sealed partial class ProjectGrain(
    [PersistentState("project", StorageNames.Main)] IPersistentState<ProjectState> state,
    TimeProvider time,
    ILogger<ProjectGrain> logger) : Grain, IProjectGrain, IRemindable
{
    private SyncReminder? _reminder;
    private ProjectState _persisted = ProjectState.Empty;
    private long _synced;
    private bool _pushing;
    private bool _pushAgain;

    // When the oldest acknowledged write the town has not confirmed was acknowledged (in memory only).
    private DateTimeOffset? _unsentOrigin;

    private string Code => this.GetPrimaryKeyString();

    private SyncReminder Reminder => _reminder ??= new SyncReminder(this);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _persisted = state.State ?? ProjectState.Empty;
        _synced = _persisted.SyncedVersion;
        if (_persisted.Profile is not null && _persisted.Version > _synced)
        {
            // The town may have missed the last change (a silo died between the write and the push).
            _ = PushAsync();
        }

        return Task.CompletedTask;
    }

    public async Task<ProjectView> RegisterAsync(ProjectProfile profile, string actor)
    {
        if (state.State.Profile is not null)
        {
            throw DomainException.Conflict($"Project {Code} already exists.");
        }

        if (profile.Code != Code)
        {
            throw DomainException.Invalid("code", "The project code does not match the grain key.");
        }

        var town = await GrainFactory.GetGrain<ITownGrain>(profile.TownCode).GetInfoAsync()
            ?? throw DomainException.NotFound($"Town {profile.TownCode} is not registered.");

        var now = time.GetUtcNow();
        await CommitAsync(state.State with
        {
            Profile = profile,
            RegisteredAt = now,
            History = [new AuditEntry(now, actor, $"registered under {town.Code} {town.Name}")],
        });
        logger.LogInformation("Project {Project} registered in town {Town}", Code, profile.TownCode);
        await PushAsync();
        return View(PeriodQuery.Latest);
    }

    public Task<ProjectView> GetAsync(PeriodQuery period)
    {
        EnsureRegistered();
        return Task.FromResult(View(period));
    }

    public Task<bool> ExistsAsync() => Task.FromResult(state.State.Profile is not null);

    public async Task<ProjectView> SubmitReportAsync(ReportInput report, string actor)
    {
        if (state.State.Profile is null)
        {
            LiandongMetrics.ReportRejected(MetricPlace.Unknown, "not_found");
        }

        var profile = EnsureRegistered();
        var place = MetricPlace.OfTown(profile.TownCode);
        try
        {
            ReportRules.Validate(profile, report, DateOnly.FromDateTime(time.GetLocalNow().DateTime));
        }
        catch (DomainException e)
        {
            LiandongMetrics.ReportRejected(place, e.Field ?? "report");
            throw;
        }

        var now = time.GetUtcNow();
        var reports = state.State.Reports;
        var index = reports.IndexOf(reports.FirstOrDefault(r => r.Year == report.Year && r.Month == report.Month)!);
        if (index >= 0 && reports[index].Figures.SameFiguresAs(report))
        {
            // An identical repeat: acknowledged, nothing changes.
            LiandongMetrics.ReportAccepted(place, "repeat");
            return View(new PeriodQuery(report.Year, report.Month));
        }

        ImmutableArray<MonthlyReport> updated;
        string action;
        if (index < 0)
        {
            updated = reports.Add(new MonthlyReport(report, now, actor, []));
            action = $"report {report.Year}-{report.Month:D2}: {report.InvestmentCompleted} 万元";
        }
        else
        {
            var old = reports[index];
            var revision = new ReportRevision(old.Figures, old.SubmittedAt, old.SubmittedBy, now, actor);
            updated = reports.SetItem(index, new MonthlyReport(report, now, actor, old.Corrections.Add(revision)));
            action = $"correction {report.Year}-{report.Month:D2}: {old.Figures.InvestmentCompleted} → {report.InvestmentCompleted} 万元";
        }

        await CommitAsync(state.State with
        {
            Reports = updated.Sort((a, b) => WarningLights.MonthIndex(a.Year, a.Month).CompareTo(WarningLights.MonthIndex(b.Year, b.Month))),
            History = state.State.History.Add(new AuditEntry(now, actor, action)),
        });
        logger.LogDebug("Project {Project} accepted report {Year}-{Month}", Code, report.Year, report.Month);
        LiandongMetrics.ReportAccepted(place, index < 0 ? "new" : "correction");

        await PushAsync();
        return View(new PeriodQuery(report.Year, report.Month));
    }

    public Task ResyncAsync() => PushAsync();

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != SyncReminder.Name)
        {
            return;
        }

        if (_persisted.Version > _synced)
        {
            await PushAsync();
        }
        else
        {
            await Reminder.ClearAsync();
        }
    }

    /// <summary>Persists a new state; the reminder is registered alongside so the push cannot be lost.</summary>
    private async Task CommitAsync(ProjectState next)
    {
        var previous = state.State;
        next = next with { Version = previous.Version + 1, SyncedVersion = _synced };
        state.State = next;
        try
        {
            // One after the other: on SQLite two writes at once only make one of them wait for the lock.
            await state.WriteStateAsync();
            await Reminder.EnsureAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }

        _persisted = next;
        _unsentOrigin ??= time.GetUtcNow();
    }

    /// <summary>Sends the persisted figures to the town until it confirms the latest version.</summary>
    private async Task PushAsync()
    {
        if (_pushing)
        {
            _pushAgain = true;
            return;
        }

        _pushing = true;
        try
        {
            do
            {
                _pushAgain = false;
                var persisted = _persisted;
                if (persisted.Profile is not { } profile || persisted.Version <= _synced)
                {
                    break;
                }

                var snapshot = new ChildSnapshot(Code, profile.Name, persisted.Version, FiguresOf(persisted), profile.Category, profile.Stage);
                var origin = _unsentOrigin;
                _unsentOrigin = null;
                try
                {
                    await GrainFactory.GetGrain<ITownGrain>(profile.TownCode).AcceptSnapshotAsync(snapshot with { Origin = origin });
                }
                catch
                {
                    _unsentOrigin = origin ?? _unsentOrigin;
                    throw;
                }

                await PushFactorNeedsAsync(persisted);
                _synced = Math.Max(_synced, persisted.Version);
            }
            while (_pushAgain);
        }
        catch (Exception ex)
        {
            // The reminder registered with the write will try again.
            logger.LogWarning(ex, "Project {Project} could not push its figures to its town; will retry", Code);
        }
        finally
        {
            _pushing = false;
        }
    }

    private ProjectProfile EnsureRegistered() =>
        state.State.Profile ?? throw DomainException.NotFound($"Project {Code} is not registered.");

    private ProjectView View(PeriodQuery period)
    {
        var s = state.State;
        var profile = s.Profile!;
        var figures = FiguresOf(s);
        var (year, month) = period.Resolve(figures, DateOnly.FromDateTime(time.GetLocalNow().DateTime));
        return WithFinance(new ProjectView(profile, ProjectFigures.LightOf(figures, year, month), Totals.From(figures, year, month),
            s.Reports, s.History, s.RegisteredAt, s.Version), s, figures) with
        {
            LeaderId = s.LeaderId,
        };
    }
}
