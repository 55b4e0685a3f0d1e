using Liandong.Tenders;

namespace Liandong.Client.Api;

/// <summary>A procurement process; bidders and the winner only for those who may see integrity details (null otherwise).</summary>
public sealed record TenderSummaryJson(
    string Id, string? Ocid, string? ProjectCode, string? CountyCode, string CityCode, TenderSource Source, string Title, TenderKind Kind,
    TenderMethod Method, decimal? Budget, bool StateFunded, DateOnly? NoticeDate, DateOnly? DocumentsFrom, DateOnly? DocumentsTo,
    DateOnly? BidDeadline, decimal? BidBondPercent, int BidderCount, IReadOnlyList<BidderJson>? Bidders, DateOnly? AwardDate, string? WinnerId,
    decimal? AwardPrice, DateOnly? ContractDate, decimal? PerformanceBondPercent, long Version, DateTimeOffset UpdatedAt, string UpdatedBy);

public sealed record BidderJson(
    string Id, string Name, string? LegalRepresentative, string? ContactPhone, string? Address, string? BondAccount, decimal? Price,
    BidStatus Status, DateTimeOffset? ReceivedAt);

/// <summary>GET /tenders/{id}: the process with its bidders and the versions its corrections replaced.</summary>
public sealed record TenderDetailJson(TenderSummaryJson Tender, string? BuyerId, string? BuyerName, IReadOnlyList<TenderCorrectionJson> Corrections);

public sealed record TenderCorrectionJson(DateTimeOffset SavedAt, string SavedBy, DateTimeOffset ReplacedAt, string ReplacedBy, TenderSummaryJson Before);

/// <summary>GET /projects/{code}/tenders.</summary>
public sealed record ProjectTendersJson(string ProjectCode, IReadOnlyList<TenderSummaryJson> Tenders);

/// <summary>POST /cities/{code}/tenders/ocds: how many processes came in, and each line refused.</summary>
public sealed record OcdsImportJson(int Imported, int Updated, IReadOnlyList<OcdsLineErrorJson> Rejected);

public sealed record OcdsLineErrorJson(int Line, string Error);

/// <summary>The Tukey fence of a statistical indicator.</summary>
public sealed record FenceJson(double? Q1, double? Q3, double? Lower, double? Upper, int SampleSize, bool Configured);

/// <summary>An integrity alert with its evidence, basis and reviews.</summary>
public sealed record FlagJson(
    string Id, string Indicator, FlagLevel Level, string Subject, string? Scope, string? Ocid, string? TenderId, string? ProjectCode,
    string? CountyCode, double? Value, Severity Severity, FlagEvidenceJson Evidence, string Basis, FlagStatus Status,
    IReadOnlyList<FlagReviewJson> Reviews, DateTimeOffset RaisedAt, DateTimeOffset UpdatedAt);

public sealed record FlagEvidenceJson(IReadOnlyList<EvidenceFigureJson> Figures, IReadOnlyList<string> Organisations, IReadOnlyList<string> Processes, FenceJson? Fence);

public sealed record EvidenceFigureJson(string Name, string Value);

public sealed record FlagReviewJson(ReviewOutcome Outcome, string Note, string By, DateTimeOffset At);

/// <summary>GET /cities/{code}/integrity/flags: the alerts and the fences by indicator.</summary>
public sealed record FlagsJson(IReadOnlyList<FlagJson> Flags, IReadOnlyDictionary<string, FenceJson> Fences);

/// <summary>GET /cities/{code}/integrity/summary.</summary>
public sealed record IntegritySummaryJson(string CityCode, IReadOnlyList<CountyIntegrityJson> Counties);

public sealed record CountyIntegrityJson(string? CountyCode, int Open, int Confirmed, int Dismissed, IReadOnlyList<IndicatorCountJson> Indicators);

public sealed record IndicatorCountJson(string Indicator, int Open, int Confirmed, int Dismissed);

/// <summary>GET /cities/{code}/integrity/coverage.</summary>
public sealed record IntegrityCoverageJson(IReadOnlyList<IndicatorCoverageJson> Indicators);

public sealed record IndicatorCoverageJson(
    string Indicator, int Processes, int Evaluated, IReadOnlyDictionary<string, int> Missing, int Flagged, FenceJson? Fence, string? Note);

/// <summary>The JSON shapes of processes and alerts.</summary>
internal static class TenderJson
{
    public static TenderSummaryJson Summary(TenderRecord r, bool withBidders)
    {
        var d = r.Data;
        return new TenderSummaryJson(
            r.Id, d.Ocid, r.Placement.ProjectCode, r.Placement.CountyCode, r.Placement.CityCode, r.Placement.Source, d.Title, d.Kind, d.Method,
            d.Budget, d.StateFunded, d.NoticeDate, d.DocumentsFrom, d.DocumentsTo, d.BidDeadline, d.BidBondPercent, d.Bidders.Length,
            withBidders ? [.. d.Bidders.Select(Bidder)] : null, d.AwardDate, withBidders ? d.WinnerId : null, d.AwardPrice, d.ContractDate,
            d.PerformanceBondPercent, r.Version, r.UpdatedAt, r.UpdatedBy);
    }

    public static BidderJson Bidder(Bidder b) => new(
        b.Id, b.Name, b.LegalRepresentative, b.ContactPhone, b.Address, b.BondAccount, b.Price, b.Status, b.ReceivedAt);

    public static TenderDetailJson Detail(TenderView view) => new(
        Summary(view.Record, withBidders: true), view.Record.Data.BuyerId, view.Record.Data.BuyerName,
        [.. view.Corrections.Select(c => new TenderCorrectionJson(c.SavedAt, c.SavedBy, c.ReplacedAt, c.ReplacedBy,
            Summary(view.Record with { Data = c.Data }, withBidders: true)))]);

    public static FenceJson Fence(Fence f) => new(f.Q1, f.Q3, f.Lower, f.Upper, f.SampleSize, f.Configured);

    public static FlagJson Flag(IntegrityFlag f) => new(
        f.Id, f.Indicator, f.Finding.Level, f.Finding.Subject, f.Finding.Scope, f.Finding.Ocid, f.Finding.TenderId, f.Finding.ProjectCode,
        f.CountyCode, f.Finding.Value, f.Severity,
        new FlagEvidenceJson(
            [.. f.Finding.Evidence.Figures.Select(x => new EvidenceFigureJson(x.Name, x.Value))],
            f.Finding.Evidence.Organisations, f.Finding.Evidence.Processes,
            f.Finding.Evidence.Fence is { } fence ? Fence(fence) : null),
        f.Basis, f.Status, [.. f.Reviews.Select(r => new FlagReviewJson(r.Outcome, r.Note, r.By, r.At))], f.RaisedAt, f.UpdatedAt);
}
