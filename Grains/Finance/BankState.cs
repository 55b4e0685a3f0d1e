using System.Collections.Immutable;
using Liandong.Finance;
using Liandong.Reporting;

namespace Liandong.Grains.Finance;

/// <summary>What a bank grain persists (state name "bank").</summary>
[GenerateSerializer, Alias("Liandong.BankState")]
public sealed record BankState
{
    [Id(0)] public string? Name { get; init; }

    [Id(1)] public string? CityCode { get; init; }

    [Id(2)] public DateTimeOffset RegisteredAt { get; init; }

    /// <summary>Every request recommended to the bank, as the bank last heard of it, by request id.</summary>
    [Id(3)] public ImmutableDictionary<string, BankInboxEntry> Inbox { get; init; } = ImmutableDictionary<string, BankInboxEntry>.Empty;

    [Id(4)] public ImmutableArray<AuditEntry> History { get; init; } = [];
}
