using System.Collections.Immutable;
using Liandong.Coordination;
using Liandong.Reporting;

namespace Liandong.Grains.Coordination;

/// <summary>A department assigned to a matter with every answer it gave.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.AssignedDepartment")]
public sealed record AssignedDepartment(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] ImmutableArray<AnswerRecord> Answers)
{
    public bool HasAnsweredRound(int round) => Answers.Any(a => a.Round == round);
}

/// <summary>What a matter grain persists.</summary>
/// <remarks>A parameterless record with defaults, because Orleans creates the state of a new grain with <c>new()</c>.</remarks>
[GenerateSerializer, Alias("Liandong.MatterState")]
public sealed record MatterState : ISyncedState<MatterState>
{
    [Id(0)] public string? Title { get; init; }

    [Id(1)] public string? Detail { get; init; }

    [Id(2)] public string RaisedBy { get; init; } = "";

    [Id(3)] public string RaisedByName { get; init; } = "";

    [Id(4)] public string? ProjectCode { get; init; }

    [Id(5)] public string? ProjectName { get; init; }

    [Id(6)] public string AddressedTo { get; init; } = "";

    /// <summary>The level addressed and every level above it up to the city: the steps escalation can climb.</summary>
    [Id(7)] public ImmutableArray<string> Ladder { get; init; } = [];

    /// <summary>The raiser's division and every level above it: the jurisdictions whose lists show the matter.</summary>
    [Id(8)] public ImmutableArray<string> Jurisdictions { get; init; } = [];

    [Id(9)] public string? MeetingId { get; init; }

    [Id(10)] public string? VisitId { get; init; }

    [Id(11)] public DateOnly DueDate { get; init; }

    [Id(12)] public DateTimeOffset RaisedAt { get; init; }

    [Id(13)] public ImmutableArray<AssignedDepartment> Departments { get; init; } = [];

    [Id(14)] public MatterStatus Status { get; init; }

    /// <summary>How many times the matter was reopened: answers count for the round they were given in.</summary>
    [Id(15)] public int Round { get; init; }

    [Id(16)] public ImmutableArray<Escalation> Escalations { get; init; } = [];

    /// <summary>Escalations since the current due date was set (a reopening with a new due date starts again).</summary>
    [Id(17)] public int EscalationsSinceDue { get; init; }

    [Id(18)] public MatterResolution? Resolution { get; init; }

    [Id(19)] public string? ReopenReason { get; init; }

    [Id(20)] public ImmutableArray<AuditEntry> History { get; init; } = [];

    [Id(21)] public long Version { get; init; }

    [Id(22)] public long SyncedVersion { get; init; }

    public bool Raised => Title is not null;

    /// <summary>The level now responsible: the one addressed, or the one it escalated to.</summary>
    public string Level => Ladder.IsDefaultOrEmpty ? AddressedTo : Ladder[Math.Min(Escalations.Length, Ladder.Length - 1)];

    /// <summary>Whether an overdue matter could still climb: it waits for answers and is below the top of its ladder.</summary>
    public bool MayEscalate => MatterRules.AwaitsAnswers(Status) && Escalations.Length < Ladder.Length - 1;

    /// <summary>The date after which the matter climbs to the next level.</summary>
    public DateOnly NextDeadline(int daysPerLevel) => DueDate.AddDays(daysPerLevel * EscalationsSinceDue);

    public MatterState WithVersions(long version, long syncedVersion) => this with { Version = version, SyncedVersion = syncedVersion };
}
