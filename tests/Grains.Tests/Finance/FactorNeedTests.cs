using Liandong.Finance;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Grains.Tests.Finance;

/// <summary>Factor needs on projects: counted by kind and department at every level, listed per county, judged by the light.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FactorNeedTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static FactorNeedInput Land(string city, DateOnly? due = null) =>
        new(FactorKind.Land, "产业转移园二期用地报批", 120m, "亩", $"{city}-zrzyj", due ?? new DateOnly(2023, 8, 31));

    private static FactorNeedInput Power(string city, DateOnly? due = null) =>
        new(FactorKind.Energy, "10千伏专线接入", 8000m, "千伏安", $"{city}-gdj", due ?? new DateOnly(2023, 9, 30));

    [Fact]
    public async Task OpenNeedsAreCountedByKindAndDepartmentAtEveryLevel()
    {
        var s = await new Scenario(Grains).BuildAsync(2, 1);
        var a = await s.ProjectAsync($"T-{s.City}-FA", s.Towns[0]);
        var b = await s.ProjectAsync($"T-{s.City}-FB", s.Towns[1]);

        var land = await a.AddFactorNeedAsync(Land(s.City), "县发改局");
        await a.AddFactorNeedAsync(Power(s.City), "县发改局");
        await b.AddFactorNeedAsync(Land(s.City), "县发改局");

        Assert.Equal(("F1", FactorStatus.Open), (land.Id, land.Status));
        var city = await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(PeriodQuery.Latest), o => o.Factors.Open == 3);
        Assert.Equal(3, city.Factors.Open);
        Assert.Equal(2, city.Factors.ByKind["land"]);
        Assert.Equal(1, city.Factors.ByKind["energy"]);
        Assert.Equal(2, city.Factors.ByDepartment[$"{s.City}-zrzyj"]);
        Assert.Equal(1, city.Factors.ByDepartment[$"{s.City}-gdj"]);

        var county = await Grains.GetGrain<ICountyGrain>(s.Counties[0]).GetOverviewAsync(PeriodQuery.Latest);
        Assert.Equal(2, county.Factors.Open);
        var town = await Grains.GetGrain<ITownGrain>(s.Towns[1]).GetOverviewAsync(PeriodQuery.Latest);
        Assert.Equal(1, town.Factors.ByKind["land"]);
        Assert.False(town.Factors.ByKind.ContainsKey("energy"));

        var list = await Grains.GetGrain<ICountyFinanceIndexGrain>(s.Counties[0]).GetFactorNeedsAsync(null);
        Assert.Equal([("F1", FactorKind.Land), ("F2", FactorKind.Energy)], list.Select(r => (r.Need.Id, r.Need.Kind)));
        Assert.All(list, r => Assert.False(r.Overdue));
        Assert.Empty(await Grains.GetGrain<ICountyFinanceIndexGrain>(s.Counties[0]).GetFactorNeedsAsync(s.Towns[1]));
    }

    [Fact]
    public async Task AMetNeedLeavesTheCountsAndTheList()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var p = await s.ProjectAsync($"T-{s.City}-FMET", s.Towns[0]);
        await p.AddFactorNeedAsync(Land(s.City), "test");
        await p.AddFactorNeedAsync(Power(s.City), "test");

        var progress = await p.UpdateFactorNeedAsync("F1", new FactorUpdate(FactorStatus.InProgress, "已报省厅"), "市自然资源局");
        Assert.Equal((FactorStatus.InProgress, "已报省厅"), (progress.Status, progress.Note));
        var met = await p.UpdateFactorNeedAsync("F1", new FactorUpdate(FactorStatus.Met, "用地批复已下达"), "市自然资源局");

        Assert.Equal(new DateOnly(2023, 6, 20), met.MetOn);
        Assert.Equal("市自然资源局", met.UpdatedBy);
        var city = await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(PeriodQuery.Latest), o => o.Factors.Open == 1);
        Assert.Equal(1, city.Factors.Open);
        Assert.False(city.Factors.ByKind.ContainsKey("land"));
        Assert.Equal("F2", Assert.Single(await Grains.GetGrain<ICountyFinanceIndexGrain>(s.Counties[0]).GetFactorNeedsAsync(null)).Need.Id);
        Assert.Equal(2, (await p.GetFactorNeedsAsync()).Length);

        // Reopened, it counts again.
        await p.UpdateFactorNeedAsync("F1", new FactorUpdate(FactorStatus.Open, "批复被撤回"), "test");
        city = await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(PeriodQuery.Latest), o => o.Factors.Open == 2);
        Assert.Equal(2, city.Factors.Open);
        Assert.Null((await p.GetFactorNeedsAsync())[0].MetOn);
    }

    [Theory]
    [InlineData("440800-zrzyj", "departmentId")]          // another city's department
    [InlineData("zrzyj", "departmentId")]
    [InlineData("{city}-ZRZYJ", "departmentId")]
    [InlineData("{city}-", "departmentId")]
    public async Task NeedWithABadDepartmentIsRefusedAndChangesNothing(string department, string field)
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var p = await s.ProjectAsync($"T-{s.City}-FBAD", s.Towns[0]);
        var before = await p.GetAsync(PeriodQuery.Latest);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            p.AddFactorNeedAsync(Land(s.City) with { DepartmentId = department.Replace("{city}", s.City, StringComparison.Ordinal) }, "test"));

        Assert.Equal(DomainErrorKind.Validation, error.Kind);
        Assert.Equal(field, error.Field);
        var after = await p.GetAsync(PeriodQuery.Latest);
        Assert.Equal(before.Version, after.Version);
        Assert.Empty(after.FactorNeeds);
    }

    [Fact]
    public async Task NeedWithoutDetailOrWithNegativeQuantityIsRefusedNamingTheField()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var p = await s.ProjectAsync($"T-{s.City}-FBAD2", s.Towns[0]);
        var detail = await Assert.ThrowsAsync<DomainException>(() => p.AddFactorNeedAsync(Land(s.City) with { Detail = " " }, "test"));
        Assert.Equal("detail", detail.Field);
        var quantity = await Assert.ThrowsAsync<DomainException>(() => p.AddFactorNeedAsync(Land(s.City) with { Quantity = -1m }, "test"));
        Assert.Equal("quantity", quantity.Field);
        Assert.Empty(await p.GetFactorNeedsAsync());
    }

    [Fact]
    public async Task UpdatingAnUnknownNeedIsNotFoundAndARepeatChangesNothing()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var p = await s.ProjectAsync($"T-{s.City}-FUPD", s.Towns[0]);
        await p.AddFactorNeedAsync(Land(s.City), "test");

        var missing = await Assert.ThrowsAsync<DomainException>(() => p.UpdateFactorNeedAsync("F9", new FactorUpdate(FactorStatus.Met, null), "test"));
        Assert.Equal(DomainErrorKind.NotFound, missing.Kind);

        await p.UpdateFactorNeedAsync("F1", new FactorUpdate(FactorStatus.InProgress, "办理中"), "test");
        var version = (await p.GetAsync(PeriodQuery.Latest)).Version;
        await p.UpdateFactorNeedAsync("F1", new FactorUpdate(FactorStatus.InProgress, "办理中"), "test");
        Assert.Equal(version, (await p.GetAsync(PeriodQuery.Latest)).Version);

        var early = await Assert.ThrowsAsync<DomainException>(() => p.UpdateFactorNeedAsync("F1", new FactorUpdate(FactorStatus.Met, null, new DateOnly(2023, 6, 21)), "test"));
        Assert.Equal("metOn", early.Field);
        var notMet = await Assert.ThrowsAsync<DomainException>(() => p.UpdateFactorNeedAsync("F1", new FactorUpdate(FactorStatus.Open, null, new DateOnly(2023, 6, 1)), "test"));
        Assert.Equal("metOn", notMet.Field);
        Assert.Equal(version, (await p.GetAsync(PeriodQuery.Latest)).Version);
    }

    [Fact]
    public async Task AnOverdueOpenNeedTurnsTheProjectRedFromTheMonthItPassedItsDueDate()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var p = await s.ProjectAsync($"T-{s.City}-FRED", s.Towns[0], plan2023: 1200m);
        for (var m = 1; m <= 5; m++)
        {
            await p.SubmitReportAsync(Scenario.Report(2023, m, 100m), "test");
        }

        Assert.Equal(Light.Green, (await p.GetAsync(new PeriodQuery(2023, 5))).Light);

        await p.AddFactorNeedAsync(Power(s.City, new DateOnly(2023, 4, 15)), "test");

        Assert.Equal(Light.Green, (await p.GetAsync(new PeriodQuery(2023, 3))).Light);
        Assert.Equal(Light.Red, (await p.GetAsync(new PeriodQuery(2023, 4))).Light);
        Assert.Equal(Light.Red, (await p.GetAsync(new PeriodQuery(2023, 5))).Light);
        var town = await Scenario.EventuallyAsync(() => Grains.GetGrain<ITownGrain>(s.Towns[0]).GetOverviewAsync(new PeriodQuery(2023, 5)),
            o => o.Totals.Lights.Red == 1);
        Assert.Equal(new LightCounts(0, 0, 1), town.Totals.Lights);
        Assert.True(Assert.Single(await Grains.GetGrain<ICountyFinanceIndexGrain>(s.Counties[0]).GetFactorNeedsAsync(null)).Overdue);

        // Met on 20 May: April (ended with the need open and overdue) stays red, May is green again.
        await p.UpdateFactorNeedAsync("F1", new FactorUpdate(FactorStatus.Met, "已送电", new DateOnly(2023, 5, 20)), "供电局");
        Assert.Equal(Light.Red, (await p.GetAsync(new PeriodQuery(2023, 4))).Light);
        Assert.Equal(Light.Green, (await p.GetAsync(new PeriodQuery(2023, 5))).Light);
        var county = await Scenario.EventuallyAsync(() => Grains.GetGrain<ICountyGrain>(s.Counties[0]).GetOverviewAsync(new PeriodQuery(2023, 5)),
            o => o.Totals.Lights.Red == 0);
        Assert.Equal(new LightCounts(1, 0, 0), county.Totals.Lights);
    }

    [Fact]
    public async Task FactorCountsSurviveDeactivation()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var p = await s.ProjectAsync($"T-{s.City}-FDEACT", s.Towns[0]);
        await p.AddFactorNeedAsync(Land(s.City), "test");
        await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(PeriodQuery.Latest), o => o.Factors.Open == 1);

        foreach (var grain in new IAddressable[] { p, Grains.GetGrain<ITownGrain>(s.Towns[0]), Grains.GetGrain<ICountyGrain>(s.Counties[0]),
                     Grains.GetGrain<ICityGrain>(s.City), Grains.GetGrain<ICountyFinanceIndexGrain>(s.Counties[0]) })
        {
            await fixture.Cluster.DeactivateAsync(grain);
        }

        Assert.Equal(1, (await Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(PeriodQuery.Latest)).Factors.ByKind["land"]);
        Assert.Single(await Grains.GetGrain<ICountyFinanceIndexGrain>(s.Counties[0]).GetFactorNeedsAsync(null));
        Assert.Single(await p.GetFactorNeedsAsync());
    }
}
