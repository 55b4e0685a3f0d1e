using Liandong.Tenders;
using static Liandong.Grains.Tests.Integrity.Processes;

namespace Liandong.Grains.Tests.Integrity;

public sealed class StatutoryCheckTests
{
    [Fact]
    public void ExactlyTwentyDaysFromDocumentsToDeadlinePasses()
    {
        var report = Run(Tender("T1", t => t with { BidDeadline = Day0.AddDays(20) }));
        Assert.Empty(report.Flags("CN-window"));
        Assert.Equal(1, report.Coverage("CN-window").Evaluated);
    }

    [Fact]
    public void NineteenDaysFlagsTheWindowWithTheDaysAsEvidence()
    {
        var flag = Assert.Single(Run(Tender("T1", t => t with { BidDeadline = Day0.AddDays(19) })).Flags("CN-window"));
        Assert.Equal(19, flag.Value);
        Assert.Contains(flag.Evidence.Figures, f => f.Name == "minimumDays" && f.Value == "20");
    }

    [Fact]
    public void TheWindowIsACitySetting()
    {
        var report = Run(IntegritySettings.Default with { MinBidWindowDays = 25 }, Tender("T1"));
        Assert.Single(report.Flags("CN-window"));
    }

    [Fact]
    public void AWindowWithoutADeadlineIsCountedAsMissingNotPassed()
    {
        var report = Run(Tender("T1", t => t with { BidDeadline = null }));
        Assert.Empty(report.Flags("CN-window"));
        var coverage = report.Coverage("CN-window");
        Assert.Equal(0, coverage.Evaluated);
        Assert.Equal(1, coverage.Missing["bidDeadline"]);
    }

    [Fact]
    public void ThreeBiddersPassTwoFlagAndWithdrawnBidsDoNotCount()
    {
        Assert.Empty(Run(Tender("T1")).Flags("CN-bidders"));
        var two = Tender("T2", t => t with { Bidders = Bids(Bid("A", 90m), Bid("B", 95m), Bid("C", 99m, BidStatus.Withdrawn)) });
        var flag = Assert.Single(Run(two).Flags("CN-bidders"));
        Assert.Equal(2, flag.Value);
    }

    [Fact]
    public void DocumentsOnSaleFiveDaysPassFourFlag()
    {
        Assert.Empty(Run(Tender("T1", t => t with { DocumentsTo = Day0.AddDays(4) })).Flags("CN-docs"));
        Assert.Single(Run(Tender("T1", t => t with { DocumentsTo = Day0.AddDays(3) })).Flags("CN-docs"));
    }

    [Fact]
    public void BidBondOfTwoPercentPassesAboveFlags()
    {
        Assert.Empty(Run(Tender("T1", t => t with { BidBondPercent = 2m })).Flags("CN-bond"));
        Assert.Single(Run(Tender("T1", t => t with { BidBondPercent = 2.01m })).Flags("CN-bond"));
    }

    [Fact]
    public void PerformanceBondOfTenPercentPassesAboveFlags()
    {
        Assert.Empty(Run(Tender("T1", t => t with { PerformanceBondPercent = 10m })).Flags("CN-perfbond"));
        Assert.Single(Run(Tender("T1", t => t with { PerformanceBondPercent = 10.5m })).Flags("CN-perfbond"));
    }

    [Fact]
    public void ContractThirtyDaysAfterAwardPassesThirtyOneFlags()
    {
        Assert.Empty(Run(Tender("T1", t => t with { ContractDate = t.AwardDate!.Value.AddDays(30) })).Flags("CN-contract"));
        Assert.Single(Run(Tender("T1", t => t with { ContractDate = t.AwardDate!.Value.AddDays(31) })).Flags("CN-contract"));
    }

    [Theory]
    [InlineData(TenderKind.Works, 400, true)]
    [InlineData(TenderKind.Works, 399.99, false)]
    [InlineData(TenderKind.Goods, 200, true)]
    [InlineData(TenderKind.Goods, 199, false)]
    [InlineData(TenderKind.Services, 100, true)]
    [InlineData(TenderKind.Services, 99.5, false)]
    public void StateFundedUntenderedContractsAtTheThresholdMustHaveBeenTendered(TenderKind kind, double amount, bool flagged)
    {
        var record = Tender("T1", t => t with { Kind = kind, Method = TenderMethod.Direct, AwardPrice = (decimal)amount });
        Assert.Equal(flagged, Run(record).Flags("CN-mustTender").Count == 1);
    }

    [Fact]
    public void TenderedOrPrivatelyFundedContractsAreNotMustTenderFlags()
    {
        Assert.Empty(Run(Tender("T1", t => t with { AwardPrice = 900m })).Flags("CN-mustTender"));
        Assert.Empty(Run(Tender("T2", t => t with { Method = TenderMethod.Direct, StateFunded = false, AwardPrice = 900m })).Flags("CN-mustTender"));
    }

