using System.Collections.Immutable;
using Liandong.Grains.Reporting;
using Liandong.Reporting;

namespace Liandong.Grains.Tests;

public sealed class WarningLightTests
{
    private static ProjectProfile Project(ProjectStage stage = ProjectStage.Continuing, DateOnly? start = null, decimal plan = 1200m) =>
        new("L-1", "亮灯测试", "440883101", ProjectCategory.Infrastructure, null, stage, 5000m,
            [new AnnualPlan(2023, plan)], start ?? new DateOnly(2022, 6, 1), null);

    private static Dictionary<int, decimal> Months(params (int Month, decimal Amount)[] reports) =>
        reports.ToDictionary(r => WarningLights.MonthIndex(2023, r.Month), r => r.Amount);

    [Theory]
    [InlineData(500, Light.Green)]   // schedule by May: 1200 × 5/12 = 500
    [InlineData(400, Light.Green)]   // exactly 80%
    [InlineData(399.99, Light.Yellow)]
    [InlineData(300, Light.Yellow)]  // exactly 60%
    [InlineData(299.99, Light.Red)]
    public void ScheduleDecidesTheLight(decimal ytd, Light expected)
    {
        var reports = Months((1, 0m), (2, 0m), (3, 0m), (4, 0m), (5, ytd));
        Assert.Equal(expected, WarningLights.Judge(Project(), reports, 2023, 5, LightRule.Default));
    }

    [Fact]
    public void NewStartNotStartedThreeMonthsAfterPlannedStartIsRed()
    {
        var project = Project(ProjectStage.NewStart, new DateOnly(2023, 2, 1), plan: 0m);
        Assert.Equal(Light.Green, WarningLights.Judge(project, Months(), 2023, 4, LightRule.Default));
        Assert.Equal(Light.Red, WarningLights.Judge(project, Months(), 2023, 5, LightRule.Default));
        Assert.Equal(Light.Green, WarningLights.Judge(project, Months((3, 10m), (4, 0m), (5, 0m)), 2023, 5, LightRule.Default));
    }

    [Fact]
    public void TwoMonthsWithoutReportIsRed()
    {
        var reports = Months((1, 100m), (2, 100m), (3, 300m));
        Assert.Equal(Light.Green, WarningLights.Judge(Project(), reports, 2023, 4, LightRule.Default));
        Assert.Equal(Light.Red, WarningLights.Judge(Project(), reports, 2023, 5, LightRule.Default));
    }

    [Fact]
    public void MonthsBeforeTheStartAreNotJudged()
    {
        var project = Project(ProjectStage.NewStart, new DateOnly(2023, 9, 1));
        Assert.Equal(Light.Green, WarningLights.Judge(project, Months(), 2023, 5, LightRule.Default));
    }

    [Fact]
    public void FiguresCountOneLightPerMonth()
    {
        var reports = ImmutableArray.Create(new MonthlyReport(new ReportInput(2023, 1, 100m, null, null, []), default, "t", []));
        var figures = ProjectFigures.Compute(Project(), reports, LightRule.Default);
        var year = figures.Year(2023);
        for (var m = 0; m < 12; m++)
        {
            Assert.Equal(1, year.Green[m] + year.Yellow[m] + year.Red[m]);
        }

        Assert.Equal(Light.Green, ProjectFigures.LightOf(figures, 2023, 1));
        Assert.Equal(Light.Red, ProjectFigures.LightOf(figures, 2023, 3));
    }
}
