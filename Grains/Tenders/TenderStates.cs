using System.Collections.Immutable;
using Liandong.Tenders;

namespace Liandong.Grains.Tenders;

/// <summary>What a tender grain persists (state name "tender").</summary>
[GenerateSerializer, Alias("Liandong.Tenders.TenderState")]
public sealed record TenderState
{
    [Id(0)] public TenderRecord? Record { get; init; }

    [Id(1)] public ImmutableArray<TenderRevision> Corrections { get; init; } = [];

    /// <summary>The record version the project's list and the city's index both confirmed.</summary>
    [Id(2)] public long SyncedVersion { get; init; }
}

/// <summary>What a project's tender list persists (state name "project-tenders").</summary>
[GenerateSerializer, Alias("Liandong.Tenders.ProjectTendersState")]
public sealed record ProjectTendersState
{
    [Id(0)] public ImmutableArray<string> Ids { get; init; } = [];
}

/// <summary>What a city's tender index persists (state name "city-tenders").</summary>
[GenerateSerializer, Alias("Liandong.Tenders.CityTendersState")]
public sealed record CityTendersState
{
    [Id(0)] public ImmutableDictionary<string, TenderRecord> Records { get; init; } = ImmutableDictionary<string, TenderRecord>.Empty;

    /// <summary>Bumped by every accepted change, so the integrity grain knows when to recompute.</summary>
    [Id(1)] public long Version { get; init; }
}
