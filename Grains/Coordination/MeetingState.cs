using System.Collections.Immutable;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Grains.Coordination;

/// <summary>What a meeting grain persists: the meeting, the county's frozen report and the latest state of its matters.</summary>
[GenerateSerializer, Alias("Liandong.MeetingState")]
public sealed record MeetingState : ISyncedState<MeetingState>
{
    [Id(0)] public MeetingDraft? Draft { get; init; }

    [Id(1)] public string CountyName { get; init; } = "";

    /// <summary>The county's totals for 1–M月 as they stood when the meeting opened; never recomputed.</summary>
    [Id(2)] public Totals? CountyReport { get; init; }

    [Id(3)] public DateTimeOffset ReportTakenAt { get; init; }

    /// <summary>The matters raised at the meeting, in the order they were raised, as each last pushed itself.</summary>
    [Id(4)] public ImmutableArray<MatterView> Matters { get; init; } = [];

    [Id(5)] public ImmutableArray<AuditEntry> History { get; init; } = [];

    [Id(6)] public long Version { get; init; }

    [Id(7)] public long SyncedVersion { get; init; }

    public MeetingState WithVersions(long version, long syncedVersion) => this with { Version = version, SyncedVersion = syncedVersion };
}
