using System.Collections.Immutable;
using Liandong.Reporting;

namespace Liandong.Coordination;

/// <summary>The four leading bodies (四套班子) a linked leader belongs to.</summary>
public enum LeadingBody
{
    /// <summary>市委 (the city party committee)</summary>
    PartyCommittee = 0,
    /// <summary>市人大常委会 (the people's congress standing committee)</summary>
    PeoplesCongress = 1,
    /// <summary>市政府 (the city government)</summary>
    Government = 2,
    /// <summary>市政协 (the CPPCC committee)</summary>
    Cppcc = 3,
}

/// <summary>A registered leader (people appear by title, not by name).</summary>
[GenerateSerializer, Immutable, Alias("Liandong.LeaderInfo")]
public sealed record LeaderInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] LeadingBody Body,
    [property: Id(3)] string CityCode,
    [property: Id(4)] bool Created);

/// <summary>A project a leader is linked to, as the leader grain keeps it.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.LinkedProject")]
public sealed record LinkedProject(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string TownCode,
    [property: Id(3)] DateTimeOffset Since);

/// <summary>A linked project on the leader's page: its light for the period and its unresolved matters.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.LeaderProjectRow")]
public sealed record LeaderProjectRow(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string TownCode,
    [property: Id(3)] Light? Light,
    [property: Id(4)] int OpenMatters,
    [property: Id(5)] decimal CompletedYtd,
    [property: Id(6)] decimal AnnualPlan);

/// <summary>A site visit in a leader's list.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.VisitSummary")]
public sealed record VisitSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] string? Place,
    [property: Id(3)] ImmutableArray<string> ProjectCodes,
    [property: Id(4)] string Findings,
    [property: Id(5)] int MatterCount,
    [property: Id(6)] long Version) : IIndexEntry;

/// <summary>A leader's page: linked projects with lights and open matters, and site visits.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.LeaderView")]
public sealed record LeaderView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] LeadingBody Body,
    [property: Id(3)] string CityCode,
    [property: Id(4)] ImmutableArray<LeaderProjectRow> Projects,
    [property: Id(5)] ImmutableArray<VisitSummary> Visits,
    [property: Id(6)] ImmutableArray<AuditEntry> History);

/// <summary>A leader in a city's list.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.LeaderSummary")]
public sealed record LeaderSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] LeadingBody Body,
    [property: Id(3)] string CityCode,
    [property: Id(4)] ImmutableArray<string> ProjectCodes,
    [property: Id(5)] long Version) : IIndexEntry;

/// <summary>A site visit (实地调研) as recorded: the body of POST /api/v1/visits.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.VisitDraft")]
public sealed record VisitDraft(
    [property: Id(0)] string LeaderId,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] ImmutableArray<string> ProjectCodes,
    [property: Id(3)] string Findings,
    [property: Id(4)] string? Place);

/// <summary>What a matter needs to know about the visit it arose from.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.VisitInfo")]
public sealed record VisitInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string LeaderId,
    [property: Id(2)] string CityCode,
    [property: Id(3)] DateOnly Date);

/// <summary>A project a visit went to.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.VisitedProject")]
public sealed record VisitedProject(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name);

/// <summary>A site visit with its findings and the matters that arose from it.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.VisitView")]
public sealed record VisitView(
    [property: Id(0)] string Id,
    [property: Id(1)] string LeaderId,
    [property: Id(2)] string LeaderTitle,
    [property: Id(3)] string CityCode,
    [property: Id(4)] DateOnly Date,
    [property: Id(5)] string? Place,
    [property: Id(6)] ImmutableArray<VisitedProject> Projects,
    [property: Id(7)] string Findings,
    [property: Id(8)] DateTimeOffset RecordedAt,
    [property: Id(9)] ImmutableArray<MatterSummary> Matters,
    [property: Id(10)] ImmutableArray<AuditEntry> History);
