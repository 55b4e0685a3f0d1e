using System.Collections.Immutable;
using Liandong.Grains.Reporting;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Grains.Tests.Ranking;

/// <summary>The city's own warning-light rule, versioned by the month it takes effect (the fixture's clock: 20 June 2023).</summary>
[Collection(ClusterCollection.Name)]
public sealed class LightRuleTests(ClusterFixture fixture)
{
    // Yellow below 55% of the schedule, red below 40%: more lenient than the default 80% / 60%.
    private static CityLightRule Lenient(int year, int month) => new(new YearMonth(year, month), 0.55m, 0.4m, 3, 2, 10);

    [Fact]
    public void EachMonthIsJudgedByTheVersionInForceForIt()
    {
        var book = new LightRuleBook("440800", 2, [Lenient(2023, 6), Lenient(2023, 9) with { YellowBelow = 0.9m }]);
        var ruleFor = LightRule.ByMonth(book);

        Assert.Equal(LightRule.Default, ruleFor(2023, 5));
        Assert.Equal(0.55m, ruleFor(2023, 6).YellowBelow);
        Assert.Equal(0.55m, ruleFor(2023, 8).YellowBelow);
        Assert.Equal(0.9m, ruleFor(2023, 9).YellowBelow);
        Assert.Equal(10, book.RuleFor(2023, 7).ReportDueDay);
        Assert.Equal(6, book.RuleFor(2023, 5).ReportDueDay);
    }

    [Fact]
    public async Task RuleChangeJudgesOnlyTheMonthsFromItsEffectiveMonthOn()
    {
        var s = await new Scenario(fixture.Grains).BuildAsync(1, 1);
        var project = await s.ProjectAsync($"LR-{s.City}-1", s.Towns[0]);
        for (var m = 1; m <= 5; m++)
        {
            await project.SubmitReportAsync(Scenario.Report(2023, m, 50m), "test");
        }

        // By May 250 of a schedule of 500 (50%): red under the default; June, 250 of 600 (42%): red too.
        Assert.Equal(Light.Red, (await project.GetAsync(new PeriodQuery(2023, 5))).Light);
        Assert.Equal(Light.Red, (await project.GetAsync(new PeriodQuery(2023, 6))).Light);

        var book = await fixture.Grains.GetGrain<ILightRuleGrain>(s.City).SetAsync(Lenient(2023, 6), "city.admin");

        // The book travels down after the answer.
        Assert.Equal(1, book.Version);
        var june = await Scenario.EventuallyAsync(() => project.GetAsync(new PeriodQuery(2023, 6)), v => v.Light == Light.Yellow);
        Assert.Equal(Light.Yellow, june.Light);
        Assert.Equal(Light.Red, (await project.GetAsync(new PeriodQuery(2023, 5))).Light);

        // The re-judged figures roll up: June's lights at the city change, May's stay.
        var city = fixture.Grains.GetGrain<ICityGrain>(s.City);
        var cityJune = await Scenario.EventuallyAsync(() => city.GetOverviewAsync(new PeriodQuery(2023, 6)), o => o.Totals.Lights.Yellow == 1);
        Assert.Equal(new LightCounts(0, 1, 0), cityJune.Totals.Lights);
        Assert.Equal(new LightCounts(0, 0, 1), (await city.GetOverviewAsync(new PeriodQuery(2023, 5))).Totals.Lights);
    }

    [Fact]
    public async Task ProjectRegisteredAfterAChangeIsJudgedByIt()
    {
        var s = await new Scenario(fixture.Grains).BuildAsync(1, 1);
        await fixture.Grains.GetGrain<ILightRuleGrain>(s.City).SetAsync(Lenient(2023, 7), "city.admin");
        var project = await s.ProjectAsync($"LR-{s.City}-2", s.Towns[0]);
        for (var m = 1; m <= 6; m++)
        {
            await project.SubmitReportAsync(Scenario.Report(2023, m, 50m), "test");
        }

        // July: 300 of 700 (43%): yellow under the city's rule from July; June, 300 of 600 (50%): red by the default.
        Assert.Equal(Light.Red, (await project.GetAsync(new PeriodQuery(2023, 6))).Light);
        Assert.Equal(Light.Yellow, (await project.GetAsync(new PeriodQuery(2023, 7))).Light);
    }

    [Fact]
    public async Task RuleForAPastMonthIsRejectedAndChangesNothing()
    {
        var s = await new Scenario(fixture.Grains).BuildAsync(1, 1);
        var rules = fixture.Grains.GetGrain<ILightRuleGrain>(s.City);

        var e = await Assert.ThrowsAsync<DomainException>(() => rules.SetAsync(Lenient(2023, 5), "city.admin"));

        Assert.Equal("effectiveFrom", e.Field);
        Assert.Equal(0, (await rules.GetAsync()).Version);
        Assert.Equal(CityLightRule.Default.YellowBelow, (await rules.GetAsync()).Current.YellowBelow);
    }

    [Fact]
    public async Task InvalidThresholdsAreRejectedNamingTheField()
    {
        var s = await new Scenario(fixture.Grains).BuildAsync(1, 1);
        var rules = fixture.Grains.GetGrain<ILightRuleGrain>(s.City);

        var e = await Assert.ThrowsAsync<DomainException>(() => rules.SetAsync(Lenient(2023, 7) with { RedBelow = 0.7m }, "city.admin"));

        Assert.Equal("redBelow", e.Field);
        Assert.Equal(0, (await rules.GetAsync()).Version);
    }

    [Fact]
    public async Task SameEffectiveMonthReplacesTheLatestVersion()
    {
        var s = await new Scenario(fixture.Grains).BuildAsync(1, 1);
        var rules = fixture.Grains.GetGrain<ILightRuleGrain>(s.City);

        await rules.SetAsync(Lenient(2023, 8), "city.admin");
        var book = await rules.SetAsync(Lenient(2023, 8) with { ReportDueDay = 5 }, "city.admin");

        Assert.Equal(2, book.Version);
        Assert.Single(book.Versions);
        Assert.Equal(5, book.RuleFor(2023, 8).ReportDueDay);
    }
}
