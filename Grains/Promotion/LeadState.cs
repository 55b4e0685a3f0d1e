using System.Collections.Immutable;
using Liandong.Grains.Coordination;
using Liandong.Promotion;
using Liandong.Reporting;

namespace Liandong.Grains.Promotion;

/// <summary>What a lead grain persists.</summary>
[GenerateSerializer, Alias("Liandong.LeadState")]
public sealed record LeadState : ISyncedState<LeadState>
{
    [Id(0)] public LeadDraft? Draft { get; init; }

    [Id(1)] public ImmutableArray<LeadStageEntry> Stages { get; init; } = [];

    [Id(2)] public ImmutableArray<LeadFollowUp> FollowUps { get; init; } = [];

    [Id(3)] public string DedupeKey { get; init; } = "";

    /// <summary>Past a deadline as of the last check (the figures that roll up count this, not the live view).</summary>
    [Id(4)] public bool Overdue { get; init; }

    /// <summary>Signed but not started within the city's limit, as of the last check.</summary>
    [Id(5)] public bool Stalled { get; init; }

    [Id(6)] public string? TownCode { get; init; }

    [Id(7)] public string? ProjectCode { get; init; }

    [Id(8)] public decimal? ProjectInvestment { get; init; }

    [Id(9)] public ImmutableArray<AuditEntry> History { get; init; } = [];

    [Id(10)] public long Version { get; init; }

    [Id(11)] public long SyncedVersion { get; init; }

    /// <summary>The due date of the earliest deadline missed, as of the last check (the date the work list shows); null when not overdue.</summary>
    [Id(12)] public DateOnly? OverdueSince { get; init; }

    public bool Created => Draft is not null;

    public LeadStage Stage => Stages.IsDefaultOrEmpty ? LeadStage.Contact : Stages[^1].Stage;

    public DateOnly StageDate => Stages.IsDefaultOrEmpty ? Draft!.ReceivedDate : Stages[^1].Date;

    public decimal SignedAmount => Stages.Where(s => s.Stage == LeadStage.Signed).Sum(s => s.SignedAmount ?? 0m);

    public decimal FundsArrived => Stages.LastOrDefault(s => s.FundsArrived is not null)?.FundsArrived ?? 0m;

    public string? CreditCode => Stages.LastOrDefault(s => s.CreditCode is not null)?.CreditCode;

    public bool Closed => Stage is LeadStage.Dropped or LeadStage.Producing;

    public LeadState WithVersions(long version, long syncedVersion) => this with { Version = version, SyncedVersion = syncedVersion };
}
