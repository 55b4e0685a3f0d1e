using System.Collections.Immutable;
using Liandong.Finance;
using Liandong.Grains.Finance;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Reporting;

/// <summary>
/// The project's side of government–bank–enterprise coordination and factor supply: its owner enterprise,
/// the latest summary of each of its financing requests (whose sum is part of the figures that roll up),
/// and the factor needs it waits for (counted in the roll-up, judged by the warning light, and listed in
/// its county's index).
/// </summary>
public sealed partial class ProjectGrain
{
    /// <summary>The factor-needs version the county index has confirmed since activation (re-sent once after activation: it is idempotent).</summary>
    private long _factorsIndexed;

    public async Task<ProjectView> SetOwnerAsync(string creditCode, string actor)
    {
        var profile = EnsureRegistered();
        if (FinanceRefusals.CreditCodeRule(creditCode) is { } problem)
        {
            throw DomainException.Invalid("creditCode", problem);
        }

        var enterprise = GrainFactory.GetGrain<IEnterpriseGrain>(creditCode);
        var info = await enterprise.GetAsync();
        var current = state.State.Owner;
        if (current?.CreditCode == creditCode)
        {
            // Unchanged: nothing to persist, but tell the enterprise again in case an earlier call was cut short.
            await enterprise.AddProjectAsync(Code, profile.Name, current.Since);
            return View(PeriodQuery.Latest);
        }

        var now = time.GetUtcNow();
        var action = current is null
            ? $"owner set to {info.Name} ({creditCode})"
            : $"owner changed from {current.Name} ({current.CreditCode}) to {info.Name} ({creditCode})";
        await CommitAsync(state.State with
        {
            Owner = new ProjectOwner(creditCode, info.Name, now),
            History = state.State.History.Add(new AuditEntry(now, actor, action)),
        });
        logger.LogInformation("Project {Project} owner set to {CreditCode}", Code, creditCode);

        // The project is the record of ownership; the enterprises keep a copy, told once the change is durable.
        await enterprise.AddProjectAsync(Code, profile.Name, now);
        if (current is not null)
        {
            await GrainFactory.GetGrain<IEnterpriseGrain>(current.CreditCode).RemoveProjectAsync(Code);
        }

        await PushAsync();
        return View(PeriodQuery.Latest);
    }

    public Task<ProjectOwnership> GetOwnershipAsync()
    {
        var profile = EnsureRegistered();
        return Task.FromResult(new ProjectOwnership(Code, profile.Name, profile.TownCode, state.State.Owner));
    }

    public async Task AcceptFinancingAsync(FinancingRow row)
    {
        EnsureRegistered();
        if (row.ProjectCode != Code)
        {
            throw DomainException.Conflict($"Financing request {row.Id} is for project {row.ProjectCode}, not {Code}.");
        }

        var financing = state.State.Financing;
        financing.TryGetValue(row.Id, out var existing);
        if (existing is not null && existing.Version >= row.Version)
        {
            // Stale or repeated: what the project holds is already as new and already persisted.
            return;
        }

        var history = state.State.History;
        if (existing?.Status != row.Status)
        {
            history = history.Add(new AuditEntry(row.UpdatedAt, row.UpdatedBy, $"financing {row.Id}: {row.Status} ({row.Requested} 万元 requested)"));
        }

        await CommitAsync(state.State with { Financing = financing.SetItem(row.Id, row), History = history });
        await PushAsync();
    }

    public async Task<FactorNeed> AddFactorNeedAsync(FactorNeedInput input, string actor)
    {
        var profile = EnsureRegistered();
        FactorRules.Validate(input, Liandong.Hierarchy.DivisionCodes.CityOf(profile.CountyCode));

        var now = time.GetUtcNow();
        var serial = state.State.FactorSerial + 1;
        var need = new FactorNeed($"F{serial}", input.Kind, input.Detail.Trim(), input.Quantity,
            string.IsNullOrWhiteSpace(input.Unit) ? null : input.Unit.Trim(), input.DepartmentId, input.DueDate,
            FactorStatus.Open, null, now, actor, null, now, actor);
        await CommitAsync(state.State with
        {
            FactorNeeds = state.State.FactorNeeds.Add(need),
            FactorSerial = serial,
            FactorsVersion = state.State.FactorsVersion + 1,
            History = state.State.History.Add(new AuditEntry(now, actor,
                $"factor need {need.Id} raised: {FactorCounts.KeyOf(need.Kind)} {need.Detail}, {need.DepartmentId}, due {need.DueDate:yyyy-MM-dd}")),
        });
        logger.LogInformation("Project {Project} raised factor need {Need} ({Kind}) for {Department}", Code, need.Id, need.Kind, need.DepartmentId);
        await PushAsync();
        return need;
    }

