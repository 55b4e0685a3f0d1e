using System.Collections.Immutable;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Coordination;

/// <summary>
/// A leader of the four leading bodies (四套班子领导). The page reads each linked project's light from its town's
/// overview and its open matters from its county's matter index: a fan-out bounded by the leader's few projects,
/// to grains that never call a leader, so it cannot deadlock with a project announcing a new link.
/// </summary>
public sealed class LeaderGrain(
    [PersistentState("leader", StorageNames.Main)] IPersistentState<LeaderState> state,
    TimeProvider time,
    ILogger<LeaderGrain> logger) : SyncedGrain<LeaderState>(state, time, logger), ILeaderGrain
{
    public async Task<LeaderInfo> RegisterAsync(string title, LeadingBody body, string cityCode, string actor)
    {
        if (!Ids.IsLeaderId(Id))
        {
            throw DomainException.Invalid("id", "A leader id is letters, digits and dashes, at most 64.");
        }

        if (string.IsNullOrWhiteSpace(title) || title.Length > InputLimits.MaxShort)
        {
            throw DomainException.Invalid("title", $"The title is required (at most {InputLimits.MaxShort} characters), e.g. 市委书记.");
        }

        if (!Enum.IsDefined(body))
        {
            throw DomainException.Invalid("body", "body is partyCommittee, peoplesCongress, government or cppcc.");
        }

        if (!DivisionCodes.IsCity(cityCode))
        {
            throw DomainException.Invalid("cityCode", "A city code is six digits ending in 00, e.g. 440800.");
        }

        if (State.CityCode is { } registered && registered != cityCode)
        {
            throw DomainException.Conflict($"Leader {Id} is already registered under {registered}.");
        }

        if (await GrainFactory.GetGrain<ICityGrain>(cityCode).GetInfoAsync() is null)
        {
            throw DomainException.NotFound($"City {cityCode} is not registered.");
        }

        title = title.Trim();
        var created = State.Title is null;
        if (created || State.Title != title || State.Body != body)
        {
            await CommitAsync(State with
            {
                Title = title,
                Body = body,
                CityCode = cityCode,
                History = State.History.Add(new AuditEntry(Time.GetUtcNow(), actor, created ? $"registered {title} ({body})" : $"now {title} ({body})")),
            });
        }

        return new LeaderInfo(Id, title, body, cityCode, created);
    }

    public Task<LeaderInfo?> GetInfoAsync() =>
        Task.FromResult(State.Title is { } title ? new LeaderInfo(Id, title, State.Body, State.CityCode!, false) : null);

    public Task<LeaderScope> GetScopeAsync()
    {
        EnsureRegistered();
        return Task.FromResult(new LeaderScope(State.CityCode!));
    }

    public async Task<LeaderView> GetAsync(PeriodQuery period)
    {
        EnsureRegistered();
        var projects = State.Projects;
        var towns = projects.Select(p => p.TownCode).Distinct().ToArray();
        var counties = projects.Select(p => DivisionCodes.CountyOf(p.TownCode)).Distinct().ToArray();

        // Towns and matter indexes never call a leader; the fan-out is bounded by the leader's linked projects.
        var overviewsTask = Task.WhenAll(towns.Select(t => GrainFactory.GetGrain<ITownGrain>(t).GetOverviewAsync(period)));
        var countsTask = Task.WhenAll(counties.Select(c => GrainFactory.GetGrain<IMatterIndexGrain>(c).CountUnresolvedByProjectAsync(
            projects.Where(p => DivisionCodes.CountyOf(p.TownCode) == c).Select(p => p.Code).ToImmutableArray())));
        var rows = (await overviewsTask).SelectMany(o => o.Projects).ToDictionary(r => r.Code);
        var open = (await countsTask).SelectMany(d => d).ToDictionary(kv => kv.Key, kv => kv.Value);

        var view = projects.Select(p =>
        {
            rows.TryGetValue(p.Code, out var row);
            return new LeaderProjectRow(p.Code, row?.Name ?? p.Name, p.TownCode, row?.Light, open.GetValueOrDefault(p.Code),
                row?.CompletedYtd ?? 0m, row?.AnnualPlan ?? 0m);
        }).ToImmutableArray();
        var visits = State.Visits.Values.OrderByDescending(v => v.Date).ThenBy(v => v.Id, StringComparer.Ordinal).ToImmutableArray();
        return new LeaderView(Id, State.Title!, State.Body, State.CityCode!, view, visits, State.History);
    }

    public async Task LinkProjectAsync(LinkedProject project, string actor)
    {
        EnsureRegistered();
        if (State.Projects.Any(p => p.Code == project.Code))
        {
            return;
        }

        await CommitAsync(State with
        {
            Projects = State.Projects.Add(project),
            History = State.History.Add(new AuditEntry(Time.GetUtcNow(), actor, $"linked to project {project.Code} {project.Name}")),
        });
    }

    public async Task UnlinkProjectAsync(string projectCode, string actor)
    {
        EnsureRegistered();
        var project = State.Projects.FirstOrDefault(p => p.Code == projectCode);
        if (project is null)
        {
            return;
        }

        await CommitAsync(State with
        {
            Projects = State.Projects.Remove(project),
            History = State.History.Add(new AuditEntry(Time.GetUtcNow(), actor, $"no longer linked to project {project.Code} {project.Name}")),
        });
    }

    public async Task TrackVisitAsync(VisitSummary visit)
    {
        EnsureRegistered();
        if (State.Visits.TryGetValue(visit.Id, out var held) && held.Version >= visit.Version)
        {
            return;
        }

        await CommitAsync(State with { Visits = State.Visits.SetItem(visit.Id, visit) });
    }

    protected override Task PushAsync(LeaderState persisted, IReadOnlyCollection<string>? scope) =>
        GrainFactory.GetGrain<ILeaderIndexGrain>(persisted.CityCode!).TrackAsync(new LeaderSummary(Id, persisted.Title!, persisted.Body,
            persisted.CityCode!, persisted.Projects.Select(p => p.Code).ToImmutableArray(), persisted.Version));

    private void EnsureRegistered()
    {
        if (State.Title is null)
        {
            throw DomainException.NotFound($"Leader {Id} is not registered.");
        }
    }
}
