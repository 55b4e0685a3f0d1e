using System.Collections.Immutable;
using Liandong.Reporting;

namespace Liandong.Promotion;

/// <summary>A new lead as the county records it; amounts in 万元, land in 亩, energy in 吨标准煤 a year.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.LeadDraft")]
public sealed record LeadDraft(
    [property: Id(0)] string CountyCode,
    [property: Id(1)] string Name,
    [property: Id(2)] string Investor,
    [property: Id(3)] string IndustryChain,
    [property: Id(4)] decimal PlannedInvestment,
    [property: Id(5)] LeadChannel Channel,
    [property: Id(6)] string? ReferrerId,
    [property: Id(7)] string? ResponsibleLeaderId,
    [property: Id(8)] DateOnly ReceivedDate,
    [property: Id(9)] decimal? FixedAssetInvestment,
    [property: Id(10)] decimal? LandMu,
    [property: Id(11)] decimal? Energy,
    [property: Id(12)] decimal? ExpectedOutput,
    [property: Id(13)] decimal? ExpectedTax);

/// <summary>A move of a lead to a stage, with the date it happened.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.StageMove")]
public sealed record StageMove(
    [property: Id(0)] LeadStage Stage,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] string? Note,
    [property: Id(3)] decimal? SignedAmount,
    [property: Id(4)] string? CreditCode,
    [property: Id(5)] decimal? FundsArrived);

/// <summary>A stage the lead reached: when, who moved it, and what came with it.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.LeadStageEntry")]
public sealed record LeadStageEntry(
    [property: Id(0)] LeadStage Stage,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] string By,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string? Note,
    [property: Id(5)] decimal? SignedAmount,
    [property: Id(6)] string? CreditCode,
    [property: Id(7)] decimal? FundsArrived);

/// <summary>A follow-up (跟进记录).</summary>
[GenerateSerializer, Immutable, Alias("Liandong.LeadFollowUp")]
public sealed record LeadFollowUp(
    [property: Id(0)] FollowUpKind Kind,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] string Note,
    [property: Id(3)] string By,
    [property: Id(4)] DateTimeOffset At);

/// <summary>One timed-handling deadline of a lead, and whether it is met or past.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.LeadDeadline")]
public sealed record LeadDeadline(
    [property: Id(0)] FollowUpKind Kind,
    [property: Id(1)] DateOnly Due,
    [property: Id(2)] DateOnly? MetOn,
    [property: Id(3)] bool Overdue);

/// <summary>What turning a registered lead into a project needs: the project's profile fields.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.LeadConversion")]
public sealed record LeadConversion(
    [property: Id(0)] string TownCode,
    [property: Id(1)] string ProjectCode,
    [property: Id(2)] bool NationalCode,
    [property: Id(3)] ProjectCategory Category,
    [property: Id(4)] ProjectStage Stage,
    [property: Id(5)] decimal TotalInvestment,
    [property: Id(6)] ImmutableArray<AnnualPlan> AnnualPlans,
    [property: Id(7)] DateOnly? StartDate);

/// <summary>A lead as lists, indexes and its referrer keep it; <see cref="Version"/> orders the copies.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.LeadSummary")]
public sealed record LeadSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] long Version,
    [property: Id(2)] string CountyCode,
    [property: Id(3)] string Name,
    [property: Id(4)] string Investor,
    [property: Id(5)] string IndustryChain,
    [property: Id(6)] LeadChannel Channel,
    [property: Id(7)] LeadStage Stage,
    [property: Id(8)] DateOnly StageDate,
    [property: Id(9)] decimal PlannedInvestment,
    [property: Id(10)] decimal SignedAmount,
    [property: Id(11)] decimal FundsArrived,
    [property: Id(12)] bool Overdue,
    [property: Id(13)] bool Stalled,
    [property: Id(14)] string? ReferrerId,
    [property: Id(15)] string? ResponsibleLeaderId,
    [property: Id(16)] string? TownCode,
    [property: Id(17)] string? ProjectCode,
    [property: Id(18)] decimal? ProjectInvestment,
    [property: Id(19)] string DedupeKey,
    [property: Id(20)] DateOnly ReceivedDate) : Liandong.Coordination.IIndexEntry;

/// <summary>The whole lead.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.LeadView")]
public sealed record LeadView(
    [property: Id(0)] string Id,
    [property: Id(1)] LeadDraft Draft,
    [property: Id(2)] LeadStage Stage,
    [property: Id(3)] ImmutableArray<LeadStageEntry> Stages,
    [property: Id(4)] ImmutableArray<LeadFollowUp> FollowUps,
    [property: Id(5)] ImmutableArray<LeadDeadline> Deadlines,
    [property: Id(6)] bool Overdue,
    [property: Id(7)] bool Stalled,
    [property: Id(8)] decimal SignedAmount,
    [property: Id(9)] decimal FundsArrived,
    [property: Id(10)] string? CreditCode,
    [property: Id(11)] string? TownCode,
    [property: Id(12)] string? ProjectCode,
    [property: Id(13)] ImmutableArray<AuditEntry> History,
    [property: Id(14)] long Version);

/// <summary>The link a converted project keeps to its lead; its promotion figures roll up with the project's.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.ProjectLeadLink")]
public sealed record ProjectLeadLink(
    [property: Id(0)] string LeadId,
    [property: Id(1)] string LeadName,
    [property: Id(2)] string? ReferrerId,
    [property: Id(3)] long Version,
    [property: Id(4)] PromotionFigures Figures);

/// <summary>A referrer (引荐人): a 乡贤, a chamber of commerce, an agency or an enterprise already here.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.ReferrerInfo")]
public sealed record ReferrerInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] ReferrerKind Kind,
    [property: Id(3)] string CityCode,
    [property: Id(4)] string? HometownCode,
    [property: Id(5)] string? Contact,
    [property: Id(6)] bool Created);

/// <summary>A referrer with its leads and what they became.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.ReferrerView")]
public sealed record ReferrerView(
    [property: Id(0)] ReferrerInfo Info,
    [property: Id(1)] ImmutableArray<LeadSummary> Leads)
{
    /// <summary>What its leads became: the same figures the city's referrer list shows (<see cref="ReferrerTotals.Of"/>).</summary>
    public ReferrerTotals Totals => ReferrerTotals.Of(Leads);

    public decimal SignedAmount => Totals.SignedAmount;

    public decimal ProjectInvestment => Totals.ProjectInvestment;

    public int Projects => Totals.Projects;
}

/// <summary>Filters of a lead list.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.LeadFilter")]
public sealed record LeadFilter(
    [property: Id(0)] string? CountyCode,
    [property: Id(1)] LeadStage? Stage,
    [property: Id(2)] bool? Overdue,
    [property: Id(3)] string? TownCode = null,
    [property: Id(4)] string? LeaderId = null);
