using System.Collections.Immutable;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RollupTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task ReportsRollUpToTownCountyAndCity()
    {
        var s = await new Scenario(Grains).BuildAsync();
        var a = await s.ProjectAsync($"T-{s.City}-A", s.Towns[0], plan2023: 1200m);
        var b = await s.ProjectAsync($"T-{s.City}-B", s.Towns[1], plan2023: 2400m);
        var c = await s.ProjectAsync($"T-{s.City}-C", s.Towns[2], plan2023: 600m);

        await a.SubmitReportAsync(Scenario.Report(2023, 1, 100m), "test");
        await a.SubmitReportAsync(Scenario.Report(2023, 2, 150m), "test");
        await b.SubmitReportAsync(Scenario.Report(2023, 2, 400m), "test");
        await c.SubmitReportAsync(Scenario.Report(2023, 2, 70.5m), "test");

        var period = new PeriodQuery(2023, 2);
        var city = await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(period),
            o => o.Totals.CompletedYtd == 720.5m);

        Assert.Equal(720.5m, city.Totals.CompletedYtd);
        Assert.Equal(4200m, city.Totals.AnnualPlan);
        Assert.Equal(3, city.Totals.ProjectCount);
        Assert.Equal(Math.Round(720.5m / 4200m, 4), city.Totals.CompletionRate);
        Assert.Equal(650m, city.Children.Single(x => x.Code == s.Counties[0]).Totals.CompletedYtd);
        Assert.Equal(70.5m, city.Children.Single(x => x.Code == s.Counties[1]).Totals.CompletedYtd);

        var county = await Grains.GetGrain<ICountyGrain>(s.Counties[0]).GetOverviewAsync(period);
        Assert.Equal(650m, county.Totals.CompletedYtd);
        Assert.Equal(250m, county.Children.Single(x => x.Code == s.Towns[0]).Totals.CompletedYtd);

        var town = await Grains.GetGrain<ITownGrain>(s.Towns[0]).GetOverviewAsync(period);
        var row = Assert.Single(town.Projects);
        Assert.Equal(250m, row.CompletedYtd);
        Assert.Equal(1200m, row.AnnualPlan);

        // Month 1 alone is a different period: only January counts.
        var january = await Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(new PeriodQuery(2023, 1));
        Assert.Equal(100m, january.Totals.CompletedYtd);
    }

    [Fact]
    public async Task CorrectionMovesEveryLevelByExactlyTheDifference()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var p = await s.ProjectAsync($"T-{s.City}-COR", s.Towns[0]);
        await p.SubmitReportAsync(Scenario.Report(2023, 3, 300m), "test");
        var period = new PeriodQuery(2023, 3);
        var before = await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(period), o => o.Totals.CompletedYtd == 300m);
        Assert.Equal(300m, before.Totals.CompletedYtd);

        var view = await p.SubmitReportAsync(Scenario.Report(2023, 3, 275.25m), "corrector");

        var after = await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(period), o => o.Totals.CompletedYtd != 300m);
        Assert.Equal(275.25m, after.Totals.CompletedYtd);
        Assert.Equal(275.25m, (await Grains.GetGrain<ICountyGrain>(s.Counties[0]).GetOverviewAsync(period)).Totals.CompletedYtd);
        Assert.Equal(275.25m, (await Grains.GetGrain<ITownGrain>(s.Towns[0]).GetOverviewAsync(period)).Totals.CompletedYtd);

        var report = Assert.Single(view.Reports);
        var old = Assert.Single(report.Corrections);
        Assert.Equal(300m, old.Figures.InvestmentCompleted);
        Assert.Equal("corrector", old.ReplacedBy);
        Assert.Contains(view.History, h => h.Action.Contains("correction", StringComparison.Ordinal) && h.Actor == "corrector");
    }

    [Fact]
    public async Task RepeatedReportChangesNothing()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var p = await s.ProjectAsync($"T-{s.City}-REP", s.Towns[0]);
        var first = await p.SubmitReportAsync(Scenario.Report(2023, 4, 88m, 10m), "test");
        var second = await p.SubmitReportAsync(Scenario.Report(2023, 4, 88m, 10m), "test");

        Assert.Equal(first.Version, second.Version);
        Assert.Empty(Assert.Single(second.Reports).Corrections);
        var town = await Scenario.EventuallyAsync(() => Grains.GetGrain<ITownGrain>(s.Towns[0]).GetOverviewAsync(new PeriodQuery(2023, 4)),
            o => o.Totals.CompletedYtd == 88m);
        Assert.Equal(88m, town.Totals.CompletedYtd);
    }

    [Fact]
    public async Task StaleAndRepeatedSnapshotsAreIgnored()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var town = Grains.GetGrain<ITownGrain>(s.Towns[0]);
        var v1 = Snapshot("X-1", 1, 100m);
        var v2 = Snapshot("X-1", 2, 250m);
        var period = new PeriodQuery(2023, 1);

        await town.AcceptSnapshotAsync(v2);
        await town.AcceptSnapshotAsync(v1);  // arrives late: older version
        await town.AcceptSnapshotAsync(v2);  // duplicate

        var overview = await town.GetOverviewAsync(period);
        Assert.Equal(250m, overview.Totals.CompletedYtd);
        Assert.Equal(1, overview.Totals.ProjectCount);

        var city = await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(period), o => o.Totals.CompletedYtd == 250m);
        Assert.Equal(250m, city.Totals.CompletedYtd);
        Assert.Equal(1, city.Totals.ProjectCount);
    }

    [Fact]
    public async Task BurstOfReportsFromManyProjectsSumsExactlyAtTheCity()
    {
        var s = await new Scenario(Grains).BuildAsync(2, 3);
        var projects = new List<(IProjectGrain Grain, decimal Amount)>();
        for (var i = 0; i < 60; i++)
        {
            var grain = await s.ProjectAsync($"T-{s.City}-BURST-{i}", s.Towns[i % s.Towns.Count]);
            projects.Add((grain, 10m + i * 0.37m));
        }

        await Task.WhenAll(projects.Select(p => p.Grain.SubmitReportAsync(Scenario.Report(2023, 5, p.Amount), "test")));

        var expected = projects.Sum(p => p.Amount);
        var city = await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(new PeriodQuery(2023, 5)),
            o => o.Totals.CompletedYtd == expected);
        Assert.Equal(expected, city.Totals.CompletedYtd);
        Assert.Equal(60, city.Totals.ProjectCount);
        Assert.Equal(60, city.Totals.ByStage.Continuing);
        Assert.Equal(expected, city.Children.Sum(c => c.Totals.CompletedYtd));
    }

    [Fact]
    public async Task GrowthComparesWithTheSameMonthsOfLastYear()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var p = await s.ProjectAsync($"T-{s.City}-GROW", s.Towns[0], plan2023: 1000m, plan2022: 800m);
        await p.SubmitReportAsync(Scenario.Report(2022, 1, 50m), "test");
        await p.SubmitReportAsync(Scenario.Report(2022, 2, 50m), "test");
        await p.SubmitReportAsync(Scenario.Report(2022, 3, 999m), "test");
        await p.SubmitReportAsync(Scenario.Report(2023, 1, 60m), "test");
        await p.SubmitReportAsync(Scenario.Report(2023, 2, 65m), "test");

        var city = await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(new PeriodQuery(2023, 2)),
            o => o.Totals.CompletedYtd == 125m && o.Totals.LastYearSamePeriod == 100m);
        Assert.Equal(100m, city.Totals.LastYearSamePeriod);
        Assert.Equal(0.25m, city.Totals.GrowthRate);
    }

    [Fact]
    public async Task WithoutAPeriodTheLatestReportedMonthIsShown()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var p = await s.ProjectAsync($"T-{s.City}-LATEST", s.Towns[0]);
        await p.SubmitReportAsync(Scenario.Report(2023, 2, 10m), "test");
        await p.SubmitReportAsync(Scenario.Report(2023, 4, 20m), "test");

        var city = await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(PeriodQuery.Latest),
            o => o.Totals.Month == 4);
        Assert.Equal(2023, city.Totals.Year);
        Assert.Equal(4, city.Totals.Month);
        Assert.Equal(30m, city.Totals.CompletedYtd);
    }

    [Fact]
    public async Task RollupSurvivesDeactivationOfEveryLevel()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var p = await s.ProjectAsync($"T-{s.City}-DEACT", s.Towns[0]);
        await p.SubmitReportAsync(Scenario.Report(2023, 1, 42m), "test");
        await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(new PeriodQuery(2023, 1)), o => o.Totals.CompletedYtd == 42m);

        foreach (var grain in new IAddressable[] { p, Grains.GetGrain<ITownGrain>(s.Towns[0]), Grains.GetGrain<ICountyGrain>(s.Counties[0]), Grains.GetGrain<ICityGrain>(s.City) })
        {
            await fixture.Cluster.DeactivateAsync(grain);
        }

        var city = await Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(new PeriodQuery(2023, 1));
        Assert.Equal(42m, city.Totals.CompletedYtd);
        var project = await p.GetAsync(new PeriodQuery(2023, 1));
        Assert.Equal(42m, project.Totals.CompletedYtd);
    }

    private static ChildSnapshot Snapshot(string code, long version, decimal january)
    {
        var monthly = new decimal[12];
        monthly[0] = january;
        var one = ImmutableArray.Create(new[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
        var zero = ImmutableArray.Create(new int[12]);
        var year = new YearFigures(1000m, ImmutableArray.Create(monthly), one, one, zero, zero);
        var stages = ImmutableArray.Create(new[] { 0, 0, 0, 1, 0, 0 });
        return new ChildSnapshot(code, "快照项目", version, new Figures(1, 5000m, stages, ImmutableDictionary<int, YearFigures>.Empty.Add(2023, year)),
            ProjectCategory.Industry, ProjectStage.Continuing);
    }
}