    [Fact]
    public void ThreeUntenderedWorksOf390OnOneProjectAreASplit()
    {
        var records = Enumerable.Range(1, 3)
            .Select(i => Tender($"S{i}", t => t with { Method = TenderMethod.Negotiation, AwardPrice = 390m, Budget = 390m }))
            .ToArray();
        var flag = Assert.Single(Run(records).Flags("CN-split"));
        Assert.Equal(1170, flag.Value);
        Assert.Equal(FlagLevel.Project, flag.Level);
        Assert.Equal(3, flag.Evidence.Processes.Length);
        Assert.Empty(Run(records).Flags("CN-mustTender"));
    }

    [Fact]
    public void SmallProcurementsBelowTheThresholdInSumOrAllTenderedAreNotASplit()
    {
        var small = Enumerable.Range(1, 2).Select(i => Tender($"S{i}", t => t with { Method = TenderMethod.Direct, AwardPrice = 150m })).ToArray();
        Assert.Empty(Run(small).Flags("CN-split"));
        var tendered = Enumerable.Range(1, 3).Select(i => Tender($"S{i}", t => t with { AwardPrice = 390m })).ToArray();
        Assert.Empty(Run(tendered).Flags("CN-split"));
        var otherProjects = Enumerable.Range(1, 3).Select(i => Tender($"S{i}", t => t with { Method = TenderMethod.Direct, AwardPrice = 390m }, project: $"P{i}")).ToArray();
        Assert.Empty(Run(otherProjects).Flags("CN-split"));
    }

    [Fact]
    public void BiddersSharingAPhoneWrittenDifferentlyAreRelated()
    {
        var record = Tender("T1", t => t with
        {
            Bidders = Bids(Bid("A", 90m, phone: "0759-5551234"), Bid("B", 95m, phone: "0759 555 1234"), Bid("C", 99m, phone: "0759-5559999")),
        });
        var flag = Assert.Single(Run(record).Flags("CN-related"));
        Assert.Equal(2, flag.Value);
        Assert.Equal(["Bidder A (A)", "Bidder B (B)"], flag.Evidence.Organisations);
        Assert.Contains(flag.Evidence.Figures, f => f.Name == "contactPhone");
    }

    [Fact]
    public void BiddersWithDistinctDetailsAreNotRelatedAndMissingDetailsAreCoverage()
    {
        var distinct = Tender("T1", t => t with
        {
            Bidders = Bids(Bid("A", 90m, rep: "张三", account: "6222-01"), Bid("B", 95m, rep: "李四", account: "6222-02"), Bid("C", 99m, rep: "王五")),
        });
        Assert.Empty(Run(distinct).Flags("CN-related"));
        var bare = Run(Tender("T2"));
        Assert.Empty(bare.Flags("CN-related"));
        Assert.Equal(1, bare.Coverage("CN-related").Missing["bidderDetails"]);
    }

    [Fact]
    public void SharedLegalRepresentativeOrBondAccountIsRelated()
    {
        var record = Tender("T1", t => t with
        {
            Bidders = Bids(Bid("A", 90m, rep: "张三"), Bid("B", 95m, rep: " 张三 "), Bid("C", 99m, account: "6222 01"), Bid("D", 98m, account: "622201")),
        });
        var flag = Assert.Single(Run(record).Flags("CN-related"));
        Assert.Equal(4, flag.Value);
    }

    [Fact]
    public void FourWinsOfOneBuyerWithinAYearExceedTheLimitOfThree()
    {
        var records = Enumerable.Range(0, 4).Select(i => Tender($"W{i}", t => t with { AwardDate = Day0.AddDays(i * 100) })).ToArray();
        var flag = Assert.Single(Run(records).Flags("CN-serialWinner"));
        Assert.Equal("A", flag.Subject);
        Assert.Equal("BUYER-1", flag.Scope);
        Assert.Equal(4, flag.Value);
    }

    [Fact]
    public void WinsSpreadBeyondTheWindowOrAcrossBuyersAreNotSerial()
    {
        // Day 0 and day 365 are a year apart: never in one window.
        var spread = new[] { 0, 100, 200, 365 }.Select((d, i) => Tender($"W{i}", t => t with { AwardDate = Day0.AddDays(d) })).ToArray();
        Assert.Empty(Run(spread).Flags("CN-serialWinner"));
        var buyers = Enumerable.Range(0, 4).Select(i => Tender($"W{i}", t => t with { AwardDate = Day0.AddDays(i), BuyerId = i < 2 ? "B1" : "B2" })).ToArray();
        Assert.Empty(Run(buyers).Flags("CN-serialWinner"));
        Assert.Single(Run(IntegritySettings.Default with { SerialWinnerLimit = 1 }, buyers).Flags("CN-serialWinner"), f => f.Scope == "B1");
    }
}
