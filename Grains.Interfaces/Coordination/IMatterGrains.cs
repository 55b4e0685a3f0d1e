using System.Collections.Immutable;

namespace Liandong.Coordination;

/// <summary>A registered department.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.DepartmentInfo")]
public sealed record DepartmentInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string CityCode,
    [property: Id(3)] bool Created);

/// <summary>A matter (事项), keyed by the id the system assigned: raised, answered by each department, resolved or reopened, escalated when overdue.</summary>
[Alias("Liandong.IMatterGrain")]
public interface IMatterGrain : IGrainWithStringKey
{
    /// <summary>Raises the matter; a second raise under the same id is a conflict.</summary>
    [Alias("Raise")]
    Task<MatterView> RaiseAsync(MatterDraft draft, string actor);

    /// <summary>The matter with its answers, escalations and history (escalating it first if a deadline passed).</summary>
    [Alias("Get")]
    Task<MatterView> GetAsync();

    /// <summary>Who the matter belongs to, for access checks: read-only (it never escalates, unlike <see cref="GetAsync"/>); an unknown matter is a 404.</summary>
    [Alias("GetScope"), Orleans.Concurrency.ReadOnly]
    Task<MatterScope> GetScopeAsync();

    /// <summary>Records a department's answer; a department the matter is not assigned to is a conflict.</summary>
    [Alias("Answer")]
    Task<MatterView> AnswerAsync(string departmentId, string text, string actor);

    /// <summary>The raiser confirms the matter resolved; resolving a resolved matter is a conflict.</summary>
    [Alias("Resolve")]
    Task<MatterView> ResolveAsync(string? note, string actor);

    /// <summary>The raiser reopens an answered or resolved matter, optionally with a new due date.</summary>
    [Alias("Reopen")]
    Task<MatterView> ReopenAsync(string reason, DateOnly? dueDate, string actor);

    /// <summary>What the escalation reminder does on each tick: escalates one level for each deadline that passed.</summary>
    [Alias("CheckEscalation")]
    Task<MatterView> CheckEscalationAsync();
}

/// <summary>
/// The matters of one jurisdiction (a city, county or town code): every matter raised there or below, kept as
/// summaries so that the list is one grain call and never a scan of matters.
/// </summary>
[Alias("Liandong.IMatterIndexGrain")]
public interface IMatterIndexGrain : IGrainWithStringKey
{
    /// <summary>Takes the latest summary of a matter (an older version changes nothing).</summary>
    [Alias("Track")]
    Task TrackAsync(MatterSummary summary);

    /// <summary>The jurisdiction's matters, newest first, optionally of one status.</summary>
    [Alias("List")]
    Task<ImmutableArray<MatterSummary>> ListAsync(MatterStatus? status);

    /// <summary>How many unresolved matters each of the given projects has.</summary>
    [Alias("CountUnresolvedByProject")]
    Task<ImmutableDictionary<string, int>> CountUnresolvedByProjectAsync(ImmutableArray<string> projectCodes);
}
