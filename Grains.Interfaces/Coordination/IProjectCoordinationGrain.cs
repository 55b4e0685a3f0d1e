using System.Collections.Immutable;
using Liandong.Reporting;

namespace Liandong.Coordination;

/// <summary>
/// The coordination side of a project grain (the same grain as <see cref="IProjectGrain"/>): its linked leader.
/// </summary>
[Alias("Liandong.IProjectCoordinationGrain")]
public interface IProjectCoordinationGrain : IGrainWithStringKey
{
    /// <summary>Links the project to a leader of its city (replacing any earlier one) and records who did it.</summary>
    [Alias("SetLeader")]
    Task<ProjectView> SetLeaderAsync(string leaderId, string actor);
}
