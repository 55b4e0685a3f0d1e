using System.Collections.Immutable;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Grains.Coordination;

/// <summary>What a visit grain persists.</summary>
[GenerateSerializer, Alias("Liandong.VisitState")]
public sealed record VisitState : ISyncedState<VisitState>
{
    [Id(0)] public VisitDraft? Draft { get; init; }

    [Id(1)] public string LeaderTitle { get; init; } = "";

    [Id(2)] public string CityCode { get; init; } = "";

    [Id(3)] public ImmutableArray<VisitedProject> Projects { get; init; } = [];

    [Id(4)] public DateTimeOffset RecordedAt { get; init; }

    [Id(5)] public ImmutableDictionary<string, MatterSummary> Matters { get; init; } = ImmutableDictionary<string, MatterSummary>.Empty;

    [Id(6)] public ImmutableArray<AuditEntry> History { get; init; } = [];

    [Id(7)] public long Version { get; init; }

    [Id(8)] public long SyncedVersion { get; init; }

    public VisitState WithVersions(long version, long syncedVersion) => this with { Version = version, SyncedVersion = syncedVersion };
}
