using Liandong.Grains.Integrity;
using Liandong.Tenders;
using static Liandong.Grains.Tests.Integrity.Processes;

namespace Liandong.Grains.Tests.Integrity;

public sealed class RedFlagTests
{
    [Fact]
    public void QuartilesFollowTheMedianUnbiasedEstimatorOfTheReference()
    {
        // R's quantile(c(1, 2, 3, 4), type = 8): 1.416667 and 3.583333.
        Assert.Equal(1.416667, Quartiles.Quantile([1.0, 2, 3, 4], 0.25), 5);
        Assert.Equal(3.583333, Quartiles.Quantile([1.0, 2, 3, 4], 0.75), 5);
        Assert.Equal(5.0, Quartiles.Quantile([5.0], 0.25));
        Assert.True(double.IsNaN(Quartiles.Quantile([], 0.5)));
        var fence = Quartiles.LowerFence([1.0, 2, 3, 4], null)!;
        Assert.Equal(1.416667 - 1.5 * (3.583333 - 1.416667), fence.Lower!.Value, 5);
    }

    [Fact]
    public void R003FlagsAnOpenTenderShorterThanFifteenDaysOnly()
    {
        Assert.Single(Run(Tender("T1", t => t with { BidDeadline = Day0.AddDays(14) })).Flags("R003"));
        Assert.Empty(Run(Tender("T1", t => t with { BidDeadline = Day0.AddDays(15) })).Flags("R003"));
        var invited = Run(Tender("T1", t => t with { Method = TenderMethod.Invited, BidDeadline = Day0.AddDays(10) }));
        Assert.Empty(invited.Flags("R003"));
        Assert.Equal(0, invited.Coverage("R003").Processes);
    }

    [Fact]
    public void R018FlagsACompetitiveProcessWithOneTenderer()
    {
        var single = Tender("T1", t => t with { Bidders = Bids(Bid("A", 90m), Bid("B", 95m, BidStatus.Withdrawn)) });
        Assert.Single(Run(single).Flags("R018"));
        Assert.Empty(Run(Tender("T2")).Flags("R018"));
        var direct = Tender("T3", t => t with { Method = TenderMethod.Direct, Bidders = Bids(Bid("A", 90m)) });
        Assert.Empty(Run(direct).Flags("R018"));
    }

    private static TenderRecord WithRatio(string id, decimal ratio) =>
        Tender(id, t => t with { Bidders = Bids(Bid("A", 100m), Bid("B", 100m * (1 + ratio)), Bid("C", 200m)), AwardPrice = 100m });

    private static TenderRecord[] RatioSet() =>
        [.. new[] { 0.05m, 0.05m, 0.06m, 0.06m, 0.06m, 0.07m, 0.07m, 0.001m, 0.40m }.Select((r, i) => WithRatio($"R{i}", r))];

    [Fact]
    public void R024FlagsTheLowOutlierBelowQ1MinusOneAndAHalfIqr()
    {
        var report = Run(RatioSet());
        var fence = report.Fences["R024"];
        Assert.Equal(0.05, fence.Q1!.Value, 6);
        Assert.Equal(0.07, fence.Q3!.Value, 6);
        Assert.Equal(0.02, fence.Lower!.Value, 6);
        Assert.Equal(9, fence.SampleSize);
        var flag = Assert.Single(report.Flags("R024"));
        Assert.Equal("R7", flag.TenderId);
        Assert.Equal(0.001, flag.Value!.Value, 6);
        Assert.Same(fence, flag.Evidence.Fence);
    }

    [Fact]
    public void R058FlagsTheHighOutlierAboveQ3PlusOneAndAHalfIqr()
    {
        var report = Run(RatioSet());
        Assert.Equal(0.10, report.Fences["R058"].Upper!.Value, 6);
        var flag = Assert.Single(report.Flags("R058"));
        Assert.Equal("R8", flag.TenderId);
    }

    [Fact]
    public void WithoutAComparableProcessThereIsNoFenceAndNoFlag()
    {
        var unawarded = Tender("T1", t => t with { WinnerId = null, AwardDate = null, AwardPrice = null });
        var report = Run(unawarded);
        Assert.False(report.Fences.ContainsKey("R024"));
        Assert.Empty(report.Flags("R024"));
        Assert.Empty(report.Flags("R058"));
        Assert.Equal(1, report.Coverage("R024").Missing["award"]);
        Assert.NotNull(report.Coverage("R024").Note);
    }

    [Fact]
    public void AWinnerThatIsNotTheLowestBidIsExcludedFromTheRatio()
    {
        var record = Tender("T1", t => t with { WinnerId = "B" });
        var report = Run(record);
        Assert.Equal(1, report.Coverage("R024").Missing["excluded: winner not lowest"]);
    }

    [Fact]
    public void AConfiguredR024ThresholdReplacesTheFence()
    {
        var report = Run(IntegritySettings.Default with { R024Threshold = 0.055 }, RatioSet());
        Assert.True(report.Fences["R024"].Configured);
        Assert.Equal(3, report.Flags("R024").Count);   // 0.05, 0.05 and 0.001
    }

    private static TenderRecord[] Tenderers(bool loserWinsHalf)
    {
        var records = new List<TenderRecord>();
        for (var i = 0; i < 8; i++)
        {
            var xWins = loserWinsHalf && i < 4;
            records.Add(Tender($"Q{i}", t => t with
            {
                Bidders = xWins ? Bids(Bid("X", 90m), Bid($"L{i}", 95m)) : Bids(Bid($"W{i}", 90m), Bid("X", 95m)),
                WinnerId = xWins ? "X" : $"W{i}",
                BuyerId = $"B{i}",
            }));
        }

        return [.. records];
    }

