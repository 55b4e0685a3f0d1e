using System.Collections.Immutable;
using Liandong.Reporting;

namespace Liandong.Coordination;

/// <summary>A site visit (实地调研) by a linked leader, keyed by the id the system assigned.</summary>
[Alias("Liandong.IVisitGrain")]
public interface IVisitGrain : IGrainWithStringKey
{
    /// <summary>Records the visit; a second record under the same id is a conflict.</summary>
    [Alias("Record")]
    Task<VisitView> RecordAsync(VisitDraft draft, string actor);

    /// <summary>The visit, if recorded.</summary>
    [Alias("GetInfo")]
    Task<VisitInfo?> GetInfoAsync();

    /// <summary>The visit with its findings and the matters that arose from it.</summary>
    [Alias("Get")]
    Task<VisitView> GetAsync();

    /// <summary>Who may read the visit (its leader and city), read-only and without its matters.</summary>
    [Alias("GetScope")]
    Task<VisitScope> GetScopeAsync();

    /// <summary>Takes the latest summary of a matter that arose from the visit.</summary>
    [Alias("TrackMatter")]
    Task TrackMatterAsync(MatterSummary summary);
}
