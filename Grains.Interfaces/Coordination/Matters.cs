using System.Collections.Immutable;
using Liandong.Reporting;

namespace Liandong.Coordination;

/// <summary>Where a matter (事项) stands.</summary>
public enum MatterStatus
{
    /// <summary>Raised; at least one department has not answered yet.</summary>
    Open = 0,
    /// <summary>Every department has answered; the raiser has not confirmed it resolved.</summary>
    Answered = 1,
    /// <summary>The raiser confirmed it resolved (办结).</summary>
    Resolved = 2,
    /// <summary>The raiser reopened it; the departments owe fresh answers.</summary>
    Reopened = 3,
}

/// <summary>A matter as raised: the body of POST /api/v1/matters.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.MatterDraft")]
public sealed record MatterDraft(
    [property: Id(0)] string Title,
    [property: Id(1)] string? Detail,
    [property: Id(2)] string RaisedBy,
    [property: Id(3)] string? ProjectCode,
    [property: Id(4)] string AddressedTo,
    [property: Id(5)] ImmutableArray<string> Departments,
    [property: Id(6)] DateOnly DueDate,
    [property: Id(7)] string? MeetingId = null,
    [property: Id(8)] string? VisitId = null);

/// <summary>One answer a department gave; <see cref="Round"/> counts the reopenings before it.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.AnswerRecord")]
public sealed record AnswerRecord(
    [property: Id(0)] string Text,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] int Round);

/// <summary>A department assigned to a matter with its latest answer; <see cref="Pending"/> while it owes one in the current round.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.MatterDepartment")]
public sealed record MatterDepartment(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Answer,
    [property: Id(3)] DateTimeOffset? AnsweredAt,
    [property: Id(4)] string? AnsweredBy,
    [property: Id(5)] bool Pending,
    [property: Id(6)] ImmutableArray<AnswerRecord> Answers);

/// <summary>A step of escalation (提级): the matter left <see cref="From"/> for <see cref="To"/> because <see cref="MissedDeadline"/> passed.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Escalation")]
public sealed record Escalation(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] DateOnly MissedDeadline);

/// <summary>The raiser's confirmation that a matter is resolved (办结).</summary>
[GenerateSerializer, Immutable, Alias("Liandong.MatterResolution")]
public sealed record MatterResolution(
    [property: Id(0)] string? Note,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor);

/// <summary>A matter with its answers, escalations and full history (GET /api/v1/matters/{id}).</summary>
[GenerateSerializer, Immutable, Alias("Liandong.MatterView")]
public sealed record MatterView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Detail,
    [property: Id(3)] MatterStatus Status,
    [property: Id(4)] bool Overdue,
    [property: Id(5)] string RaisedBy,
    [property: Id(6)] string RaisedByName,
    [property: Id(7)] string AddressedTo,
    [property: Id(8)] string Level,
    [property: Id(9)] string? ProjectCode,
    [property: Id(10)] string? ProjectName,
    [property: Id(11)] string? MeetingId,
    [property: Id(12)] string? VisitId,
    [property: Id(13)] DateOnly DueDate,
    [property: Id(14)] DateTimeOffset RaisedAt,
    [property: Id(15)] ImmutableArray<MatterDepartment> Departments,
    [property: Id(16)] ImmutableArray<Escalation> Escalations,
    [property: Id(17)] MatterResolution? Resolution,
    [property: Id(18)] ImmutableArray<AuditEntry> History,
    [property: Id(19)] long Version,
    [property: Id(20)] string? ReopenReason);

/// <summary>
/// The small summary of a matter that departments, jurisdiction indexes and projects keep, so that their
/// lists are one grain call. <see cref="Overdue"/> is judged by the holder when it answers a read.
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.MatterSummary")]
public sealed record MatterSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] MatterStatus Status,
    [property: Id(3)] bool Overdue,
    [property: Id(4)] string RaisedBy,
    [property: Id(5)] string RaisedByName,
    [property: Id(6)] string AddressedTo,
    [property: Id(7)] string Level,
    [property: Id(8)] string? ProjectCode,
    [property: Id(9)] string? MeetingId,
    [property: Id(10)] string? VisitId,
    [property: Id(11)] DateOnly DueDate,
    [property: Id(12)] DateTimeOffset RaisedAt,
    [property: Id(13)] ImmutableArray<string> Departments,
    [property: Id(14)] ImmutableArray<string> PendingDepartments,
    [property: Id(15)] int Escalations,
    [property: Id(16)] long Version) : IIndexEntry
{
    /// <summary>When each department first answered (null in summaries kept before it was recorded): rankings read answer times from it.</summary>
    [Id(17)] public ImmutableDictionary<string, DateTimeOffset>? FirstAnswers { get; init; }

    /// <summary>When the raiser confirmed the matter resolved, while it stays resolved.</summary>
    [Id(18)] public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>The summary as of <paramref name="today"/>.</summary>
    public MatterSummary AsOf(DateOnly today) => this with { Overdue = MatterRules.IsOverdue(Status, DueDate, today) };
}