    public async Task<FactorNeed> UpdateFactorNeedAsync(string id, FactorUpdate update, string actor)
    {
        EnsureRegistered();
        var needs = state.State.FactorNeeds;
        var index = needs.IndexOf(needs.FirstOrDefault(n => n.Id == id)!);
        if (index < 0)
        {
            throw DomainException.NotFound(FinanceRefusals.NoSuchFactor(Code, id));
        }

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        FactorRules.Validate(update, today);
        var need = needs[index];
        var note = string.IsNullOrWhiteSpace(update.Note) ? need.Note : update.Note.Trim();
        DateOnly? metOn = update.Status != FactorStatus.Met ? null
            : update.MetOn ?? (need.Status == FactorStatus.Met ? need.MetOn : today);
        if (need.Status == update.Status && need.Note == note && need.MetOn == metOn)
        {
            // A repeat: acknowledged, nothing changes.
            return need;
        }

        var now = time.GetUtcNow();
        var updated = need with { Status = update.Status, Note = note, MetOn = metOn, UpdatedAt = now, UpdatedBy = actor };
        var action = need.Status == update.Status
            ? $"factor need {id}: note updated"
            : $"factor need {id}: {need.Status} → {update.Status}" + (metOn is { } met ? $" on {met:yyyy-MM-dd}" : "");
        await CommitAsync(state.State with
        {
            FactorNeeds = needs.SetItem(index, updated),
            FactorsVersion = state.State.FactorsVersion + 1,
            History = state.State.History.Add(new AuditEntry(now, actor, action)),
        });
        await PushAsync();
        return updated;
    }

    public Task<ImmutableArray<FactorNeed>> GetFactorNeedsAsync()
    {
        EnsureRegistered();
        return Task.FromResult(state.State.FactorNeeds);
    }

    /// <summary>The figures the project reports upward: reports and lights, financing and open factor needs.</summary>
    private static Figures FiguresOf(ProjectState s) =>
        ProjectFigures.Compute(s.Profile!, s.Reports, LightRule.ByMonth(s.LightRules), s.FactorNeeds, s.Financing.Values) with
        {
            Promotion = s.Lead?.Figures ?? Liandong.Promotion.PromotionFigures.Empty,
            Lists = Liandong.Promotion.ListCounts.Of(s.ListApplications.Values),
        };

    private static ProjectView WithFinance(ProjectView view, ProjectState s, Figures figures) =>
        view with { Owner = s.Owner, FactorNeeds = s.FactorNeeds, Financing = figures.Finance, LeadId = s.Lead?.LeadId, ReferrerId = s.Lead?.ReferrerId,
            Preparation = s.Preparation, ListApplications = [.. s.ListApplications.Values.OrderBy(a => a.Id, StringComparer.Ordinal)] };

    /// <summary>Sends the open factor needs to the county's index when they changed; called from the push loop, so a failure is retried with it.</summary>
    private async Task PushFactorNeedsAsync(ProjectState persisted)
    {
        if (persisted.FactorsVersion == 0 || persisted.FactorsVersion <= _factorsIndexed)
        {
            return;
        }

        var profile = persisted.Profile!;
        await GrainFactory.GetGrain<ICountyFinanceIndexGrain>(profile.CountyCode).AcceptFactorNeedsAsync(
            new ProjectFactorNeeds(Code, profile.Name, profile.TownCode, persisted.FactorsVersion, [.. persisted.FactorNeeds.Where(n => n.IsOpen)]));
        _factorsIndexed = persisted.FactorsVersion;
    }
}
