using System.Collections.Immutable;
using Liandong.Finance;
using Liandong.Reporting;

namespace Liandong.Grains.Finance;

/// <summary>What a financing request grain persists (state name "financing"): the whole conversation.</summary>
[GenerateSerializer, Alias("Liandong.FinancingState")]
public sealed record FinancingState
{
    public static FinancingState Empty { get; } = new();

    /// <summary>Null until the request is submitted.</summary>
    [Id(0)] public string? ProjectCode { get; init; }

    [Id(1)] public string ProjectName { get; init; } = "";

    [Id(2)] public string TownCode { get; init; } = "";

    [Id(3)] public string CreditCode { get; init; } = "";

    [Id(4)] public string EnterpriseName { get; init; } = "";

    [Id(5)] public decimal Amount { get; init; }

    [Id(6)] public string Purpose { get; init; } = "";

    [Id(7)] public int TermMonths { get; init; }

    [Id(8)] public FinancingStatus Status { get; init; }

    [Id(9)] public DateTimeOffset SubmittedAt { get; init; }

    [Id(10)] public ImmutableArray<BankChannel> Banks { get; init; } = [];

    [Id(11)] public ImmutableArray<Recommendation> Recommendations { get; init; } = [];

    [Id(12)] public ImmutableArray<FinancingOffer> Offers { get; init; } = [];

    [Id(13)] public string? AcceptedOfferId { get; init; }

    [Id(14)] public ImmutableArray<Disbursement> Disbursements { get; init; } = [];

    [Id(15)] public ImmutableArray<AuditEntry> History { get; init; } = [];

    /// <summary>Grows with every persisted step; receivers keep the newest summary they were sent.</summary>
    [Id(16)] public long Version { get; init; }

    /// <summary>The version every receiver has confirmed, as of the last write.</summary>
    [Id(17)] public long SyncedVersion { get; init; }

    [Id(18)] public DateTimeOffset UpdatedAt { get; init; }

    [Id(19)] public string UpdatedBy { get; init; } = "";

    public FinancingOffer? AcceptedOffer => AcceptedOfferId is { } id ? Offers.FirstOrDefault(o => o.Id == id) : null;

    public decimal Offered => SafeMath.Sum(Offers.Select(o => o.Amount));

    public decimal Accepted => AcceptedOffer?.Amount ?? 0m;

    public decimal Disbursed => SafeMath.Sum(Disbursements.Select(d => d.Amount));
}
