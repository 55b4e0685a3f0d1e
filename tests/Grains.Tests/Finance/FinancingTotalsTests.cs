using Liandong.Finance;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Grains.Tests.Finance;

/// <summary>Financing totals roll up project → town → county → city by versioned snapshots, never counted twice.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FinancingTotalsTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    /// <summary>Submitted → recommended → offered by two banks → accepted → disbursed in two parts.</summary>
    private static async Task<FinancingRequestView> RunToDisbursedAsync(FinanceScenario s, IFinancingRequestGrain request)
    {
        await request.RecommendAsync([s.Banks[0], s.Banks[1]], "推荐", "县金融局");
        await request.OfferAsync(new OfferInput(s.Banks[0], 15000m, 3.45m, 60), "银行");
        await request.OfferAsync(new OfferInput(s.Banks[1], 12000m, 3.30m, 60), "银行");
        await request.AcceptAsync("O1", "企业");
        await request.DisburseAsync(new DisbursementInput(5000m, new DateOnly(2023, 6, 1)), "银行");
        return await request.DisburseAsync(new DisbursementInput(10000m, new DateOnly(2023, 6, 15)), "银行");
    }

    private async Task<(FinanceLevels Levels, FinanceScenario S, string[] Projects, string[] Requests)> FullRunAsync(string tag)
    {
        var s = await new FinanceScenario(Grains).BuildAsync(counties: 2, banks: 2);
        var a = $"T-{s.City}-{tag}A";
        var b = $"T-{s.City}-{tag}B";
        await s.OwnedProjectAsync(a, 0);
        await s.OwnedProjectAsync(b, 1);

        var full = await s.SubmitAsync($"FR-{s.City}-{tag}1", a, 20000m);
        var done = await RunToDisbursedAsync(s, full);
        Assert.Equal(FinancingStatus.Disbursed, done.Status);

        // A second request on the same project, left offered, and one in the other county, left submitted.
        var second = await s.SubmitAsync($"FR-{s.City}-{tag}2", a, 3000m);
        await second.RecommendAsync([s.Banks[1]], null, "县金融局");
        await second.OfferAsync(new OfferInput(s.Banks[1], 2500m, 3.9m, 24), "银行");
        await s.SubmitAsync($"FR-{s.City}-{tag}3", b, 800.5m);

        return (new FinanceLevels(s), s, [a, b], [$"FR-{s.City}-{tag}1", $"FR-{s.City}-{tag}2", $"FR-{s.City}-{tag}3"]);
    }

    [Fact]
    public async Task TotalsAtEveryLevelEqualTheSumOfTheRequests()
    {
        var (levels, s, projects, requests) = await FullRunAsync("SUM");
        var views = await Task.WhenAll(requests.Select(id => s.Request(id).GetAsync()));
        var expected = views.Aggregate(FinanceFigures.Empty, (sum, v) => sum.Combine(v.Figures, 1));
        Assert.Equal(new FinanceFigures(23800.5m, 29500m, 15000m, 15000m, 3), expected);

        var city = await Scenario.EventuallyAsync(() => levels.CityAsync(Grains), f => f == expected);
        Assert.Equal(expected, city);

        var countyA = await Scenario.EventuallyAsync(() => levels.CountyAsync(Grains, 0), f => f.Count == 2);
        Assert.Equal(views[0].Figures.Combine(views[1].Figures, 1), countyA);
        Assert.Equal(views[2].Figures, await levels.CountyAsync(Grains, 1));
        Assert.Equal(countyA, (await Grains.GetGrain<ITownGrain>(s.Divisions.Towns[0]).GetOverviewAsync(PeriodQuery.Latest)).Finance);

        var projectA = await Grains.GetGrain<IProjectGrain>(projects[0]).GetAsync(PeriodQuery.Latest);
        Assert.Equal(countyA, projectA.Financing);

        // The county's list holds the same requests the totals count.
        var list = await Grains.GetGrain<ICountyFinanceIndexGrain>(s.Divisions.Counties[0]).GetFinancingAsync(null);
        Assert.Equal([requests[0], requests[1]], list.Select(r => r.Id));
        Assert.Equal(countyA.Requested, list.Sum(r => r.Requested));
        Assert.Equal(countyA.Disbursed, list.Sum(r => r.Disbursed));
        Assert.Equal([requests[1]], (await Grains.GetGrain<ICountyFinanceIndexGrain>(s.Divisions.Counties[0]).GetFinancingAsync(FinancingStatus.Offered)).Select(r => r.Id));

        // The banks' amounts are the same money seen from the other side.
        var bank0 = await Grains.GetGrain<IBankGrain>(s.Banks[0]).GetAsync();
        var bank1 = await Grains.GetGrain<IBankGrain>(s.Banks[1]).GetAsync();
        Assert.Equal((1, 15000m, 15000m, 15000m), (bank0.Totals.Received, bank0.Totals.Offered, bank0.Totals.Accepted, bank0.Totals.Disbursed));
        Assert.Equal((2, 14500m, 0m, 0m), (bank1.Totals.Received, bank1.Totals.Offered, bank1.Totals.Accepted, bank1.Totals.Disbursed));
        Assert.Equal(expected.Offered, bank0.Totals.Offered + bank1.Totals.Offered);

        var enterprise = await Grains.GetGrain<IEnterpriseGrain>(s.Enterprise).GetAsync();
        Assert.Equal(expected, enterprise.Totals);
    }

    [Fact]
    public async Task TotalsSurviveDeactivationOfEveryGrain()
    {
        var (levels, s, projects, requests) = await FullRunAsync("DEACT");
        var expected = await Scenario.EventuallyAsync(() => levels.CityAsync(Grains), f => f.Count == 3 && f.Offered == 29500m);
        var countyA = await levels.CountyAsync(Grains, 0);

        var grains = new List<IAddressable>
        {
            Grains.GetGrain<ICityGrain>(s.City),
            Grains.GetGrain<IEnterpriseGrain>(s.Enterprise),
        };
        grains.AddRange(s.Divisions.Counties.Select(c => (IAddressable)Grains.GetGrain<ICountyGrain>(c)));
        grains.AddRange(s.Divisions.Counties.Select(c => (IAddressable)Grains.GetGrain<ICountyFinanceIndexGrain>(c)));
        grains.AddRange(s.Divisions.Towns.Select(t => (IAddressable)Grains.GetGrain<ITownGrain>(t)));
        grains.AddRange(projects.Select(p => (IAddressable)Grains.GetGrain<IProjectGrain>(p)));
        grains.AddRange(requests.Select(r => (IAddressable)s.Request(r)));
        grains.AddRange(s.Banks.Select(b => (IAddressable)Grains.GetGrain<IBankGrain>(b)));
        foreach (var grain in grains)
        {
            await fixture.Cluster.DeactivateAsync(grain);
        }

        Assert.Equal(expected, await levels.CityAsync(Grains));
        Assert.Equal(countyA, await levels.CountyAsync(Grains, 0));
        Assert.Equal(countyA, (await Grains.GetGrain<IProjectGrain>(projects[0]).GetAsync(PeriodQuery.Latest)).Financing);
        Assert.Equal(FinancingStatus.Disbursed, (await s.Request(requests[0]).GetAsync()).Status);
        Assert.Equal(2, (await Grains.GetGrain<ICountyFinanceIndexGrain>(s.Divisions.Counties[0]).GetFinancingAsync(null)).Length);
        Assert.Equal(15000m, (await Grains.GetGrain<IBankGrain>(s.Banks[0]).GetAsync()).Totals.Disbursed);

        // A step after reactivation moves every level by exactly its difference.
        await s.Request(requests[2]).RecommendAsync([s.Banks[0]], null, "县金融局");
        await s.Request(requests[2]).OfferAsync(new OfferInput(s.Banks[0], 800m, 4m, 12), "银行");
        var after = await Scenario.EventuallyAsync(() => levels.CityAsync(Grains), f => f.Offered == 30300m);
        Assert.Equal(expected with { Offered = 30300m }, after);
    }

    [Fact]
    public async Task RepeatedAndStaleSummariesAreNotCountedTwice()
    {
        var s = await new FinanceScenario(Grains).BuildAsync(1, 1);
        var code = $"T-{s.City}-STALE";
        var project = await s.OwnedProjectAsync(code);
        var request = await s.SubmitAsync($"FR-{s.City}-STALE", code, 1000m);
        await request.RecommendAsync([s.Banks[0]], null, "test");
        var view = await request.OfferAsync(new OfferInput(s.Banks[0], 900m, 3m, 12), "test");
        var projectVersion = (await project.GetAsync(PeriodQuery.Latest)).Version;

        var stale = new FinancingRow(view.Id, 1, code, "x", s.Divisions.Towns[0], s.Enterprise, "x", FinancingStatus.Submitted,
            1000m, 0m, 0m, 0m, "x", 12, default, default, "test");
        await project.AcceptFinancingAsync(stale);
        await Grains.GetGrain<ICountyFinanceIndexGrain>(s.Divisions.Counties[0]).AcceptFinancingAsync(stale);

        var after = await project.GetAsync(PeriodQuery.Latest);
        Assert.Equal(projectVersion, after.Version);
        Assert.Equal(new FinanceFigures(1000m, 900m, 0m, 0m, 1), after.Financing);
        Assert.Equal(FinancingStatus.Offered, Assert.Single(await Grains.GetGrain<ICountyFinanceIndexGrain>(s.Divisions.Counties[0]).GetFinancingAsync(null)).Status);
        var city = await Scenario.EventuallyAsync(() => new FinanceLevels(s).CityAsync(Grains), f => f.Offered == 900m);
        Assert.Equal(new FinanceFigures(1000m, 900m, 0m, 0m, 1), city);
    }

    /// <summary>Reads the financing totals of a scenario's city and counties, each in one grain call.</summary>
    private sealed record FinanceLevels(FinanceScenario S)
    {
        public async Task<FinanceFigures> CityAsync(IGrainFactory grains) =>
            (await grains.GetGrain<ICityGrain>(S.City).GetOverviewAsync(PeriodQuery.Latest)).Finance;

        public async Task<FinanceFigures> CountyAsync(IGrainFactory grains, int index) =>
            (await grains.GetGrain<ICountyGrain>(S.Divisions.Counties[index]).GetOverviewAsync(PeriodQuery.Latest)).Finance;
    }
}
