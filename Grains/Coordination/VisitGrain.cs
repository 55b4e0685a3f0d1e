using System.Collections.Immutable;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Coordination;

/// <summary>A site visit (实地调研) by a linked leader: findings, and the matters that arose from it.</summary>
public sealed class VisitGrain(
    [PersistentState("visit", StorageNames.Main)] IPersistentState<VisitState> state,
    TimeProvider time,
    ILogger<VisitGrain> logger) : SyncedGrain<VisitState>(state, time, logger), IVisitGrain
{
    public async Task<VisitView> RecordAsync(VisitDraft draft, string actor)
    {
        if (State.Draft is not null)
        {
            throw DomainException.Conflict($"Visit {Id} was already recorded.");
        }

        if (!Ids.IsLeaderId(draft.LeaderId))
        {
            throw DomainException.Invalid("leaderId", CoordinationRefusals.LeaderId);
        }

        if (draft.Date.Year is < 2000 or > 2100)
        {
            throw DomainException.Invalid("date", CoordinationRefusals.VisitDate);
        }

        if (string.IsNullOrWhiteSpace(draft.Findings) || draft.Findings.Length > InputLimits.MaxText)
        {
            throw DomainException.Invalid("findings", CoordinationRefusals.Findings);
        }

        if (draft.Place is { Length: > InputLimits.MaxName })
        {
            throw DomainException.Invalid("place", CoordinationRefusals.AtMost(InputLimits.MaxName));
        }

        var codes = draft.ProjectCodes.IsDefault ? [] : draft.ProjectCodes;
        if (codes.Length > 50)
        {
            throw DomainException.Invalid("projectCodes", CoordinationRefusals.VisitProjects);
        }

        for (var i = 0; i < codes.Length; i++)
        {
            if (!Ids.IsProjectCode(codes[i]))
            {
                throw DomainException.Invalid($"projectCodes[{i}]", CoordinationRefusals.ProjectCode);
            }
        }

        var leader = await GrainFactory.GetGrain<ILeaderGrain>(draft.LeaderId).GetInfoAsync()
            ?? throw DomainException.NotFound(CoordinationRefusals.LeaderUnknown(draft.LeaderId));
        codes = codes.Distinct().ToImmutableArray();

        // Read-only look-ups of distinct project grains, which never call a visit.
        var projects = await Task.WhenAll(codes.Select(c => GrainFactory.GetGrain<IProjectGrain>(c).GetAsync(PeriodQuery.Latest)));
        for (var i = 0; i < projects.Length; i++)
        {
            if (DivisionCodes.CityOf(projects[i].Profile.TownCode) != leader.CityCode)
            {
                throw DomainException.Invalid($"projectCodes[{i}]", CoordinationRefusals.ProjectOtherCity(codes[i], leader.CityCode));
            }
        }

        var now = Time.GetUtcNow();
        var visited = projects.Select(p => new VisitedProject(p.Profile.Code, p.Profile.Name)).ToImmutableArray();
        await CommitAsync(State with
        {
            Draft = draft with { Findings = draft.Findings.Trim(), ProjectCodes = codes, Place = string.IsNullOrWhiteSpace(draft.Place) ? null : draft.Place.Trim() },
            LeaderTitle = leader.Title,
            CityCode = leader.CityCode,
            Projects = visited,
            RecordedAt = now,
            History = [new AuditEntry(now, actor, $"visit of {leader.Title} on {draft.Date:yyyy-MM-dd} recorded" + (visited.IsEmpty ? "" : $": {string.Join("、", visited.Select(p => p.Name))}"))],
        });
        Logger.LogInformation("Visit {Visit} of leader {Leader} recorded", Id, draft.LeaderId);
        return View();
    }

    public Task<VisitInfo?> GetInfoAsync() =>
        Task.FromResult(State.Draft is { } d ? new VisitInfo(Id, d.LeaderId, State.CityCode, d.Date) : null);

    public Task<VisitView> GetAsync()
    {
        EnsureRecorded();
        return Task.FromResult(View());
    }

    public Task<VisitScope> GetScopeAsync()
    {
        EnsureRecorded();
        return Task.FromResult(new VisitScope(State.Draft!.LeaderId, State.CityCode));
    }

    public async Task TrackMatterAsync(MatterSummary summary)
    {
        EnsureRecorded();
        var isNew = !State.Matters.TryGetValue(summary.Id, out var held);
        if (!isNew && held!.Version >= summary.Version)
        {
            return;
        }

        await CommitAsync(State with
        {
            Matters = State.Matters.SetItem(summary.Id, summary),
            History = isNew ? State.History.Add(new AuditEntry(summary.RaisedAt, "system", $"matter {summary.Id} arose from the visit: {summary.Title}")) : State.History,
        });
    }

    protected override Task PushAsync(VisitState persisted, IReadOnlyCollection<string>? scope)
    {
        var d = persisted.Draft!;
        return GrainFactory.GetGrain<ILeaderGrain>(d.LeaderId).TrackVisitAsync(
            new VisitSummary(Id, d.Date, d.Place, d.ProjectCodes, d.Findings, persisted.Matters.Count, persisted.Version));
    }

    private void EnsureRecorded()
    {
        if (State.Draft is null)
        {
            throw DomainException.NotFound($"Visit {Id} does not exist.");
        }
    }

    private VisitView View()
    {
        var s = State;
        var d = s.Draft!;
        var today = Today;
        return new VisitView(Id, d.LeaderId, s.LeaderTitle, s.CityCode, d.Date, d.Place, s.Projects, d.Findings, s.RecordedAt,
            Lists.NewestFirst(s.Matters.Values).Select(m => m.AsOf(today)).ToImmutableArray(), s.History);
    }
}
