using Liandong.Finance;
using Liandong.Grains.Reporting;
using Liandong.Reporting;

namespace Liandong.Grains.Tests.Finance;

public sealed class FactorLightTests
{
    private static readonly ProjectProfile OnSchedule =
        new("L-F", "要素亮灯", "440883101", ProjectCategory.Industry, null, ProjectStage.Continuing, 5000m,
            [new AnnualPlan(2023, 1200m)], new DateOnly(2022, 6, 1), null);

    private static readonly Dictionary<int, decimal> Reports =
        Enumerable.Range(1, 6).ToDictionary(m => WarningLights.MonthIndex(2023, m), _ => 100m);

    private static FactorNeed Need(DateOnly due, DateOnly? metOn = null) =>
        new("F1", FactorKind.Land, "用地", null, null, "440800-zrzyj", due, metOn is null ? FactorStatus.Open : FactorStatus.Met,
            null, default, "t", metOn, default, "t");

    private static Light Judge(int month, params FactorNeed[] needs) =>
        WarningLights.Judge(OnSchedule, Reports, 2023, month, LightRule.Default, needs);

    [Fact]
    public void OpenNeedPastItsDueDateAtTheEndOfTheMonthIsRed()
    {
        Assert.Equal(Light.Red, Judge(5, Need(new DateOnly(2023, 5, 30))));
        Assert.Equal(Light.Red, Judge(6, Need(new DateOnly(2023, 5, 30))));
    }

    [Fact]
    public void NeedDueOnTheLastDayOfTheMonthIsNotYetOverdue()
    {
        Assert.Equal(Light.Green, Judge(5, Need(new DateOnly(2023, 5, 31))));
        Assert.Equal(Light.Red, Judge(6, Need(new DateOnly(2023, 5, 31))));
    }

    [Fact]
    public void NeedMetBeforeTheEndOfTheMonthDoesNotCount()
    {
        Assert.Equal(Light.Green, Judge(5, Need(new DateOnly(2023, 5, 10), metOn: new DateOnly(2023, 5, 31))));
        Assert.Equal(Light.Red, Judge(5, Need(new DateOnly(2023, 5, 10), metOn: new DateOnly(2023, 6, 1))));
    }

    [Fact]
    public void WithoutNeedsTheLightIsJudgedAsBefore()
    {
        Assert.Equal(Light.Green, Judge(5));
        Assert.Equal(WarningLights.Judge(OnSchedule, Reports, 2023, 5, LightRule.Default), Judge(5));
    }

    [Fact]
    public void ACityMayTurnTheRuleOff()
    {
        var rule = LightRule.Default with { OverdueFactorNeedIsRed = false };
        Assert.Equal(Light.Green, WarningLights.Judge(OnSchedule, Reports, 2023, 5, rule, [Need(new DateOnly(2023, 4, 1))]));
    }

    [Fact]
    public void OverdueNeedIsRedEvenBeforeThePlannedStart()
    {
        var later = OnSchedule with { StartDate = new DateOnly(2023, 9, 1), Stage = ProjectStage.Preparation };
        Assert.Equal(Light.Green, WarningLights.Judge(later, new Dictionary<int, decimal>(), 2023, 5, LightRule.Default));
        Assert.Equal(Light.Red, WarningLights.Judge(later, new Dictionary<int, decimal>(), 2023, 5, LightRule.Default, [Need(new DateOnly(2023, 4, 30))]));
    }

    [Fact]
    public void FiguresCountOpenNeedsAndTheirLights()
    {
        var reports = Enumerable.Range(1, 6).Select(m => new MonthlyReport(new ReportInput(2023, m, 100m, null, null, []), default, "t", [])).ToList();
        var figures = ProjectFigures.Compute(OnSchedule, reports, LightRule.Default, [Need(new DateOnly(2023, 3, 1))]);
        Assert.Equal(1, figures.Factors.Open);
        Assert.Equal(1, figures.Factors.ByDepartment["440800-zrzyj"]);
        Assert.Equal(Light.Green, ProjectFigures.LightOf(figures, 2023, 2));
        Assert.Equal(Light.Red, ProjectFigures.LightOf(figures, 2023, 3));
        Assert.Equal(Light.Green, ProjectFigures.LightOf(ProjectFigures.Compute(OnSchedule, reports, LightRule.Default), 2023, 3));
    }
}
