using System.Collections.Immutable;
using Liandong.Finance;
using Liandong.Reporting;

namespace Liandong.Grains.Finance;

/// <summary>What an enterprise grain persists (state name "enterprise").</summary>
[GenerateSerializer, Alias("Liandong.EnterpriseState")]
public sealed record EnterpriseState
{
    [Id(0)] public string? Name { get; init; }

    [Id(1)] public string? CountyCode { get; init; }

    [Id(2)] public DateTimeOffset RegisteredAt { get; init; }

    [Id(3)] public ImmutableDictionary<string, OwnedProject> Projects { get; init; } = ImmutableDictionary<string, OwnedProject>.Empty;

    /// <summary>The latest summary of each of its financing requests, by request id.</summary>
    [Id(4)] public ImmutableDictionary<string, FinancingRow> Financing { get; init; } = ImmutableDictionary<string, FinancingRow>.Empty;

    [Id(5)] public ImmutableArray<AuditEntry> History { get; init; } = [];
}
