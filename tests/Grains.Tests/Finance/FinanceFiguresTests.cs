using System.Collections.Immutable;
using Liandong.Finance;
using Liandong.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Liandong.Grains.Tests.Finance;

public sealed class FinanceFiguresTests
{
    private static FactorNeed Need(string id, FactorKind kind, string department, FactorStatus status = FactorStatus.Open) =>
        new(id, kind, "detail", 10m, "亩", department, new DateOnly(2023, 8, 31), status, null, default, "t", null, default, "t");

    private static Figures Project(decimal requested, decimal offered, decimal accepted, decimal disbursed, params FactorNeed[] needs) =>
        Figures.Empty with
        {
            ProjectCount = 1,
            Finance = new FinanceFigures(requested, offered, accepted, disbursed, 1),
            Factors = FactorCounts.Of(needs),
        };

    [Fact]
    public void FinanceAndFactorsAddUpAndSubtractBackToEmpty()
    {
        var a = Project(20000m, 27000m, 15000m, 5000.5m, Need("F1", FactorKind.Land, "440800-zrzyj"), Need("F2", FactorKind.Energy, "440800-gdj"));
        var b = Project(8000m, 0m, 0m, 0m, Need("F1", FactorKind.Land, "440800-zrzyj"), Need("F2", FactorKind.Land, "440800-zrzyj", FactorStatus.Met));

        var sum = Figures.Empty.Add(a).Add(b);
        Assert.Equal(new FinanceFigures(28000m, 27000m, 15000m, 5000.5m, 2), sum.Finance);
        Assert.Equal(3, sum.Factors.Open);
        Assert.Equal(2, sum.Factors.ByKind["land"]);
        Assert.Equal(1, sum.Factors.ByKind["energy"]);
        Assert.Equal(2, sum.Factors.ByDepartment["440800-zrzyj"]);

        var back = sum.Subtract(a).Subtract(b);
        Assert.Equal(FinanceFigures.Empty, back.Finance);
        Assert.Equal(0, back.Factors.Open);
        Assert.Empty(back.Factors.ByKind);
        Assert.Empty(back.Factors.ByDepartment);
    }

    [Fact]
    public void ReplacingASnapshotMovesTheSumByTheDifferenceOnly()
    {
        var before = Project(20000m, 0m, 0m, 0m, Need("F1", FactorKind.Approval, "440800-fgj"));
        var after = Project(20000m, 15000m, 0m, 0m);
        var other = Project(500m, 0m, 0m, 0m, Need("F1", FactorKind.Approval, "440800-fgj"));
        var parent = Figures.Empty.Add(before).Add(other).Subtract(before).Add(after);
        Assert.Equal(new FinanceFigures(20500m, 15000m, 0m, 0m, 2), parent.Finance);
        Assert.Equal(1, parent.Factors.ByKind["approval"]);
    }

    [Fact]
    public void EmptyFiguresHaveNoFinanceAndNoFactors()
    {
        Assert.Equal(FinanceFigures.Empty, Figures.Empty.Finance);
        Assert.Equal(0, Figures.Empty.Finance.Count);
        Assert.Equal(0, Figures.Empty.Factors.Open);
        Assert.Equal(6, Figures.Empty.ByStage.Length);
        Assert.Equal(Figures.Empty.ByStage, new Figures().ByStage);
    }

    [Fact]
    public void FiguresStoredBeforeFinanceExistedReadBackWithEmptyFinance()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var old = new FiguresBeforeFinance(3, 1500m, ImmutableArray.Create(0, 1, 2, 0, 0, 0), ImmutableDictionary<int, YearFigures>.Empty);

        var read = serializer.Deserialize<Figures>(serializer.SerializeToArray(old))!;

        Assert.Equal(3, read.ProjectCount);
        Assert.Equal(1500m, read.TotalInvestment);
        Assert.NotNull(read.Finance);
        Assert.Equal(FinanceFigures.Empty, read.Finance);
        Assert.NotNull(read.Factors);
        Assert.Equal(0, read.Add(Figures.Empty).Factors.Open);
    }

    [Fact]
    public void FiguresRoundTripWithFinanceAndFactors()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var figures = Project(1m, 2m, 3m, 4m, Need("F1", FactorKind.Water, "440800-swj"));

        var read = serializer.Deserialize<Figures>(serializer.SerializeToArray(figures))!;

        Assert.Equal(figures.Finance, read.Finance);
        Assert.Equal(1, read.Factors.ByKind["water"]);
        Assert.Equal(1, read.Factors.ByDepartment["440800-swj"]);
    }
}

/// <summary>The shape <see cref="Figures"/> had before financing and factor counts were added, to read old rows.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Tests.FiguresBeforeFinance")]
public sealed record FiguresBeforeFinance(
    [property: Id(0)] int ProjectCount,
    [property: Id(1)] decimal TotalInvestment,
    [property: Id(2)] ImmutableArray<int> ByStage,
    [property: Id(3)] ImmutableDictionary<int, YearFigures> Years);
