using System.Collections.Immutable;
using Liandong.Reporting;

namespace Liandong.Hierarchy;

/// <summary>Level of an administrative division.</summary>
public enum DivisionLevel
{
    City = 0,
    County = 1,
    Town = 2,
}

/// <summary>A registered city, county or town.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.DivisionInfo")]
public sealed record DivisionInfo(
    [property: Id(0)] DivisionLevel Level,
    [property: Id(1)] string Code,
    [property: Id(2)] string Name,
    [property: Id(3)] string? ParentCode,
    [property: Id(4)] bool Created);

/// <summary>
/// The figures a child sends up to its parent. <see cref="Version"/> grows with every change the child
/// persisted, so that a parent can ignore a stale or repeated snapshot. <see cref="Origin"/> is when the
/// oldest project write this snapshot carries for the first time was acknowledged (null when unknown, e.g.
/// a push retried after a silo died): the parents measure the roll-up's propagation delay from it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.ChildSnapshot")]
public sealed record ChildSnapshot(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] long Version,
    [property: Id(3)] Figures Figures,
    [property: Id(4)] ProjectCategory? Category = null,
    [property: Id(5)] ProjectStage? Stage = null,
    [property: Id(6)] DateTimeOffset? Origin = null,
    [property: Id(7)] bool Rebuilding = false);

/// <summary>One child of a division with its totals for the period.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.ChildTotals")]
public sealed record ChildTotals(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] Totals Totals);

/// <summary>One project in a town's list, for the period.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.ProjectRow")]
public sealed record ProjectRow(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] ProjectCategory Category,
    [property: Id(3)] ProjectStage Stage,
    [property: Id(4)] Light? Light,
    [property: Id(5)] decimal CompletedYtd,
    [property: Id(6)] decimal AnnualPlan);

/// <summary>A division's overview for a period: its totals and those of each child, read in one grain call.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.DivisionOverview")]
public sealed record DivisionOverview(
    [property: Id(0)] DivisionLevel Level,
    [property: Id(1)] string Code,
    [property: Id(2)] string Name,
    [property: Id(3)] string? ParentCode,
    [property: Id(4)] Totals Totals,
    [property: Id(5)] ImmutableArray<ChildTotals> Children,
    [property: Id(6)] ImmutableArray<ProjectRow> Projects)
{
    /// <summary>Financing totals of everything below (from the roll-up, not period-bound).</summary>
    [Id(7)]
    public Liandong.Finance.FinanceFigures Finance { get; init; } = Liandong.Finance.FinanceFigures.Empty;

    /// <summary>Open factor needs below, by kind and by department (from the roll-up).</summary>
    [Id(8)]
    public Liandong.Finance.FactorCounts Factors { get; init; } = Liandong.Finance.FactorCounts.Empty;

    /// <summary>
    /// The division is rebuilding its figures from its children after a crash: its totals may be partial and must
    /// not be shown as complete ("重建中"). False again once every child has answered.
    /// </summary>
    [Id(9)]
    public bool Rebuilding { get; init; }
}
