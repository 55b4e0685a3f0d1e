using System.Collections.Immutable;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Grains.Coordination;

/// <summary>A town's share as stored.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.TownShareState")]
public sealed record TownShareState(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] decimal Percent,
    [property: Id(3)] string? Note,
    [property: Id(4)] DateTimeOffset? UpdatedAt);

/// <summary>A county's share as stored: its own progress until it is split, then its towns'.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.CountyShareState")]
public sealed record CountyShareState(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] decimal OwnPercent,
    [property: Id(3)] string? Note,
    [property: Id(4)] DateTimeOffset? UpdatedAt,
    [property: Id(5)] ImmutableArray<TownShareState> Towns)
{
    public bool Split => !Towns.IsDefaultOrEmpty;

    /// <summary>A split county reports the mean of its towns.</summary>
    public decimal Percent => Split ? DirectiveRules.Mean(Towns.Select(t => t.Percent)) : OwnPercent;
}

/// <summary>What a directive grain persists.</summary>
[GenerateSerializer, Alias("Liandong.DirectiveState")]
public sealed record DirectiveState : ISyncedState<DirectiveState>
{
    [Id(0)] public DirectiveDraft? Draft { get; init; }

    [Id(1)] public DateTimeOffset IssuedAt { get; init; }

    [Id(2)] public ImmutableArray<CountyShareState> Counties { get; init; } = [];

    /// <summary>Every progress report as it arrived (nothing is overwritten without a trace).</summary>
    [Id(3)] public ImmutableArray<ProgressReport> Progress { get; init; } = [];

    [Id(4)] public ImmutableArray<AuditEntry> History { get; init; } = [];

    [Id(5)] public long Version { get; init; }

    [Id(6)] public long SyncedVersion { get; init; }

    /// <summary>The directive reports the mean of its counties.</summary>
    public decimal Percent => DirectiveRules.Mean(Counties.Select(c => c.Percent));

    public DirectiveState WithVersions(long version, long syncedVersion) => this with { Version = version, SyncedVersion = syncedVersion };
}
