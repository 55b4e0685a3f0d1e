using System.Collections.Immutable;
using Liandong.Reporting;

namespace Liandong.Finance;

/// <summary>What an owner enterprise posts: how much it needs for which project, for what and for how long.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.FinancingSubmission")]
public sealed record FinancingSubmission(
    [property: Id(0)] string ProjectCode,
    [property: Id(1)] string CreditCode,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] string Purpose,
    [property: Id(4)] int TermMonths);

/// <summary>A bank's offer as it makes it (授信意向).</summary>
[GenerateSerializer, Immutable, Alias("Liandong.OfferInput")]
public sealed record OfferInput(
    [property: Id(0)] string BankCode,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] decimal RatePercent,
    [property: Id(3)] int TermMonths);

/// <summary>A payment the bank makes under the accepted offer (放款).</summary>
[GenerateSerializer, Immutable, Alias("Liandong.DisbursementInput")]
public sealed record DisbursementInput([property: Id(0)] decimal Amount, [property: Id(1)] DateOnly Date);

/// <summary>One bank a request was sent to, and its answer.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.BankChannel")]
public sealed record BankChannel(
    [property: Id(0)] string BankCode,
    [property: Id(1)] string BankName,
    [property: Id(2)] BankRequestStatus Status,
    [property: Id(3)] DateTimeOffset SentAt,
    [property: Id(4)] DateTimeOffset? AnsweredAt,
    [property: Id(5)] string? DeclineReason);

/// <summary>The county's recommendation of a request to some banks (推荐).</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Recommendation")]
public sealed record Recommendation(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] ImmutableArray<string> BankCodes,
    [property: Id(3)] string? Note);

/// <summary>A bank's offer on a request.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.FinancingOffer")]
public sealed record FinancingOffer(
    [property: Id(0)] string Id,
    [property: Id(1)] string BankCode,
    [property: Id(2)] string BankName,
    [property: Id(3)] decimal Amount,
    [property: Id(4)] decimal RatePercent,
    [property: Id(5)] int TermMonths,
    [property: Id(6)] OfferStatus Status,
    [property: Id(7)] DateTimeOffset MadeAt,
    [property: Id(8)] string MadeBy);

/// <summary>A payment recorded under the accepted offer.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Disbursement")]
public sealed record Disbursement(
    [property: Id(0)] int Number,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] DateOnly Date,
    [property: Id(3)] DateTimeOffset RecordedAt,
    [property: Id(4)] string RecordedBy);

/// <summary>
/// A request's latest summary as it travels to its project, county index, enterprise and banks.
/// <see cref="Version"/> grows with every persisted step, so a receiver keeps the newest and ignores the rest.
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.FinancingRow")]
public sealed record FinancingRow(
    [property: Id(0)] string Id,
    [property: Id(1)] long Version,
    [property: Id(2)] string ProjectCode,
    [property: Id(3)] string ProjectName,
    [property: Id(4)] string TownCode,
    [property: Id(5)] string CreditCode,
    [property: Id(6)] string EnterpriseName,
    [property: Id(7)] FinancingStatus Status,
    [property: Id(8)] decimal Requested,
    [property: Id(9)] decimal Offered,
    [property: Id(10)] decimal Accepted,
    [property: Id(11)] decimal Disbursed,
    [property: Id(12)] string Purpose,
    [property: Id(13)] int TermMonths,
    [property: Id(14)] DateTimeOffset SubmittedAt,
    [property: Id(15)] DateTimeOffset UpdatedAt,
    [property: Id(16)] string UpdatedBy)
{
    public string CountyCode => TownCode[..6];

    /// <summary>This request's contribution to the roll-up.</summary>
    public FinanceFigures Figures => new(Requested, Offered, Accepted, Disbursed, 1);
}

