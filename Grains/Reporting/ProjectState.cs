using System.Collections.Immutable;
using Liandong.Reporting;

namespace Liandong.Grains.Reporting;

/// <summary>What a project grain persists.</summary>
[GenerateSerializer, Alias("Liandong.ProjectState")]
public sealed record ProjectState(
    [property: Id(0)] ProjectProfile? Profile,
    [property: Id(1)] ImmutableArray<MonthlyReport> Reports,
    [property: Id(2)] ImmutableArray<AuditEntry> History,
    [property: Id(3)] DateTimeOffset RegisteredAt,
    [property: Id(4)] long Version,
    [property: Id(5)] long SyncedVersion)
{
    public static ProjectState Empty { get; } = new(null, [], [], default, 0, 0);
}
