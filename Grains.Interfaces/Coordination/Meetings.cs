using System.Collections.Immutable;
using Liandong.Reporting;

namespace Liandong.Coordination;

/// <summary>An on-site office meeting (现场办公会) as convened: the body of POST /api/v1/meetings.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.MeetingDraft")]
public sealed record MeetingDraft(
    [property: Id(0)] string CityCode,
    [property: Id(1)] string CountyCode,
    [property: Id(2)] DateOnly Date,
    [property: Id(3)] string Title,
    [property: Id(4)] string Host,
    [property: Id(5)] ImmutableArray<string> Attendees,
    [property: Id(6)] int Year,
    [property: Id(7)] int Month,
    [property: Id(8)] string? Place);

/// <summary>What a matter needs to know about the meeting it is raised at.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.MeetingInfo")]
public sealed record MeetingInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string CityCode,
    [property: Id(2)] string CountyCode,
    [property: Id(3)] DateOnly Date,
    [property: Id(4)] string Title);

/// <summary>
/// A meeting with the county's report frozen when it opened (<see cref="CountyReport"/>: 1–<see cref="Month"/>月
/// of <see cref="Year"/>) and the latest state of every matter raised there.
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.MeetingView")]
public sealed record MeetingView(
    [property: Id(0)] string Id,
    [property: Id(1)] string CityCode,
    [property: Id(2)] string CountyCode,
    [property: Id(3)] string CountyName,
    [property: Id(4)] DateOnly Date,
    [property: Id(5)] string Title,
    [property: Id(6)] string Place,
    [property: Id(7)] string Host,
    [property: Id(8)] ImmutableArray<string> Attendees,
    [property: Id(9)] int Year,
    [property: Id(10)] int Month,
    [property: Id(11)] Totals CountyReport,
    [property: Id(12)] DateTimeOffset ReportTakenAt,
    [property: Id(13)] ImmutableArray<MatterView> Matters,
    [property: Id(14)] ImmutableArray<AuditEntry> History);

/// <summary>A meeting in a city's or county's list.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.MeetingSummary")]
public sealed record MeetingSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] DateOnly Date,
    [property: Id(3)] string CityCode,
    [property: Id(4)] string CountyCode,
    [property: Id(5)] string CountyName,
    [property: Id(6)] string Host,
    [property: Id(7)] int MatterCount,
    [property: Id(8)] int ResolvedCount,
    [property: Id(9)] long Version) : IIndexEntry;
