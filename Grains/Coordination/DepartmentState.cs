using System.Collections.Immutable;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Grains.Coordination;

/// <summary>What a department grain persists: its profile and a summary of every matter assigned to it.</summary>
[GenerateSerializer, Alias("Liandong.DepartmentState")]
public sealed record DepartmentState
{
    [Id(0)] public string? Name { get; init; }

    [Id(1)] public string? CityCode { get; init; }

    [Id(2)] public ImmutableDictionary<string, MatterSummary> Matters { get; init; } = ImmutableDictionary<string, MatterSummary>.Empty;

    [Id(3)] public ImmutableArray<AuditEntry> History { get; init; } = [];
}
