using System.Collections.Immutable;
using Liandong.Grains.Integrity;
using Liandong.Tenders;

namespace Liandong.Grains.Tests.Integrity;

/// <summary>Builds process records for the indicator tests: a clean open works tender unless a test says otherwise.</summary>
internal static class Processes
{
    public static readonly DateOnly Day0 = new(2023, 3, 1);

    public static Bidder Bid(string id, decimal? price, BidStatus status = BidStatus.Valid, string? phone = null, string? rep = null, string? address = null, string? account = null, DateTimeOffset? received = null) =>
        new(id, "Bidder " + id, rep, phone, address, account, price, status, received);

    /// <summary>An open works tender of 100 万元: documents from day 0 for 5 days, deadline day 20, three valid bids, A wins at 90.</summary>
    public static TenderRecord Tender(string id, Func<TenderInput, TenderInput>? change = null, string? project = "P1", string county = "440883", TenderSource source = TenderSource.Entered)
    {
        var input = new TenderInput(
            Ocid: null, Title: "Tender " + id, TenderKind.Works, TenderMethod.Open, Budget: 100m, StateFunded: true,
            NoticeDate: Day0, DocumentsFrom: Day0, DocumentsTo: Day0.AddDays(4), BidDeadline: Day0.AddDays(20), BidBondPercent: 2m,
            Bidders: [Bid("A", 90m), Bid("B", 95m), Bid("C", 99m)],
            AwardDate: Day0.AddDays(25), WinnerId: "A", AwardPrice: 90m, ContractDate: Day0.AddDays(40), PerformanceBondPercent: 10m,
            BuyerId: "BUYER-1", BuyerName: "Buyer 1", ProcuringEntityId: null);
        input = change?.Invoke(input) ?? input;
        return new TenderRecord(id, new TenderPlacement(project, county, "440800", source), input, DateTimeOffset.UnixEpoch, "test", 1);
    }

    public static IntegrityReport Run(IntegritySettings? settings = null, params TenderRecord[] records) =>
        IntegrityEngine.Evaluate(records, settings ?? IntegritySettings.Default);

    public static IntegrityReport Run(params TenderRecord[] records) => Run(null, records);

    public static IReadOnlyList<Finding> Flags(this IntegrityReport report, string indicator) =>
        report.Findings.Where(f => f.Indicator == indicator).ToList();

    public static CoverageRow Coverage(this IntegrityReport report, string indicator) =>
        report.Coverage.First(c => c.Indicator == indicator);

    public static ImmutableArray<Bidder> Bids(params Bidder[] bids) => [.. bids];
}
