using System.Collections.Immutable;
using Liandong.Coordination;
using Liandong.Grains.Ranking;
using Liandong.Ranking;
using Liandong.Reporting;

namespace Liandong.Grains.Tests.Ranking;

/// <summary>Each ranking indicator and the red and black list rules, on hand-made figures.</summary>
public sealed class ScoringTests
{
    private static UnitFigures Unit(string code, decimal? completion = 0.5m, decimal? growth = null, int month = 6,
        LightCounts? lights = null, NewStartCounts? newStarts = null, MatterCounts? matters = null) =>
        new(code, "单位" + code, month, new Totals(2023, month, 10, 1000m, 1000m, (completion ?? 0m) * 1000m, completion, null, growth,
            new StageCounts(0, 0, 0, 10, 0, 0), lights ?? new LightCounts(10, 0, 0)) { NewStarts = newStarts ?? NewStartCounts.None },
            matters ?? MatterCounts.None);

    private static ImmutableArray<RankingEntry> Rank(IReadOnlyList<UnitFigures> units, string indicator, int red = 0, int black = 0,
        bool exempt = true, IReadOnlyDictionary<string, int>? previous = null) =>
        Scoring.Rank(units, [new IndicatorWeight(indicator, 100)], Indicators.ForDivisions, red, black, exempt, previous);

    private static decimal Points(ImmutableArray<RankingEntry> entries, string code) => entries.Single(e => e.Code == code).Score;

    [Fact]
    public void PromotionIndicatorsReadTheLeadsAndKeyListsOfTheRollUp()
    {
        static UnitFigures WithPromotion(string code, decimal signed, decimal? startRate, int lists)
        {
            var unit = Unit(code);
            return unit with
            {
                Totals = unit.Totals! with
                {
                    Promotion = Liandong.Promotion.PromotionTotals.Empty with { SignedAmount = signed, StartRate = startRate },
                    Lists = new Liandong.Promotion.ListCounts(lists, 0, lists > 1 ? 1 : 0),
                },
            };
        }

        var units = new[] { WithPromotion("A", 80_000m, 0.5m, 3), WithPromotion("B", 20_000m, null, 1), WithPromotion("C", 0m, 0.25m, 0) };

        var signed = Rank(units, "signedAmount");
        Assert.Equal(100m, Points(signed, "A"));
        Assert.Equal(25m, Points(signed, "B"));
        Assert.Equal(0m, Points(signed, "C"));

        var started = Rank(units, "startRate");
        Assert.Equal(100m, Points(started, "A"));
        Assert.Equal(0m, Points(started, "B"));
        Assert.Null(started.Single(e => e.Code == "B").Parts[0].Value);
        Assert.Equal(50m, Points(started, "C"));

        var lists = Rank(units, "listInclusions");
        Assert.Equal(4m, lists.Single(e => e.Code == "A").Parts[0].Value);
        Assert.Equal(100m, Points(lists, "A"));
        Assert.Equal(25m, Points(lists, "B"));
        Assert.Equal(0m, Points(lists, "C"));
    }

    [Fact]
    public void CompletionRateGivesWeightTimesValueOverTheBest()
    {
        var entries = Rank([Unit("A", 0.5m), Unit("B", 0.25m), Unit("C", 0m)], "completionRate");

        Assert.Equal(100m, Points(entries, "A"));
        Assert.Equal(50m, Points(entries, "B"));
        Assert.Equal(0m, Points(entries, "C"));
        Assert.Equal(["A", "B", "C"], entries.Select(e => e.Code));
        Assert.Equal(0.25m, entries[1].Parts.Single().Value);
    }