    [Fact]
    public void R025FlagsATopTendererThatRarelyWins()
    {
        var report = Run(Tenderers(loserWinsHalf: false));
        var flag = Assert.Single(report.Flags("R025"));
        Assert.Equal("X", flag.Subject);
        Assert.Equal(FlagLevel.Tenderer, flag.Level);
        Assert.Equal(0, flag.Value);
        Assert.Equal(1.0, report.Fences["R025"].Lower!.Value, 6);
        Assert.Equal(1.0, report.Fences["R025.topTenderer"].Upper!.Value, 6);
    }

    [Fact]
    public void R025DoesNotFlagATopTendererWinningHalfItsBids()
    {
        var report = Run(Tenderers(loserWinsHalf: true));
        Assert.Empty(report.Flags("R025"));
        Assert.Equal(-1.5, report.Fences["R025"].Lower!.Value, 6);
    }

    [Fact]
    public void R025HasNoFenceWithoutValidBidsInAwardedProcesses()
    {
        var report = Run(Tender("T1", t => t with { WinnerId = null }));
        Assert.False(report.Fences.ContainsKey("R025"));
        Assert.Empty(report.Flags("R025"));
    }

    [Fact]
    public void R028FlagsTheProcessAndEachTendererWithTheSamePrice()
    {
        var record = Tender("T1", t => t with { Bidders = Bids(Bid("A", 90m), Bid("B", 95m), Bid("C", 95m)) });
        var flags = Run(record).Flags("R028");
        Assert.Single(flags, f => f.Level == FlagLevel.Process);
        Assert.Equal(["B", "C"], flags.Where(f => f.Level == FlagLevel.Tenderer).Select(f => f.Subject).Order());
        Assert.Empty(Run(Tender("T2")).Flags("R028"));
    }

    [Fact]
    public void R030FlagsAWinningBidReceivedAfterTheDeadlineDay()
    {
        var deadline = Day0.AddDays(20);
        DateTimeOffset At(DateOnly d, int hour) => new(d.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8));
        var late = Tender("T1", t => t with { Bidders = Bids(Bid("A", 90m, received: At(deadline.AddDays(1), 9)), Bid("B", 95m), Bid("C", 99m)) });
        Assert.Single(Run(late).Flags("R030"));
        var onTime = Tender("T2", t => t with { Bidders = Bids(Bid("A", 90m, received: At(deadline, 9)), Bid("B", 95m), Bid("C", 99m)) });
        Assert.Empty(Run(onTime).Flags("R030"));
        var unknown = Run(Tender("T3"));
        Assert.Equal(1, unknown.Coverage("R030").Missing["receivedAt"]);
    }

    [Fact]
    public void R035FlagsAWinnerLeftAloneByDisqualifications()
    {
        var record = Tender("T1", t => t with { Bidders = Bids(Bid("A", 90m), Bid("B", 95m, BidStatus.Disqualified), Bid("C", 99m, BidStatus.Disqualified)) });
        var flag = Assert.Single(Run(record).Flags("R035"));
        Assert.Equal(2, flag.Value);
        var another = Tender("T2", t => t with { Bidders = Bids(Bid("A", 90m), Bid("B", 95m), Bid("C", 99m, BidStatus.Disqualified)) });
        Assert.Empty(Run(another).Flags("R035"));
        Assert.Empty(Run(IntegritySettings.Default with { R035Threshold = 3 }, record).Flags("R035"));
    }

    [Fact]
    public void R036FlagsADisqualifiedLowestBid()
    {
        var record = Tender("T1", t => t with { Bidders = Bids(Bid("A", 90m), Bid("B", 80m, BidStatus.Disqualified), Bid("C", 99m)) });
        Assert.Single(Run(record).Flags("R036"));
        Assert.Empty(Run(Tender("T2")).Flags("R036"));
    }

    private static IEnumerable<TenderRecord> Buyer(string buyer, int processes, int disqualified)
    {
        for (var i = 0; i < processes; i++)
        {
            yield return Tender($"{buyer}-{i}", t => t with
            {
                BuyerId = buyer,
                Bidders = Bids(Bid($"{buyer}{i}A", 90m), Bid($"{buyer}{i}B", 95m, disqualified >= 1 ? BidStatus.Disqualified : BidStatus.Valid),
                    Bid($"{buyer}{i}C", 99m, disqualified >= 2 ? BidStatus.Disqualified : BidStatus.Valid)),
                WinnerId = $"{buyer}{i}A",
            });
        }
    }

    [Fact]
    public void R038FlagsABuyerDisqualifyingFarMoreThanOthers()
    {
        var records = new[] { "B1", "B2", "B3", "B4" }.SelectMany(b => Buyer(b, 2, 0)).Concat(Buyer("BAD", 2, 2)).ToArray();
        var report = Run(records);
        var fence = report.Fences["R038.buyer"];
        Assert.Equal(0.0, fence.Q1!.Value, 6);
        Assert.Equal(0.2222222, fence.Q3!.Value, 6);
        Assert.Equal(0.5555556, fence.Upper!.Value, 6);
        var flag = Assert.Single(report.Flags("R038"), f => f.Level == FlagLevel.Buyer);
        Assert.Equal("BAD", flag.Subject);
    }

    [Fact]
    public void R038LeavesOutBuyersWithFewerThanTwoProcesses()
    {
        var records = new[] { "B1", "B2", "B3", "B4" }.SelectMany(b => Buyer(b, 2, 0)).Concat(Buyer("ONE", 1, 2)).ToArray();
        var report = Run(records);
        Assert.DoesNotContain(report.Flags("R038"), f => f.Level == FlagLevel.Buyer);
        Assert.Equal(4, report.Fences["R038.buyer"].SampleSize);
    }
}
