using System.Collections.Immutable;
using Liandong.Finance;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Client.Api;

/// <summary>Amounts (万元) of a project, an enterprise or a jurisdiction's financing requests, and how many.</summary>
public sealed record FinanceTotalsJson(decimal Requested, decimal Offered, decimal Accepted, decimal Disbursed, int Count)
{
    public static FinanceTotalsJson From(FinanceFigures f) => new(f.Requested, f.Offered, f.Accepted, f.Disbursed, f.Count);
}

/// <summary>A financing request as a list shows it.</summary>
public sealed record FinancingRowJson(
    string Id, string ProjectCode, string ProjectName, string TownCode, string CountyCode, string CreditCode, string EnterpriseName,
    FinancingStatus Status, decimal Requested, decimal Offered, decimal Accepted, decimal Disbursed, string Purpose, int TermMonths,
    DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static FinancingRowJson From(FinancingRow r) => new(
        r.Id, r.ProjectCode, r.ProjectName, r.TownCode, r.CountyCode, r.CreditCode, r.EnterpriseName, r.Status,
        r.Requested, r.Offered, r.Accepted, r.Disbursed, r.Purpose, r.TermMonths, r.SubmittedAt, r.UpdatedAt, r.Version);
}

/// <summary>GET /enterprises/{creditCode}: the enterprise, the projects it owns and its financing requests.</summary>
public sealed record EnterpriseJson(
    string CreditCode, string Name, string CountyCode, bool OrganizationCodeChecks, DateTimeOffset RegisteredAt,
    IReadOnlyList<OwnedProject> Projects, IReadOnlyList<FinancingRowJson> Financing, FinanceTotalsJson Totals, IReadOnlyList<AuditEntry> History);

/// <summary>A bank's amounts, and its requests counted by its own status (every status named, zero included).</summary>
public sealed record BankTotalsJson(int Received, decimal Offered, decimal Accepted, decimal Disbursed, IReadOnlyDictionary<string, int> ByStatus);

/// <summary>GET /banks/{code}.</summary>
public sealed record BankJson(string Code, string Name, string CityCode, DateTimeOffset RegisteredAt, BankTotalsJson Totals, IReadOnlyList<AuditEntry> History);

/// <summary>A request in a bank's inbox, with the bank's own status of it.</summary>
public sealed record BankInboxEntryJson(
    string Id, BankRequestStatus Status, FinancingStatus RequestStatus, DateTimeOffset SentAt, string? OfferId,
    decimal Offered, decimal Accepted, decimal Disbursed, string? DeclineReason, FinancingRowJson Request);

/// <summary>GET /banks/{code}/financing: the bank's inbox, optionally of one status.</summary>
public sealed record BankInboxJson(string Code, string Name, BankRequestStatus? Status, BankTotalsJson Totals, IReadOnlyList<BankInboxEntryJson> Requests);

/// <summary>A bank that declined a request, and why.</summary>
public sealed record DeclineJson(string BankCode, string BankName, DateTimeOffset? At, string? Reason);

/// <summary>A request's amounts, with what remains to be paid of the accepted offer.</summary>
public sealed record FinancingRequestTotalsJson(decimal Requested, decimal Offered, decimal Accepted, decimal Disbursed, decimal Remaining);

/// <summary>GET /financing/{id}: the request with its banks, offers, declines, disbursements and history.</summary>
public sealed record FinancingRequestJson(
    string Id, string ProjectCode, string ProjectName, string TownCode, string CountyCode, string CreditCode, string EnterpriseName,
    decimal Amount, string Purpose, int TermMonths, FinancingStatus Status, DateTimeOffset SubmittedAt,
    IReadOnlyList<BankChannel> Banks, IReadOnlyList<Recommendation> Recommendations, IReadOnlyList<FinancingOffer> Offers, string? AcceptedOfferId,
    IReadOnlyList<DeclineJson> Declines, IReadOnlyList<Disbursement> Disbursements, FinancingRequestTotalsJson Totals,
    IReadOnlyList<AuditEntry> History, long Version);

/// <summary>POST /financing/{id}/offers: the offer made, with the request's status after it.</summary>
public sealed record OfferJson(
    string Id, string FinancingId, string BankCode, string BankName, decimal Amount, decimal RatePercent, int TermMonths,
    OfferStatus Status, DateTimeOffset MadeAt, string MadeBy, FinancingStatus RequestStatus);

/// <summary>GET /{cities,counties}/{code}/financing: the jurisdiction's requests and its totals from the roll-up.</summary>
public sealed record FinancingJurisdictionJson(
    string Code, string Name, string Level, FinancingStatus? Status, FinanceTotalsJson Totals, IReadOnlyList<FinancingRowJson> Requests);

/// <summary>The JSON shapes of enterprises, banks and financing requests.</summary>
internal static class FinanceJson
{
    public static FinanceTotalsJson Totals(FinanceFigures f) => FinanceTotalsJson.From(f);

    public static FinancingRowJson Row(FinancingRow r) => FinancingRowJson.From(r);

    public static EnterpriseJson Enterprise(EnterpriseView e) => new(
        e.CreditCode, e.Name, e.CountyCode, e.OrganizationCodeChecks, e.RegisteredAt, e.Projects, [.. e.Financing.Select(Row)], Totals(e.Totals), e.History);

    public static BankTotalsJson BankTotals(BankTotals t) => new(
        t.Received, t.Offered, t.Accepted, t.Disbursed,
        Enum.GetValues<BankRequestStatus>().ToDictionary(EnumText.Of, s => t.ByStatus.GetValueOrDefault(s)));

    public static BankJson Bank(BankView b) => new(b.Code, b.Name, b.CityCode, b.RegisteredAt, BankTotals(b.Totals), b.History);

    public static BankInboxEntryJson InboxEntry(BankInboxEntry e) => new(
        e.Request.Id, e.Status, e.Request.Status, e.SentAt, e.OfferId, e.Offered, e.Accepted, e.Disbursed, e.DeclineReason, Row(e.Request));

    public static FinancingRequestJson Request(FinancingRequestView v) => new(
        v.Id, v.ProjectCode, v.ProjectName, v.TownCode, v.CountyCode, v.CreditCode, v.EnterpriseName, v.Amount, v.Purpose, v.TermMonths,
        v.Status, v.SubmittedAt, v.Banks, v.Recommendations, v.Offers, v.AcceptedOfferId,
        [.. v.Banks.Where(b => b.Status == BankRequestStatus.Declined).Select(b => new DeclineJson(b.BankCode, b.BankName, b.AnsweredAt, b.DeclineReason))],
        v.Disbursements,
        new FinancingRequestTotalsJson(v.Figures.Requested, v.Figures.Offered, v.Figures.Accepted, v.Figures.Disbursed, v.Figures.Accepted - v.Figures.Disbursed),
        v.History, v.Version);

    public static OfferJson Offer(FinancingOffer o, FinancingRequestView v) => new(
        o.Id, v.Id, o.BankCode, o.BankName, o.Amount, o.RatePercent, o.TermMonths, o.Status, o.MadeAt, o.MadeBy, v.Status);

    public static FinancingJurisdictionJson Jurisdiction(DivisionOverview o, IEnumerable<FinancingRow> rows, FinancingStatus? filter) => new(
        o.Code, o.Name, EnumText.Of(o.Level), filter, Totals(o.Finance),
        [.. rows.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(Row)]);
}