    [Fact]
    public void ScheduleGapIsCompletionMinusMonthOverTwelveInPointsAndNothingWhenBehind()
    {
        // June: the schedule is 50%.
        var entries = Rank([Unit("A", 0.6m), Unit("B", 0.55m), Unit("C", 0.4m)], "scheduleGap");

        Assert.Equal(10m, entries.Single(e => e.Code == "A").Parts[0].Value);
        Assert.Equal(-10m, entries.Single(e => e.Code == "C").Parts[0].Value);
        Assert.Equal(100m, Points(entries, "A"));
        Assert.Equal(50m, Points(entries, "B"));
        Assert.Equal(0m, Points(entries, "C"));
    }

    [Fact]
    public void GrowthRateWithoutLastYearOrFallingEarnsNothing()
    {
        var entries = Rank([Unit("A", growth: 0.2m), Unit("B", growth: 0.1m), Unit("C", growth: -0.1m), Unit("D", growth: null)], "growthRate");

        Assert.Equal(100m, Points(entries, "A"));
        Assert.Equal(50m, Points(entries, "B"));
        Assert.Equal(0m, Points(entries, "C"));
        Assert.Equal(0m, Points(entries, "D"));
        Assert.Null(entries.Single(e => e.Code == "D").Parts[0].Value);
    }

    [Fact]
    public void NewStartRateIsBegunOverPlannedAndNoneWithoutPlannedNewStarts()
    {
        var entries = Rank([Unit("A", newStarts: new(4, 4)), Unit("B", newStarts: new(4, 1)), Unit("C", newStarts: NewStartCounts.None)], "newStartRate");

        Assert.Equal(100m, Points(entries, "A"));
        Assert.Equal(25m, Points(entries, "B"));
        Assert.Null(entries.Single(e => e.Code == "C").Parts[0].Value);
        Assert.Equal(0m, Points(entries, "C"));
    }

    [Fact]
    public void RedLightShareIsLowerIsBetter()
    {
        var entries = Rank([Unit("A", lights: new(9, 0, 1)), Unit("B", lights: new(8, 0, 2)), Unit("C", lights: new(5, 0, 5))], "redLightShare");

        Assert.Equal(100m, Points(entries, "A"));
        Assert.Equal(50m, Points(entries, "B"));
        Assert.Equal(20m, Points(entries, "C"));

        var withClean = Rank([Unit("A", lights: new(10, 0, 0)), Unit("B", lights: new(8, 0, 2))], "redLightShare");
        Assert.Equal(100m, Points(withClean, "A"));
        Assert.Equal(0m, Points(withClean, "B"));
    }

    [Fact]
    public void MattersOnTimeIsResolvedByDueDateOverDueAndFullWhenNoneWasDue()
    {
        var entries = Rank([
            Unit("A", matters: new(4, 2, 0, 0, 0, 0m)),
            Unit("B", matters: new(4, 1, 0, 0, 0, 0m)),
            Unit("C", matters: MatterCounts.None)], "mattersOnTime");

        Assert.Equal(50m, Points(entries, "A"));
        Assert.Equal(25m, Points(entries, "B"));
        Assert.Equal(100m, Points(entries, "C"));
    }

    [Fact]
    public void ScoreIsTheSumOfWeightedPartsAndEqualScoresShareARank()
    {
        var units = new[] { Unit("A", 0.5m, 0.2m), Unit("B", 0.5m, 0.2m), Unit("C", 0.25m, 0.1m) };
        var entries = Scoring.Rank(units, [new("completionRate", 60), new("growthRate", 40)], Indicators.ForDivisions, 0, 0, true);

        Assert.Equal(100m, Points(entries, "A"));
        Assert.Equal(50m, Points(entries, "C"));
        Assert.Equal([1, 1, 3], entries.Select(e => e.Rank));
        Assert.Equal([30m, 20m], entries.Single(e => e.Code == "C").Parts.Select(p => p.Points));
    }

