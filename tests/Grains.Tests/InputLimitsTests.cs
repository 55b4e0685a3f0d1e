using System.Collections.Immutable;
using Liandong.Finance;
using Liandong.Grains.Tests.Finance;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Grains.Tests;

/// <summary>
/// The grains refuse what is past <see cref="InputLimits"/> themselves (whoever calls them), name the field and
/// write nothing; and the roll-up arithmetic saturates instead of throwing on figures stored before the bounds.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class InputLimitsTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task AProjectPastTheAmountBoundIsRefusedByItsGrain()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var code = $"LIM-{s.Towns[0]}-1";
        var profile = Scenario.Profile(code, s.Towns[0]) with { TotalInvestment = InputLimits.MaxAmount + 1m };

        var error = await Assert.ThrowsAsync<DomainException>(() => Grains.GetGrain<IProjectGrain>(code).RegisterAsync(profile, "test"));

        Assert.Equal(("totalInvestment", DomainErrorKind.Validation), (error.Field, error.Kind));
        Assert.False(await Grains.GetGrain<IProjectGrain>(code).ExistsAsync());
    }

    [Fact]
    public async Task AReportPastTheBoundsIsRefusedByItsGrainAndChangesNothing()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var project = await s.ProjectAsync($"LIM-{s.Towns[0]}-2", s.Towns[0]);
        var version = (await project.GetAsync(PeriodQuery.Latest)).Version;

        var amount = await Assert.ThrowsAsync<DomainException>(() => project.SubmitReportAsync(Scenario.Report(2023, 5, decimal.MaxValue), "test"));
        var problems = await Assert.ThrowsAsync<DomainException>(() => project.SubmitReportAsync(
            Scenario.Report(2023, 5, 10m) with { Problems = [.. Enumerable.Repeat("问题", InputLimits.MaxItems + 1)] }, "test"));

        Assert.Equal("investmentCompleted", amount.Field);
        Assert.Equal("problems", problems.Field);
        Assert.Equal(version, (await project.GetAsync(PeriodQuery.Latest)).Version);
    }

    [Fact]
    public async Task ADivisionNamePastTheLimitIsRefusedByItsGrain()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Grains.GetGrain<ITownGrain>(s.Towns[0]).RegisterAsync(new string('镇', InputLimits.MaxName + 1), s.Counties[0], "test"));

        Assert.Equal("name", error.Field);
        Assert.NotEqual(InputLimits.MaxName + 1, (await Grains.GetGrain<ITownGrain>(s.Towns[0]).GetInfoAsync())!.Name.Length);
    }

    [Fact]
    public async Task AnEnterpriseIsNotMovedByRegisteringItAgainAndMovesOnlyWithinItsCity()
    {
        var f = await new FinanceScenario(Grains).BuildAsync(counties: 2, banks: 0);
        var enterprise = Grains.GetGrain<IEnterpriseGrain>(f.Enterprise);
        var home = f.Divisions.Counties[0];
        var next = f.Divisions.Counties[1];

        var move = await Assert.ThrowsAsync<DomainException>(() => enterprise.RegisterAsync("演示实业有限公司", next, "test"));
        var stale = await Assert.ThrowsAsync<DomainException>(() => enterprise.MoveAsync("演示实业有限公司", next, home, "test"));

        Assert.Equal(DomainErrorKind.Conflict, move.Kind);
        Assert.Equal(DomainErrorKind.Conflict, stale.Kind);
        Assert.Equal(home, (await enterprise.GetAsync()).CountyCode);
        Assert.Equal(next, (await enterprise.MoveAsync("演示实业有限公司", home, next, "test")).CountyCode);
    }

    [Fact]
    public void FiguresNearTheDecimalLimitAddAndJudgeWithoutThrowing()
    {
        var year = new YearFigures(decimal.MaxValue, [.. Enumerable.Repeat(decimal.MaxValue, 12)], [.. Enumerable.Repeat(1, 12)],
            [.. Enumerable.Repeat(1, 12)], [.. new int[12]], [.. new int[12]]);
        var huge = new Figures(1, decimal.MaxValue, [0, 0, 0, 1, 0, 0], ImmutableDictionary<int, YearFigures>.Empty.Add(2023, year))
        {
            Finance = new FinanceFigures(decimal.MaxValue, decimal.MaxValue, 0m, 0m, 1),
        };

        var sum = huge.Add(huge);
        var totals = Totals.From(sum, 2023, 12);

        Assert.Equal(decimal.MaxValue, sum.TotalInvestment);
        Assert.Equal(decimal.MaxValue, totals.CompletedYtd);
        Assert.Equal(decimal.MaxValue, sum.Finance.Requested);
        Assert.Equal(1m, SafeMath.Ratio(decimal.MaxValue, decimal.MaxValue, 4));
        Assert.Null(SafeMath.Ratio(decimal.MaxValue, 0.0001m, 4));
    }
}
