using System.Collections.Immutable;
using Liandong.Reporting;

namespace Liandong.Grains.Tests;

public sealed class FiguresTests
{
    private static Figures Project(int year, decimal plan, params decimal[] months)
    {
        var monthly = new decimal[12];
        var counts = new int[12];
        for (var i = 0; i < months.Length; i++)
        {
            monthly[i] = months[i];
            counts[i] = 1;
        }

        var green = ImmutableArray.Create(Enumerable.Repeat(1, 12).ToArray());
        var zero = ImmutableArray.Create(new int[12]);
        var stages = ImmutableArray.Create(new[] { 0, 0, 1, 0, 0, 0 });
        return new Figures(1, 1000m, stages, ImmutableDictionary<int, YearFigures>.Empty.Add(year,
            new YearFigures(plan, ImmutableArray.Create(monthly), ImmutableArray.Create(counts), green, zero, zero)));
    }

    [Fact]
    public void AddThenSubtractReturnsToEmpty()
    {
        var a = Project(2023, 100m, 1.1m, 2.2m);
        var b = Project(2022, 50m, 3.3m);
        var sum = Figures.Empty.Add(a).Add(b).Subtract(a).Subtract(b);
        Assert.Equal(0, sum.ProjectCount);
        Assert.Empty(sum.Years);
        Assert.All(sum.ByStage, s => Assert.Equal(0, s));
    }

    [Fact]
    public void TotalsReadThePeriod()
    {
        var figures = Figures.Empty.Add(Project(2023, 1200m, 100m, 200m, 300m)).Add(Project(2022, 1000m, 50m, 150m, 1000m));
        var totals = Totals.From(figures, 2023, 2);
        Assert.Equal(300m, totals.CompletedYtd);
        Assert.Equal(0.25m, totals.CompletionRate);
        Assert.Equal(200m, totals.LastYearSamePeriod);
        Assert.Equal(0.5m, totals.GrowthRate);
        Assert.Equal(2, totals.ProjectCount);
        Assert.Equal(2, totals.ByStage.NewStart);
        Assert.Equal(new LightCounts(1, 0, 0), totals.Lights);
    }

    [Fact]
    public void RatesAreNullWithoutAPlanOrLastYear()
    {
        var totals = Totals.From(Project(2023, 0m, 10m), 2023, 1);
        Assert.Null(totals.CompletionRate);
        Assert.Null(totals.LastYearSamePeriod);
        Assert.Null(totals.GrowthRate);
    }
}
