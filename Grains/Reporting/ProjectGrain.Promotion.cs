using Liandong.Promotion;
using Liandong.Reporting;

namespace Liandong.Grains.Reporting;

/// <summary>What a project keeps of the lead it came from (state Ids 30–39).</summary>
public sealed partial record ProjectState
{
    /// <summary>The lead (招商线索) the project was converted from, with its latest figures.</summary>
    [Id(30)] public ProjectLeadLink? Lead { get; init; }
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
}
