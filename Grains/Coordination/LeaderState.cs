using System.Collections.Immutable;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Grains.Coordination;

/// <summary>What a leader grain persists.</summary>
[GenerateSerializer, Alias("Liandong.LeaderState")]
public sealed record LeaderState : ISyncedState<LeaderState>
{
    [Id(0)] public string? Title { get; init; }

    [Id(1)] public LeadingBody Body { get; init; }

    [Id(2)] public string? CityCode { get; init; }

    /// <summary>The linked projects, as the projects (which hold the link) announced them.</summary>
    [Id(3)] public ImmutableArray<LinkedProject> Projects { get; init; } = [];

    [Id(4)] public ImmutableDictionary<string, VisitSummary> Visits { get; init; } = ImmutableDictionary<string, VisitSummary>.Empty;

    [Id(5)] public ImmutableArray<AuditEntry> History { get; init; } = [];

    [Id(6)] public long Version { get; init; }

    [Id(7)] public long SyncedVersion { get; init; }

    public LeaderState WithVersions(long version, long syncedVersion) => this with { Version = version, SyncedVersion = syncedVersion };
}
