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
    [PersistentState(ProjectGrain.StateName, StorageNames.Main)] IPersistentState<ProjectState> state,
    TimeProvider time,
    ILogger<ProjectGrain> logger) : Grain, IProjectGrain, IRemindable
{
    /// <summary>The name of the project's stored state (its rows' grain type in the storage table).</summary>
    internal const string StateName = "project";

    private VersionedPublisher<ProjectState>? _publisher;
    private (ProjectState State, Figures Figures)? _figures;

    // When the oldest acknowledged write the town has not confirmed was acknowledged.
    private readonly OldestOrigin _unsent = new();

    private string Code => this.GetPrimaryKeyString();

    /// <summary>Publishes the persisted figures to the town (and the open factor needs to the county's index).</summary>
    private VersionedPublisher<ProjectState> Publisher => _publisher ??= new VersionedPublisher<ProjectState>(
        new WakeUpReminder(this, WakeUpReminder.RollupName), null, s => s.Profile is null ? null : s.Version, SendFiguresAsync, logger,
        () => $"Project {Code}");

    /// <summary>The state as last written: what the town may be told and asked for.</summary>
    private ProjectState Persisted => Publisher.Persisted ?? ProjectState.Empty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = state.State ?? ProjectState.Empty;
        Publisher.Restore(stored, stored.SyncedVersion);

        // The town may have missed the last change (a silo died between the write and the push).
        _ = PushAsync();
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

        var lightRules = await CityLightRulesAsync(profile);
        var now = time.GetUtcNow();
        await CommitAsync(state.State with
        {
            Profile = profile,
            LightRules = lightRules.Version > 0 ? lightRules : null,
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
        Task.FromResult(Persisted.Profile is { } profile ? Snapshot(profile, Persisted) : null);

    /// <summary>The retry after a failed push (or one left by an earlier version): pushes if needed, else removes itself.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        Publisher.Retry.Is(reminderName) ? Publisher.RetryAsync() : Task.CompletedTask;

    /// <summary>Announces the new version to the town, then persists it; the announcement lets the town recover a lost push.</summary>
    private async Task CommitAsync(ProjectState next)
    {
        next = next with { Version = state.State.Version + 1, SyncedVersion = Publisher.Synced };
        await AnnounceAsync(next);
        await Publisher.PersistAsync(state, next, registerRetry: false);
        _unsent.Note(time.GetUtcNow());
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
                await Publisher.Retry.EnsureAsync();
                return;
            }
        }
    }

    /// <summary>Sends the persisted figures to the town until it confirms the latest version.</summary>
    /// <remarks>
    /// A silo that dies before the push is covered by the announcement: the town asks for the persisted figures, and
    /// the activation that answers pushes the factor needs too. A push that fails while the silo lives (a busy town,
    /// the county's index) is retried by the reminder, registered only then.
    /// </remarks>
    private Task PushAsync() => Publisher.PublishAsync();

    private async Task SendFiguresAsync(ProjectState persisted)
    {
        var profile = persisted.Profile!;
        await _unsent.SendAsync(origin =>
            GrainFactory.GetGrain<ITownGrain>(profile.TownCode).AcceptSnapshotAsync(Snapshot(profile, persisted) with { Origin = origin }));
        await PushFactorNeedsAsync(persisted);
    }

    private ChildSnapshot Snapshot(ProjectProfile profile, ProjectState persisted) =>
        SnapshotOf(profile, persisted.Version, FiguresFor(persisted));

    /// <summary>
    /// What <see cref="GetSnapshotAsync"/> would answer from a stored state, without the grain: a town rebuilding
    /// after a crash reads its projects' rows (<see cref="Hierarchy.TownGrain"/>). Null for a project not registered.
    /// </summary>
    internal static ChildSnapshot? StoredSnapshot(ProjectState stored) =>
        stored.Profile is { } profile ? SnapshotOf(profile, stored.Version, FiguresOf(stored)) : null;

    /// <summary>The snapshot a town takes of a project (the profile's code is the grain's key: registration checks it).</summary>
    private static ChildSnapshot SnapshotOf(ProjectProfile profile, long version, Figures figures) =>
        new(profile.Code, profile.Name, version, figures, profile.Category, profile.Stage);

    /// <summary>Whether an activation of this stored state publishes more than its figures (its factor needs).</summary>
    internal static bool PublishesMoreThanFigures(ProjectState stored) => stored.FactorsVersion > 0;

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
        state.State.Profile ?? throw DomainException.NotFound(ReportRefusals.ProjectUnknown(Code));

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
