using System.Collections.Immutable;
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
/// <remarks>A parameterless record with defaults, because Orleans creates the state of a new grain with <c>new()</c>.</remarks>
[GenerateSerializer, Alias("Liandong.DivisionState")]
public sealed record DivisionState
{
    public static DivisionState Empty { get; } = new();

    [Id(0)] public string? Name { get; init; }

    [Id(1)] public string? ParentCode { get; init; }

    [Id(2)] public ImmutableDictionary<string, ChildEntry> Children { get; init; } = ImmutableDictionary<string, ChildEntry>.Empty;

    /// <summary>Grows with every change that the parent should hear of.</summary>
    [Id(3)] public long Version { get; init; }

    /// <summary>The version the parent holds, as of the last write.</summary>
    [Id(4)] public long SyncedVersion { get; init; }

    /// <summary>Serial for the project codes a town hands out.</summary>
    [Id(5)] public int ProjectSerial { get; init; }

    [Id(6)] public ImmutableArray<AuditEntry> History { get; init; } = [];

    /// <summary>
    /// Counts the activations that held figures in memory; a division's versions start at
    /// <c>Epoch &lt;&lt; 32</c>, so what a later activation sends outranks whatever an earlier one sent.
    /// </summary>
    [Id(7)] public long Epoch { get; init; }

    /// <summary>
    /// Set while an activation holds children's figures it has not written. Found set at activation, it says
    /// the previous activation died with them: the division then rebuilds its figures from its children.
    /// </summary>
    [Id(8)] public bool Open { get; init; }

    /// <summary>The sum of the children's latest figures: derived, so never stored.</summary>
    public Figures SumOfChildren() => Children.Values.Aggregate(Figures.Empty, (sum, child) => sum.Add(child.Figures));
}
