using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Grains.Reporting;

/// <summary>The coordination side of a project: its linked leader (四套班子领导联系重点项目). State ids 10–19.</summary>
public sealed partial record ProjectState
{
    /// <summary>The leader linked to the project, if any.</summary>
    [Id(10)] public string? LeaderId { get; init; }
}
