using Liandong.Coordination;
using Liandong.Grains.Tests.Coordination;
using Liandong.Ranking;
using Liandong.Reporting;

namespace Liandong.Grains.Tests.Ranking;

/// <summary>Rankings computed from the roll-ups and the matter indexes on the in-process cluster (clock: 20 June 2023).</summary>
[Collection(ClusterCollection.Name)]
public sealed class RankingGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task TownsAreRankedWithinTheirCountyWithLastMonthsRankAndNewStartsFromTheRollUp()
    {
        var s = await new Scenario(fixture.Grains).BuildAsync(1, 2);
        var (a, b) = (s.Towns[0], s.Towns[1]);
        var early = await s.ProjectAsync($"RG-{s.City}-1", a, stage: ProjectStage.NewStart, start: new DateOnly(2023, 1, 1));
        var late = await s.ProjectAsync($"RG-{s.City}-2", b, stage: ProjectStage.NewStart, start: new DateOnly(2023, 1, 1));

        // April: only town A's new start has begun. May: B's begins with a large amount and overtakes A.
        await early.SubmitReportAsync(Scenario.Report(2023, 4, 100m), "test");
        await late.SubmitReportAsync(Scenario.Report(2023, 4, 0m), "test");
        await early.SubmitReportAsync(Scenario.Report(2023, 5, 0m), "test");
        await late.SubmitReportAsync(Scenario.Report(2023, 5, 900m), "test");
        var county = fixture.Grains.GetGrain<Liandong.Hierarchy.ICountyGrain>(s.Counties[0]);
        await Scenario.EventuallyAsync(() => county.GetOverviewAsync(new PeriodQuery(2023, 5)), o => o.Totals.CompletedYtd == 1000m);

        var ranking = await fixture.Grains.GetGrain<IRankingGrain>(s.City).GetAsync(RankingLevel.Town, s.Counties[0], 2023, 5);

        Assert.Equal([b, a], ranking.Entries.Select(e => e.Code));
        Assert.Equal(2, ranking.Entries[0].PreviousRank);
        Assert.Equal(1, ranking.Entries[0].Change);
        Assert.Equal(1m, ranking.Entries.Single(e => e.Code == b).Parts.Single(p => p.Indicator == "newStartRate").Value);
        var april = await fixture.Grains.GetGrain<IRankingGrain>(s.City).GetAsync(RankingLevel.Town, s.Counties[0], 2023, 4);
        Assert.Equal(0m, april.Entries.Single(e => e.Code == b).Parts.Single(p => p.Indicator == "newStartRate").Value);
    }

    [Fact]
    public async Task DepartmentsAreRankedOnAnsweringTheirMattersOnTime()
    {
        var s = await new Scenario(fixture.Grains).BuildAsync(1, 1);
        var departments = await CoordinationSetup.DepartmentsAsync(fixture.Grains, s, "zrzyj", "zjj");
        var matter = await CoordinationSetup.RaiseAsync(fixture.Grains,
            CoordinationSetup.Draft(s.Counties[0], s.City, departments, new DateOnly(2023, 6, 20)));
        await matter.AnswerAsync(departments[0], "已安排用地指标。", "test");
        var index = fixture.Grains.GetGrain<IMatterIndexGrain>(s.City);
        await Scenario.EventuallyAsync(() => index.ListAsync(null), l => l.Any(m => m.FirstAnswers?.ContainsKey(departments[0]) == true));

        var ranking = await fixture.Grains.GetGrain<IRankingGrain>(s.City).GetAsync(RankingLevel.Department, null, 2023, 6);

        Assert.Equal(departments, ranking.Entries.Select(e => e.Code));
        Assert.Equal(1m, ranking.Entries[0].Parts.Single(p => p.Indicator == "answeredOnTime").Value);
        Assert.Equal(1m, ranking.Entries[1].Parts.Single(p => p.Indicator == "overdueMatters").Value);
        Assert.Equal("市自然资源局", ranking.Entries[0].Name);

        // The city's red and black lists apply to departments too: red for the top with nothing overdue, black for the
        // bottom that has something overdue; the city's own sizes replace the defaults for the months they rule.
        Assert.Equal(["red", "black"], ranking.Entries.Select(e => e.List));
        Assert.True(ranking.Entries[0].TargetMet);
        Assert.False(ranking.Entries[1].TargetMet);
        await fixture.Grains.GetGrain<IRankingRulesGrain>(s.City).SetAsync(
            Indicators.DefaultRules with { EffectiveFrom = new YearMonth(2023, 6), RedTop = 0, BlackBottom = 1, ExemptIfTargetMet = false }, "test");
        var ruled = await fixture.Grains.GetGrain<IRankingGrain>(s.City).GetAsync(RankingLevel.Department, null, 2023, 6);
        Assert.Equal(1, ruled.RulesVersion);
        Assert.Equal([null, "black"], ruled.Entries.Select(e => e.List));
    }

    [Fact]
    public async Task AMonthIsRankedByTheRulesInForceForIt()
    {
        var s = await new Scenario(fixture.Grains).BuildAsync(2, 1);
        var rules = fixture.Grains.GetGrain<IRankingRulesGrain>(s.City);
        await rules.SetAsync(Indicators.DefaultRules with { EffectiveFrom = new YearMonth(2023, 7), Indicators = [new("completionRate", 100)] }, "test");

        var ranking = fixture.Grains.GetGrain<IRankingGrain>(s.City);
        var june = await ranking.GetAsync(RankingLevel.County, null, 2023, 6);
        var july = await ranking.GetAsync(RankingLevel.County, null, 2023, 7);

        Assert.Equal(0, june.RulesVersion);
        Assert.Equal(6, june.Entries[0].Parts.Length);
        Assert.Equal(1, july.RulesVersion);
        Assert.Equal("completionRate", Assert.Single(july.Entries[0].Parts).Indicator);
        await CoordinationSetup.RejectedAsync(() => rules.SetAsync(Indicators.DefaultRules with { EffectiveFrom = new YearMonth(2023, 5) }, "test"),
            DomainErrorKind.Validation, "effectiveFrom");
    }
}
