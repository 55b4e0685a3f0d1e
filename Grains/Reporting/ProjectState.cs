using System.Collections.Immutable;
using Liandong.Reporting;

namespace Liandong.Grains.Reporting;

/// <summary>What a project grain persists.</summary>
/// <remarks>A parameterless record with defaults, because Orleans creates the state of a new grain with <c>new()</c>.</remarks>
[GenerateSerializer, Alias("Liandong.ProjectState")]
public sealed partial record ProjectState
{
    public static ProjectState Empty { get; } = new();

    [Id(0)] public ProjectProfile? Profile { get; init; }

    [Id(1)] public ImmutableArray<MonthlyReport> Reports { get; init; } = [];

    /// <summary>Every change with who made it and when (the audit trail).</summary>
    [Id(2)] public ImmutableArray<AuditEntry> History { get; init; } = [];

    [Id(3)] public DateTimeOffset RegisteredAt { get; init; }

    /// <summary>Grows with every persisted change; the town ignores snapshots older than what it holds.</summary>
    [Id(4)] public long Version { get; init; }

    /// <summary>The version the town has confirmed, as of the last write.</summary>
    [Id(5)] public long SyncedVersion { get; init; }
}
