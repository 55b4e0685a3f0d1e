using System.Collections.Immutable;
using Liandong.Grains.Infrastructure;
using Liandong.Grains.Telemetry;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Reporting;

/// <summary>
/// A key project. A report is validated, announced to the town, persisted and only then acknowledged; the
/// project pushes its figures to its town before it answers. The announcement is what makes the push safe to
/// lose: if the project's silo dies between its write and its push, the town asks for the persisted figures
/// (<see cref="ITownGrain.PrepareAsync"/>), so no per-project reminder has to be written.
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
    private (ProjectState State, Figures Figures)? _figures;

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

        ReportRules.ValidateProfile(profile);

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

    public Task<ChildSnapshot?> GetSnapshotAsync() =>
        Task.FromResult(_persisted.Profile is { } profile ? Snapshot(profile, _persisted) : null);

    /// <summary>The retry after a failed push (or one left by an earlier version): pushes if needed, else removes itself.</summary>
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

    /// <summary>Announces the new version to the town, then persists it; the announcement lets the town recover a lost push.</summary>
    private async Task CommitAsync(ProjectState next)
    {
        var previous = state.State;
        next = next with { Version = previous.Version + 1, SyncedVersion = _synced };
        await AnnounceAsync(next);

        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }

        _persisted = next;
        _unsentOrigin ??= time.GetUtcNow();
    }

    /// <summary>
    /// Tells the town the version about to be written. A town that cannot be reached at once (its silo is
    /// stopping and the grain moves) is tried again shortly; failing that, the project's own reminder, written
    /// before the state, is the safety net for the push instead.
    /// </summary>
    private async Task AnnounceAsync(ProjectState next)
    {
        var town = GrainFactory.GetGrain<ITownGrain>(next.Profile!.TownCode);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await town.PrepareAsync(Code, next.Version);
                return;
            }
            catch (Exception ex) when (ex is not DomainException)
            {
                if (attempt < 3)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
                    continue;
                }

                logger.LogWarning(ex, "Project {Project} could not announce version {Version} to its town; registering its reminder",
                    Code, next.Version);
                await Reminder.EnsureAsync();
                return;
            }
        }
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

                var origin = _unsentOrigin;
                _unsentOrigin = null;
                try
                {
                    await GrainFactory.GetGrain<ITownGrain>(profile.TownCode).AcceptSnapshotAsync(Snapshot(profile, persisted) with { Origin = origin });
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
            // A silo that dies before the push is covered by the announcement: the town asks for the persisted
            // figures, and the activation that answers pushes the factor needs too. A push that failed while
            // the silo lives (a busy town, the county's index) is retried by the reminder, registered only now.
            logger.LogWarning(ex, "Project {Project} could not push its figures to its town; will retry", Code);
            _ = RetryLaterAsync();
        }
        finally
        {
            _pushing = false;
        }
    }

    private async Task RetryLaterAsync()
    {
        try
        {
            await Reminder.EnsureAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Project {Project} could not register its retry reminder", Code);
        }
    }

    private ChildSnapshot Snapshot(ProjectProfile profile, ProjectState persisted) =>
        new(Code, profile.Name, persisted.Version, FiguresFor(persisted), profile.Category, profile.Stage);

    /// <summary>The figures of a state, computed once: a report's push and its answer both need them.</summary>
    private Figures FiguresFor(ProjectState s)
    {
        if (_figures is { } cached && ReferenceEquals(cached.State, s))
        {
            return cached.Figures;
        }

        var figures = FiguresOf(s);
        _figures = (s, figures);
        return figures;
    }

    private ProjectProfile EnsureRegistered() =>
        state.State.Profile ?? throw DomainException.NotFound($"Project {Code} is not registered.");

    private ProjectView View(PeriodQuery period)
    {
        var s = state.State;
        var profile = s.Profile!;
        var figures = FiguresFor(s);
        var (year, month) = period.Resolve(figures, DateOnly.FromDateTime(time.GetLocalNow().DateTime));
        return WithFinance(new ProjectView(profile, ProjectFigures.LightOf(figures, year, month), Totals.From(figures, year, month),
            s.Reports, s.History, s.RegisteredAt, s.Version), s, figures) with
        {
            LeaderId = s.LeaderId,
        };
    }
}