    [Fact]
    public void RedListTakesTheTopOnlyAmongUnitsThatMetTheTarget()
    {
        // June: the target is 50% of the plan. A scores best on growth but is behind schedule.
        var units = new[] { Unit("A", 0.3m, 0.9m), Unit("B", 0.6m, 0.5m), Unit("C", 0.55m, 0.4m), Unit("D", 0.52m, 0.1m) };
        var entries = Rank(units, "growthRate", red: 2);

        Assert.Equal("A", entries[0].Code);
        Assert.Null(entries[0].List);
        Assert.False(entries[0].TargetMet);
        Assert.Equal(["B", "C"], entries.Where(e => e.List == "red").Select(e => e.Code));
    }

    [Fact]
    public void BlackListTakesTheBottomExemptingUnitsThatMetTheTarget()
    {
        // D is last but met the target: exempt; the two behind schedule nearest the bottom are listed.
        var units = new[] { Unit("A", 0.6m, 0.9m), Unit("B", 0.3m, 0.5m), Unit("C", 0.2m, 0.3m), Unit("D", 0.55m, 0.1m) };

        var exempting = Rank(units, "growthRate", black: 2, exempt: true);
        Assert.Equal(["B", "C"], exempting.Where(e => e.List == "black").Select(e => e.Code).Order());

        var notExempting = Rank(units, "growthRate", black: 2, exempt: false);
        Assert.Equal(["C", "D"], notExempting.Where(e => e.List == "black").Select(e => e.Code).Order());
    }

    [Fact]
    public void PreviousRankGivesTheChange()
    {
        var entries = Rank([Unit("A", 0.5m), Unit("B", 0.4m), Unit("C", 0.3m)], "completionRate",
            previous: new Dictionary<string, int> { ["A"] = 3, ["B"] = 2 });

        Assert.Equal(2, entries.Single(e => e.Code == "A").Change);
        Assert.Equal(0, entries.Single(e => e.Code == "B").Change);
        Assert.Null(entries.Single(e => e.Code == "C").PreviousRank);
    }

    [Fact]
    public void DepartmentCountsAnswersOnTimeOverdueAndMeanDays()
    {
        var raised = new DateTimeOffset(2023, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));
        MatterSummary Matter(string id, DateOnly due, DateTimeOffset? answered) =>
            new(id, id, MatterStatus.Open, false, "440883", "吴川市", "440800", "city", null, null, null, due, raised,
                ["440800-zrzyj"], answered is null ? ["440800-zrzyj"] : [], 0, 1)
            {
                FirstAnswers = answered is { } a ? ImmutableDictionary<string, DateTimeOffset>.Empty.Add("440800-zrzyj", a) : null,
            };

        var counts = MatterStats.ForDepartment([
            Matter("m1", new DateOnly(2023, 6, 10), raised.AddDays(4)),   // on time, 4 days
            Matter("m2", new DateOnly(2023, 6, 10), raised.AddDays(12)),  // late, 12 days
            Matter("m3", new DateOnly(2023, 6, 20), null),                // unanswered past due
            Matter("m4", new DateOnly(2023, 7, 20), null),                // not due in June
        ], "440800-zrzyj", 2023, 6, new DateOnly(2023, 7, 15));

        Assert.Equal(new MatterCounts(3, 0, 1, 2, 2, 16m), counts);
        var unit = new UnitFigures("440800-zrzyj", "市自然资源局", 6, null, counts);
        Assert.Equal(0.3333m, Indicators.ForDepartments["answeredOnTime"].Value(unit));
        Assert.Equal(8m, Indicators.ForDepartments["averageAnswerDays"].Value(unit));
        Assert.False(unit.TargetMet);
    }

    [Fact]
    public void RulesWhoseWeightsDoNotSumToAHundredOrNameAnUnknownIndicatorAreRefused()
    {
        var rules = Indicators.DefaultRules with { Indicators = [new("completionRate", 50), new("leadsCounted", 40)] };

        var problems = Indicators.Problems(rules).ToList();

        Assert.Contains(problems, p => p.Field == "indicators[1].indicator");
        Assert.Contains(problems, p => p.Field == "indicators" && p.Message.Contains("sum to 100"));
        Assert.Empty(Indicators.Problems(Indicators.DefaultRules));
    }
}
