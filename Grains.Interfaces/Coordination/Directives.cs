using System.Collections.Immutable;
using Liandong.Reporting;

namespace Liandong.Coordination;

/// <summary>A directive (联动任务) as the city issues it: the body of POST /api/v1/directives.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.DirectiveDraft")]
public sealed record DirectiveDraft(
    [property: Id(0)] string CityCode,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Detail,
    [property: Id(3)] DateOnly DueDate,
    [property: Id(4)] ImmutableArray<string> CountyCodes);

/// <summary>A town's share of a county's part of a directive.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.TownShare")]
public sealed record TownShare(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] decimal Percent,
    [property: Id(3)] bool Overdue,
    [property: Id(4)] string? Note,
    [property: Id(5)] DateTimeOffset? UpdatedAt);

/// <summary>A county's share: its own progress, or the mean of its towns once it is split.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.CountyShare")]
public sealed record CountyShare(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] decimal Percent,
    [property: Id(3)] bool Overdue,
    [property: Id(4)] bool Split,
    [property: Id(5)] string? Note,
    [property: Id(6)] DateTimeOffset? UpdatedAt,
    [property: Id(7)] ImmutableArray<TownShare> Towns);

/// <summary>One progress report as it arrived: who reported what for which code.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.ProgressReport")]
public sealed record ProgressReport(
    [property: Id(0)] string Code,
    [property: Id(1)] decimal Percent,
    [property: Id(2)] string? Note,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string Actor);

/// <summary>A directive as it cascades: the city's mean over its counties, each county's over its towns.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.DirectiveView")]
public sealed record DirectiveView(
    [property: Id(0)] string Id,
    [property: Id(1)] string CityCode,
    [property: Id(2)] string Title,
    [property: Id(3)] string? Detail,
    [property: Id(4)] DateOnly DueDate,
    [property: Id(5)] DateTimeOffset IssuedAt,
    [property: Id(6)] decimal Percent,
    [property: Id(7)] bool Overdue,
    [property: Id(8)] ImmutableArray<CountyShare> Counties,
    [property: Id(9)] ImmutableArray<ProgressReport> Progress,
    [property: Id(10)] ImmutableArray<AuditEntry> History,
    [property: Id(11)] long Version);

/// <summary>
/// A directive as one jurisdiction lists it: <see cref="Code"/> is that jurisdiction and <see cref="Percent"/>
/// its own share's progress (the whole directive's for the city).
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.DirectiveSummary")]
public sealed record DirectiveSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string CityCode,
    [property: Id(3)] string Code,
    [property: Id(4)] DateOnly DueDate,
    [property: Id(5)] DateTimeOffset IssuedAt,
    [property: Id(6)] decimal Percent,
    [property: Id(7)] bool Overdue,
    [property: Id(8)] long Version) : IIndexEntry
{
    public DirectiveSummary AsOf(DateOnly today) => this with { Overdue = DirectiveRules.IsOverdue(Percent, DueDate, today) };
}

/// <summary>The rules of a directive's progress.</summary>
public static class DirectiveRules
{
    /// <summary>A share is overdue while it is below 100% past the due date.</summary>
    public static bool IsOverdue(decimal percent, DateOnly dueDate, DateOnly today) => percent < 100m && today > dueDate;

    /// <summary>The mean of the parts, to two decimals; zero without parts.</summary>
    public static decimal Mean(IEnumerable<decimal> parts)
    {
        var list = parts.ToList();
        return list.Count == 0 ? 0m : Math.Round(list.Sum() / list.Count, 2);
    }
}