/// <summary>The whole conversation of one financing request (融资需求).</summary>
[GenerateSerializer, Immutable, Alias("Liandong.FinancingRequestView")]
public sealed record FinancingRequestView(
    [property: Id(0)] string Id,
    [property: Id(1)] string ProjectCode,
    [property: Id(2)] string ProjectName,
    [property: Id(3)] string TownCode,
    [property: Id(4)] string CreditCode,
    [property: Id(5)] string EnterpriseName,
    [property: Id(6)] decimal Amount,
    [property: Id(7)] string Purpose,
    [property: Id(8)] int TermMonths,
    [property: Id(9)] FinancingStatus Status,
    [property: Id(10)] DateTimeOffset SubmittedAt,
    [property: Id(11)] ImmutableArray<BankChannel> Banks,
    [property: Id(12)] ImmutableArray<Recommendation> Recommendations,
    [property: Id(13)] ImmutableArray<FinancingOffer> Offers,
    [property: Id(14)] string? AcceptedOfferId,
    [property: Id(15)] ImmutableArray<Disbursement> Disbursements,
    [property: Id(16)] FinanceFigures Figures,
    [property: Id(17)] ImmutableArray<AuditEntry> History,
    [property: Id(18)] long Version)
{
    public string CountyCode => TownCode[..6];
}

/// <summary>A request as it sits in one bank's inbox, with that bank's own status and amounts.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.BankInboxEntry")]
public sealed record BankInboxEntry(
    [property: Id(0)] FinancingRow Request,
    [property: Id(1)] BankRequestStatus Status,
    [property: Id(2)] DateTimeOffset SentAt,
    [property: Id(3)] string? OfferId,
    [property: Id(4)] decimal Offered,
    [property: Id(5)] decimal Accepted,
    [property: Id(6)] decimal Disbursed,
    [property: Id(7)] string? DeclineReason);

/// <summary>What a bank has received, offered, had accepted and paid out (万元).</summary>
[GenerateSerializer, Immutable, Alias("Liandong.BankTotals")]
public sealed record BankTotals(
    [property: Id(0)] int Received,
    [property: Id(1)] decimal Offered,
    [property: Id(2)] decimal Accepted,
    [property: Id(3)] decimal Disbursed,
    [property: Id(4)] ImmutableDictionary<BankRequestStatus, int> ByStatus);

/// <summary>A bank (or bank branch) taking part in government–bank–enterprise coordination.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.BankView")]
public sealed record BankView(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string CityCode,
    [property: Id(3)] DateTimeOffset RegisteredAt,
    [property: Id(4)] BankTotals Totals,
    [property: Id(5)] ImmutableArray<AuditEntry> History,
    [property: Id(6)] bool Created);

/// <summary>A project an enterprise owns.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.OwnedProject")]
public sealed record OwnedProject(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset Since);

/// <summary>An enterprise (project owner, 项目业主), keyed by its unified social credit code.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.EnterpriseView")]
public sealed record EnterpriseView(
    [property: Id(0)] string CreditCode,
    [property: Id(1)] string Name,
    [property: Id(2)] string CountyCode,
    [property: Id(3)] bool OrganizationCodeChecks,
    [property: Id(4)] ImmutableArray<OwnedProject> Projects,
    [property: Id(5)] ImmutableArray<FinancingRow> Financing,
    [property: Id(6)] FinanceFigures Totals,
    [property: Id(7)] DateTimeOffset RegisteredAt,
    [property: Id(8)] ImmutableArray<AuditEntry> History,
    [property: Id(9)] bool Created);

/// <summary>A project's owner as the project shows it.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.ProjectOwner")]
public sealed record ProjectOwner(
    [property: Id(0)] string CreditCode,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset Since);

/// <summary>What a financing request needs to know of its project before it is submitted.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.ProjectOwnership")]
public sealed record ProjectOwnership(
    [property: Id(0)] string ProjectCode,
    [property: Id(1)] string ProjectName,
    [property: Id(2)] string TownCode,
    [property: Id(3)] ProjectOwner? Owner);
