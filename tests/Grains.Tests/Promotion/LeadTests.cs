using System.Collections.Immutable;
using Liandong.Hierarchy;
using Liandong.Promotion;
using Liandong.Reporting;
using static Liandong.Grains.Tests.Promotion.PromotionSetup;

namespace Liandong.Grains.Tests.Promotion;

/// <summary>Leads: fields, stages with their dates, follow-ups, dedupe, conversion and the roll-up of their figures.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LeadTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static readonly DateOnly D = new(2023, 6, 1);

    [Fact]
    public async Task LeadMovesThroughEveryStageInOrderKeepingEachDateAndWhoMovedIt()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var lead = await LeadAsync(Grains, Draft(s.Counties[0], received: D));

        await lead.MoveAsync(To(LeadStage.Negotiating, D.AddDays(2)), "a");
        await lead.MoveAsync(To(LeadStage.Signed, D.AddDays(5), signed: 28_000m), "b");
        await lead.MoveAsync(To(LeadStage.Registered, D.AddDays(8), creditCode: "91440800MA4UJ4XP2L"), "c");
        await lead.MoveAsync(To(LeadStage.Started, D.AddDays(10), funds: 5_000m), "d");
        var view = await lead.MoveAsync(To(LeadStage.Producing, D.AddDays(15), funds: 9_000m), "e");

        Assert.Equal(LeadStage.Producing, view.Stage);
        Assert.Equal([LeadStage.Contact, LeadStage.Negotiating, LeadStage.Signed, LeadStage.Registered, LeadStage.Started, LeadStage.Producing],
            view.Stages.Select(x => x.Stage));
        Assert.Equal(["county-officer", "a", "b", "c", "d", "e"], view.Stages.Select(x => x.By));
        Assert.Equal(D.AddDays(8), view.Stages[3].Date);
        Assert.Equal(28_000m, view.SignedAmount);
        Assert.Equal(9_000m, view.FundsArrived);
        Assert.Empty(view.Deadlines);
        Assert.False(view.Overdue);
    }

    [Fact]
    public async Task SkippedStageIsAConflictAndEarlierDateIsInvalidAndNeitherChangesTheLead()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var lead = await LeadAsync(Grains, Draft(s.Counties[0], received: D));
        var before = await lead.MoveAsync(To(LeadStage.Negotiating, D.AddDays(5)), "a");

        var skip = await Assert.ThrowsAsync<DomainException>(() => lead.MoveAsync(To(LeadStage.Registered, D.AddDays(6)), "x"));
        Assert.Equal(DomainErrorKind.Conflict, skip.Kind);
        var early = await Assert.ThrowsAsync<DomainException>(() => lead.MoveAsync(To(LeadStage.Signed, D.AddDays(4), signed: 100m), "x"));
        Assert.Equal((DomainErrorKind.Validation, "date"), (early.Kind, early.Field));
        // The refusal crosses the grain boundary with its key and date, for a portal form to write in its language; the API's text stays English.
        Assert.Equal(("LeadDateBeforeStage", $"The date cannot be before the last stage's ({D.AddDays(5):yyyy-MM-dd})."), (early.Rule?.Key, early.Message));
        Assert.Equal([D.AddDays(5)], early.Rule!.Args);
        Assert.Equal("LeadSkipped", skip.Rule?.Key);
        var noAmount = await Assert.ThrowsAsync<DomainException>(() => lead.MoveAsync(To(LeadStage.Signed, D.AddDays(6)), "x"));
        Assert.Equal("signedAmount", noAmount.Field);
        var huge = await Assert.ThrowsAsync<DomainException>(() => lead.MoveAsync(To(LeadStage.Signed, D.AddDays(6), signed: 10_000_001m), "x"));
        Assert.Equal("signedAmount", huge.Field);
        var dropNoReason = await Assert.ThrowsAsync<DomainException>(() => lead.MoveAsync(To(LeadStage.Dropped, D.AddDays(6)), "x"));
        Assert.Equal("note", dropNoReason.Field);

        var after = await lead.GetAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(LeadStage.Negotiating, after.Stage);
    }

    [Fact]
    public async Task DroppedNeedsAReasonAndIsRefusedOnceStarted()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var lead = await LeadAsync(Grains, Draft(s.Counties[0], received: D));
        var dropped = await lead.MoveAsync(To(LeadStage.Dropped, D.AddDays(3), note: "投资方资金链紧张"), "a");
        Assert.Equal(LeadStage.Dropped, dropped.Stage);
        Assert.Equal("投资方资金链紧张", dropped.Stages[^1].Note);
        Assert.Equal(DomainErrorKind.Conflict, (await Assert.ThrowsAsync<DomainException>(() => lead.MoveAsync(To(LeadStage.Negotiating, D.AddDays(4)), "a"))).Kind);

        var other = await LeadAsync(Grains, Draft(s.Counties[0], name: "羽绒加工项目", received: D));
        await other.MoveAsync(To(LeadStage.Negotiating, D), "a");
        await other.MoveAsync(To(LeadStage.Signed, D, signed: 100m), "a");
        await other.MoveAsync(To(LeadStage.Registered, D), "a");
        await other.MoveAsync(To(LeadStage.Started, D), "a");
        Assert.Equal(DomainErrorKind.Conflict,
            (await Assert.ThrowsAsync<DomainException>(() => other.MoveAsync(To(LeadStage.Dropped, D, note: "x"), "a"))).Kind);
    }

    [Fact]
    public async Task BadDraftIsRefusedNamingTheFieldAndRecordsNothing()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var id = NewLeadId(s.Counties[0]);
        var lead = Grains.GetGrain<ILeadGrain>(id);
        var e = await Assert.ThrowsAsync<DomainException>(() => lead.CreateAsync(Draft(s.Counties[0], planned: -1m), "x"));
        Assert.Equal("plannedInvestment", e.Field);
        e = await Assert.ThrowsAsync<DomainException>(() => lead.CreateAsync(Draft(s.Counties[0], planned: 20_000_000m), "x"));
        Assert.Equal("plannedInvestment", e.Field);
        e = await Assert.ThrowsAsync<DomainException>(() => lead.CreateAsync(Draft(s.Counties[0], received: new DateOnly(2023, 7, 1)), "x"));
        Assert.Equal("receivedDate", e.Field);
        e = await Assert.ThrowsAsync<DomainException>(() => lead.CreateAsync(Draft(s.Counties[0], name: " "), "x"));
        Assert.Equal("name", e.Field);

        // The optional figures, by the shared rules the API and the portal form check first (PromotionLimits).
        var planned = Draft(s.Counties[0]).PlannedInvestment;
        e = await Assert.ThrowsAsync<DomainException>(() => lead.CreateAsync(Draft(s.Counties[0]) with { FixedAssetInvestment = planned + 1m }, "x"));
        Assert.Equal(("fixedAssetInvestment", "Fixed-asset investment cannot exceed the planned investment."), (e.Field, e.Message));
        e = await Assert.ThrowsAsync<DomainException>(() => lead.CreateAsync(Draft(s.Counties[0]) with { LandMu = 1_000_001m }, "x"));
        Assert.Equal(("landMu", "At most 1000000 亩."), (e.Field, e.Message));
        e = await Assert.ThrowsAsync<DomainException>(() => lead.CreateAsync(Draft(s.Counties[0]) with { Energy = -1m }, "x"));
        Assert.Equal(("energy", "Cannot be negative."), (e.Field, e.Message));
        e = await Assert.ThrowsAsync<DomainException>(() => lead.CreateAsync(Draft(s.Counties[0]) with { ResponsibleLeaderId = "市长 办公室" }, "x"));
        Assert.Equal("responsibleLeaderId", e.Field);
        Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<DomainException>(lead.GetAsync)).Kind);

        // Nothing was reserved either: the same lead can be recorded afterwards.
        await lead.CreateAsync(Draft(s.Counties[0]), "x");
    }

    [Fact]
    public async Task SecondLeadWithSameInvestorAndNameInTheCityIsRefusedNamingTheFirstUntilItIsDropped()
    {
        var s = await new Scenario(Grains).BuildAsync(2, 1);
        var first = await LeadAsync(Grains, Draft(s.Counties[0], name: "烤鱼 预制菜 项目", investor: "湛江某食品有限责任公司"));

        // Full-width letters and spaces, other case, the short company form, and another county of the same city.
        var twin = Grains.GetGrain<ILeadGrain>(NewLeadId(s.Counties[1]));
        var e = await Assert.ThrowsAsync<DomainException>(() =>
            twin.CreateAsync(Draft(s.Counties[1], name: "烤鱼预制菜　项目", investor: " 湛江某食品有限公司"), "x"));
        Assert.Equal(DomainErrorKind.Conflict, e.Kind);
        Assert.Contains(first.GetPrimaryKeyString(), e.Message);

        await first.MoveAsync(To(LeadStage.Dropped, new DateOnly(2023, 6, 20), note: "另选址"), "x");
        await Scenario.EventuallyAsync(async () =>
        {
            try
            {
                await twin.CreateAsync(Draft(s.Counties[1], name: "烤鱼预制菜　项目", investor: " 湛江某食品有限公司"), "x");
                return true;
            }
            catch (DomainException)
            {
                return false;
            }
        }, ok => ok);
        Assert.Equal(LeadStage.Contact, (await twin.GetAsync()).Stage);
    }

    [Fact]
    public async Task NormalisationFoldsCaseWidthSpacesAndCompanyForm()
    {
        Assert.Equal(LeadNames.Normalize("ＡＢＣ 鞋业有限责任公司"), LeadNames.Normalize("abc鞋业有限公司"));
        Assert.Equal(LeadNames.Normalize("（吴川）羽绒\t项目"), LeadNames.Normalize("(吴川)羽绒项目"));
        Assert.NotEqual(LeadNames.Normalize("吴川羽绒"), LeadNames.Normalize("吴川羽毛"));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task FollowUpsMeetTheirDeadlinesAndAnOldLeadWithoutThemIsOverdue()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var referrer = await ReferrerAsync(Grains, s.City, "wu-xiangxian");
        var today = new DateOnly(2023, 6, 20);
        var lead = await LeadAsync(Grains, Draft(s.Counties[0], received: today.AddDays(-10), referrer: referrer, planned: 60_000m));

        var view = await lead.GetAsync();
        Assert.True(view.Overdue);
        Assert.Equal(today.AddDays(-10).AddDays(7), view.Deadlines.Single(d => d.Kind == FollowUpKind.Assessment).Due); // ≥ 5亿: 7 days
        Assert.All(view.Deadlines, d => Assert.True(d.Overdue));

        await lead.FollowUpAsync(FollowUpKind.Response, today.AddDays(-9), "已电话联系", "x");
        await lead.FollowUpAsync(FollowUpKind.Assessment, today.AddDays(-5), "已研判", "x");
        view = await lead.FollowUpAsync(FollowUpKind.Feedback, today.AddDays(-2), "已向乡贤反馈", "x");
        Assert.False(view.Overdue);
        Assert.Equal(3, view.FollowUps.Length);

        // Negotiating since 20 days ago with no progress report: past the 14-day progress deadline.
        view = await lead.MoveAsync(To(LeadStage.Negotiating, today.AddDays(-1)), "x");
        Assert.False(view.Overdue);
        Assert.Equal(today.AddDays(13), view.Deadlines.Single(d => d.Kind == FollowUpKind.Progress).Due);

        var future = await Assert.ThrowsAsync<DomainException>(() => lead.FollowUpAsync(FollowUpKind.Progress, today.AddDays(1), "x", "x"));
        Assert.Equal("date", future.Field);
    }

    [Fact]
    public async Task CountyPromotionFiguresAreTheSumOfItsTownsAndItsCountyLevelLeadsAtEveryLevel()
    {
        var s = await new Scenario(Grains).BuildAsync(2, 2);
        var today = new DateOnly(2023, 6, 20);
        var a = await LeadAsync(Grains, Draft(s.Counties[0], name: "A", received: new DateOnly(2023, 2, 1)));
        await a.MoveAsync(To(LeadStage.Negotiating, new DateOnly(2023, 2, 10)), "x");
        await a.MoveAsync(To(LeadStage.Signed, new DateOnly(2023, 3, 5), signed: 20_000m), "x");
        await a.MoveAsync(To(LeadStage.Registered, new DateOnly(2023, 4, 1)), "x");
        await a.ConvertAsync(new LeadConversion(s.Towns[1], $"T-{s.City}-LEADA", false, ProjectCategory.Industry, ProjectStage.NewStart,
            20_000m, [new AnnualPlan(2023, 5_000m)], new DateOnly(2023, 5, 1)), "x");
        await a.MoveAsync(To(LeadStage.Started, new DateOnly(2023, 5, 2), funds: 8_000m), "x");

        var b = await LeadAsync(Grains, Draft(s.Counties[0], name: "B", received: new DateOnly(2023, 5, 1)));   // overdue, county-level
        await b.MoveAsync(To(LeadStage.Negotiating, new DateOnly(2023, 5, 3)), "x");
        var c = await LeadAsync(Grains, Draft(s.Counties[1], name: "C", received: today));                     // another county

        var period = new PeriodQuery(2023, 6);
        var city = await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(period),
            o => o.Totals.Promotion is { Leads: 3, Started: 1, Overdue: 1 });
        var p = city.Totals.Promotion;
        Assert.Equal((3, 2, 1, 20_000m, 1, 1, 0, 8_000m, 1), (p.Leads, p.Negotiating, p.Signed, p.SignedAmount, p.Registered, p.Started, p.Dropped, p.FundsArrived, p.Overdue));
        Assert.Equal(Math.Round(1m / 3m, 4), p.SigningRate);
        Assert.Equal(1m, p.StartRate);
        Assert.Equal(0m, p.ProductionRate);
        Assert.Equal(0.4m, p.FundsArrivalRate);

        var county = await Grains.GetGrain<ICountyGrain>(s.Counties[0]).GetOverviewAsync(period);
        Assert.Equal([s.Towns[0], s.Towns[1]], county.Children.Select(c => c.Code)); // leads are not listed as towns
        var town = county.Children.Single(x => x.Code == s.Towns[1]).Totals.Promotion;
        Assert.Equal((1, 1, 20_000m), (town.Leads, town.Started, town.SignedAmount));
        Assert.Equal(0, county.Children.Single(x => x.Code == s.Towns[0]).Totals.Promotion.Leads);
        Assert.Equal((2, 1), (county.Totals.Promotion.Leads, county.Totals.Promotion.Overdue)); // town's A + county-level B
        Assert.Equal(1, city.Children.Single(x => x.Code == s.Counties[1]).Totals.Promotion.Leads);

        // The period counts the year up to its month: by March only A had signed, B was not yet received.
        var march = (await Grains.GetGrain<ICountyGrain>(s.Counties[0]).GetOverviewAsync(new PeriodQuery(2023, 3))).Totals.Promotion;
        Assert.Equal((1, 1, 1, 0), (march.Leads, march.Negotiating, march.Signed, march.Registered));

        var project = await Grains.GetGrain<IProjectGrain>($"T-{s.City}-LEADA").GetAsync(period);
        Assert.Equal(a.GetPrimaryKeyString(), project.LeadId);
        Assert.Equal(1, project.Totals.Promotion.Started);
        _ = c;
    }

    [Fact]
    public async Task CityPromotionFiguresAreTheSumOfItsCountiesAndItsCityLevelLeads()
    {
        var s = await new Scenario(Grains).BuildAsync(2, 1);
        var county = await LeadAsync(Grains, Draft(s.Counties[0], name: "县级线索", received: new DateOnly(2023, 3, 1)));
        await county.MoveAsync(To(LeadStage.Negotiating, new DateOnly(2023, 3, 2)), "x");
        var airport = await LeadAsync(Grains, Draft(s.City, name: "空港经济区航空物流项目", investor: "某供应链公司", received: new DateOnly(2023, 4, 1),
            chain: "空港经济区"));
        await airport.MoveAsync(To(LeadStage.Negotiating, new DateOnly(2023, 4, 3)), "x");
        await airport.MoveAsync(To(LeadStage.Signed, new DateOnly(2023, 5, 3), signed: 40_000m), "x");
        var zone = await LeadAsync(Grains, Draft(s.City, name: "空港跨境电商监管中心", investor: "某物流公司", received: new DateOnly(2023, 5, 1)));

        var period = new PeriodQuery(2023, 6);
        var city = await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(period),
            o => o.Totals.Promotion is { Leads: 3, Signed: 1 });
        Assert.Equal([s.Counties[0], s.Counties[1]], city.Children.Select(c => c.Code)); // leads are not listed as counties

        // The city's block is its counties' plus its own leads'.
        var counties = city.Children.Select(c => c.Totals.Promotion).ToList();
        var own = new[] { airport, zone }.Select(l => l.GetSnapshotAsync());
        var ownFigures = (await Task.WhenAll(own)).Aggregate(Liandong.Promotion.PromotionFigures.Empty, (sum, x) => sum.Combine(x!.Figures.Promotion, 1));
        var ownTotals = PromotionTotals.From(ownFigures, 2023, 6);
        var p = city.Totals.Promotion;
        Assert.Equal(counties.Sum(c => c.Leads) + ownTotals.Leads, p.Leads);
        Assert.Equal(counties.Sum(c => c.Negotiating) + ownTotals.Negotiating, p.Negotiating);
        Assert.Equal(counties.Sum(c => c.Signed) + ownTotals.Signed, p.Signed);
        Assert.Equal(counties.Sum(c => c.SignedAmount) + ownTotals.SignedAmount, p.SignedAmount);
        Assert.Equal(counties.Sum(c => c.Overdue) + ownTotals.Overdue, p.Overdue);
        Assert.Equal((1, 2, 40_000m), (counties.Sum(c => c.Leads), ownTotals.Leads, p.SignedAmount));

        // A city-level lead converts into a town of any county of the city; its figures then travel with the project.
        await airport.MoveAsync(To(LeadStage.Registered, new DateOnly(2023, 5, 20)), "x");
        var outside = await Assert.ThrowsAsync<DomainException>(() => airport.ConvertAsync(new LeadConversion("449901101", $"T-{s.City}-OUT", false,
            ProjectCategory.Industry, ProjectStage.NewStart, 1m, [], null), "x"));
        Assert.Equal("townCode", outside.Field);
        await airport.ConvertAsync(new LeadConversion(s.Towns[1], $"T-{s.City}-AIR", false, ProjectCategory.Industry, ProjectStage.NewStart,
            40_000m, [new AnnualPlan(2023, 5_000m)], null), "x");
        city = await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(period),
            o => o.Children.Single(c => c.Code == s.Counties[1]).Totals.Promotion.Leads == 1 && o.Totals.Promotion.Leads == 3);
        Assert.Equal((3, 40_000m), (city.Totals.Promotion.Leads, city.Totals.Promotion.SignedAmount));
        Assert.Equal(1, city.Children.Single(c => c.Code == s.Counties[1]).Totals.Promotion.Registered);
    }

    [Fact]
    public async Task ConversionOnlyFromRegisteredWithANationalCodeInTheCity()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var referrer = await ReferrerAsync(Grains, s.City, "chamber", ReferrerKind.Chamber);
        var lead = await LeadAsync(Grains, Draft(s.Counties[0], received: D, referrer: referrer));
        LeadConversion Conv(string code, bool national, string? town = null) => new(town ?? s.Towns[0], code, national, ProjectCategory.Industry,
            ProjectStage.NewStart, 30_000m, [new AnnualPlan(2023, 1_000m)], new DateOnly(2023, 6, 1));
        var good = $"2023-{s.Counties[0]}-18-03-000123";

        Assert.Equal(DomainErrorKind.Conflict, (await Assert.ThrowsAsync<DomainException>(() => lead.ConvertAsync(Conv(good, true), "x"))).Kind);
        await lead.MoveAsync(To(LeadStage.Negotiating, D), "x");
        await lead.MoveAsync(To(LeadStage.Signed, D, signed: 30_000m), "x");
        await lead.MoveAsync(To(LeadStage.Registered, D), "x");

        var other = $"2023-{(s.City == "440800" ? "450800" : "440800")}-18-03-000123";
        Assert.Equal("projectCode", (await Assert.ThrowsAsync<DomainException>(() => lead.ConvertAsync(Conv(other, true), "x"))).Field);
        Assert.Equal("projectCode", (await Assert.ThrowsAsync<DomainException>(() => lead.ConvertAsync(Conv("2023-440883-18-03-00012", true), "x"))).Field);
        Assert.Equal("townCode", (await Assert.ThrowsAsync<DomainException>(() => lead.ConvertAsync(Conv(good, true, "440883101"), "x"))).Field);
        Assert.False(await Grains.GetGrain<IProjectGrain>(good).ExistsAsync());

        var view = await lead.ConvertAsync(Conv(good, true), "x");
        Assert.Equal((good, s.Towns[0]), (view.ProjectCode, view.TownCode));
        var project = await Grains.GetGrain<IProjectGrain>(good).GetAsync(PeriodQuery.Latest);
        Assert.Equal((lead.GetPrimaryKeyString(), referrer), (project.LeadId, project.ReferrerId));
        Assert.Equal(DomainErrorKind.Conflict, (await Assert.ThrowsAsync<DomainException>(() => lead.ConvertAsync(Conv(good, true), "x"))).Kind);

        var r = await Scenario.EventuallyAsync(() => Grains.GetGrain<IReferrerGrain>(referrer).GetAsync(), v => v.Projects == 1);
        Assert.Equal((1, 30_000m, 30_000m), (r.Projects, r.ProjectInvestment, r.SignedAmount));
    }

    [Theory]
    [InlineData("2023-440883-18-03-000123", null)]
    [InlineData("2023-440800-18-01-000001", null)]
    [InlineData("2023-440883-18-03-00012", "24")]
    [InlineData("2023/440883-18-03-000123", "digits")]
    [InlineData("2031-440883-18-03-000123", "year")]
    [InlineData("2023-450883-18-03-000123", "region")]
    [InlineData("2023-440883-00-03-000123", "00")]
    [InlineData("2023-440883-18-03-000000", "serial")]
    public void NationalProjectCodeIsCheckedAsFarAsTheStandardAllows(string code, string? problem)
    {
        var found = NationalProjectCodes.Problem(code, "440800", 2026);
        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found);
        }
    }

    [Fact]
    public async Task CityIndexListsLeadsByCountyStageAndOverdue()
    {
        var s = await new Scenario(Grains).BuildAsync(2, 1);
        await LeadAsync(Grains, Draft(s.Counties[0], name: "X1", received: new DateOnly(2023, 5, 1)));
        var x2 = await LeadAsync(Grains, Draft(s.Counties[1], name: "X2", received: new DateOnly(2023, 6, 20)));
        await x2.MoveAsync(To(LeadStage.Negotiating, new DateOnly(2023, 6, 20)), "x");
        var index = Grains.GetGrain<ILeadIndexGrain>(s.City);

        var all = await Scenario.EventuallyAsync(() => index.ListAsync(new LeadFilter(null, null, null)), l => l.Length == 2 && l.Any(x => x.Stage == LeadStage.Negotiating));
        Assert.Equal(2, all.Length);
        Assert.Equal("X1", Assert.Single(await index.ListAsync(new LeadFilter(null, null, true))).Name);
        Assert.Equal("X2", Assert.Single(await index.ListAsync(new LeadFilter(s.Counties[1], LeadStage.Negotiating, null))).Name);
        Assert.Empty(await index.ListAsync(new LeadFilter(s.Counties[0], LeadStage.Negotiating, null)));
    }
}
