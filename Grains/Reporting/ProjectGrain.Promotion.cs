using Liandong.Promotion;
using Liandong.Reporting;

namespace Liandong.Grains.Reporting;

/// <summary>What a project keeps of the lead it came from (state Ids 30–39).</summary>
public sealed partial record ProjectState
{
    /// <summary>The lead (招商线索) the project was converted from, with its latest figures.</summary>
    [Id(30)] public ProjectLeadLink? Lead { get; init; }

    /// <summary>The preparation record (前期工作) the key lists check.</summary>
    [Id(31)] public PreparationRecord? Preparation { get; init; }

    /// <summary>The latest view of each key-list application, by id; included ones count in the totals.</summary>
    [Id(32)] public System.Collections.Immutable.ImmutableDictionary<string, ListApplicationView> ListApplications { get; init; } =
        System.Collections.Immutable.ImmutableDictionary<string, ListApplicationView>.Empty;
}

/// <summary>
/// The project's side of investment promotion: once a lead is converted, its pipeline figures travel with the
/// project's to the town, county and city, and the lead's own county snapshot is empty, so nothing counts twice.
/// </summary>
public sealed partial class ProjectGrain
{
    public async Task AcceptLeadAsync(ProjectLeadLink link)
    {
        EnsureRegistered();
        var current = state.State.Lead;
        if (current is not null && current.LeadId != link.LeadId)
        {
            throw DomainException.Conflict($"Project {Code} came from lead {current.LeadId}, not {link.LeadId}.");
        }

        if (current is not null && current.Version >= link.Version)
        {
            return;
        }

        var history = state.State.History;
        if (current is null)
        {
            history = history.Add(new AuditEntry(time.GetUtcNow(), "system (lead)", $"converted from lead {link.LeadId} {link.LeadName}"));
        }

        await CommitAsync(state.State with { Lead = link, History = history });
        await PushAsync();
    }

    public async Task SetPreparationAsync(PreparationRecord record, string actor)
    {
        EnsureRegistered();
        if (record.FundsSecured is < 0m or > PromotionLimits.MaxAmount)
        {
            throw DomainException.Invalid("fundsSecured", PromotionRefusals.FundsSecured);
        }

        if (record == state.State.Preparation)
        {
            return;
        }

        var now = time.GetUtcNow();
        await CommitAsync(state.State with
        {
            Preparation = record,
            History = state.State.History.Add(new AuditEntry(now, actor, "preparation record updated")),
        });
        await PushAsync();
    }

    public Task<PreparationRecord?> GetPreparationAsync()
    {
        EnsureRegistered();
        return Task.FromResult(state.State.Preparation);
    }

    public async Task AcceptListApplicationAsync(ListApplicationView application)
    {
        EnsureRegistered();
        if (state.State.ListApplications.TryGetValue(application.Id, out var held) && held.Version >= application.Version)
        {
            return;
        }

        var history = state.State.History;
        if (held?.Status != application.Status)
        {
            history = history.Add(new AuditEntry(time.GetUtcNow(), "system (key list)",
                $"{application.List} list {application.Year}: {application.Status}"));
        }

        await CommitAsync(state.State with { ListApplications = state.State.ListApplications.SetItem(application.Id, application), History = history });
        await PushAsync();
    }
}
