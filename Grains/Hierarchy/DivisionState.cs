using System.Collections.Immutable;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Grains.Hierarchy;

/// <summary>A child as its parent last heard of it.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.ChildEntry")]
public sealed record ChildEntry(
    [property: Id(0)] string Name,
    [property: Id(1)] long Version,
    [property: Id(2)] Figures Figures,
    [property: Id(3)] ProjectCategory? Category,
    [property: Id(4)] ProjectStage? Stage);

/// <summary>What a city, county or town grain persists: its profile and each child's latest snapshot.</summary>
[GenerateSerializer, Alias("Liandong.DivisionState")]
public sealed record DivisionState(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? ParentCode,
    [property: Id(2)] ImmutableDictionary<string, ChildEntry> Children,
    [property: Id(3)] long Version,
    [property: Id(4)] long SyncedVersion,
    [property: Id(5)] int ProjectSerial,
    [property: Id(6)] ImmutableArray<AuditEntry> History)
{
    public static DivisionState Empty { get; } = new(null, null, ImmutableDictionary<string, ChildEntry>.Empty, 0, 0, 0, []);

    /// <summary>The sum of the children's latest figures: derived, so never stored.</summary>
    public Figures SumOfChildren() => Children.Values.Aggregate(Figures.Empty, (sum, child) => sum.Add(child.Figures));
}
