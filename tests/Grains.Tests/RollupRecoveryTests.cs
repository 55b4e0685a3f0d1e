using System.Collections.Immutable;
using Liandong.Grains.Hierarchy;
using Liandong.Grains.Reporting;
using Liandong.Hierarchy;
using Liandong.Finance;
using Liandong.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Liandong.Grains.Tests;

/// <summary>
/// The roll-up after a silo died: divisions hold their children's figures in memory, so what a crash leaves in
/// storage is written here by hand, as the dead silo would have left it, and the grains must recover from it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RollupRecoveryTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private IGrainStorage Storage => fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);

    [Fact]
    public async Task ATownThatDiedHoldingUnwrittenFiguresRebuildsThemFromItsProjects()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var a = await s.ProjectAsync($"T-{s.City}-RB-A", s.Towns[0]);
        var b = await s.ProjectAsync($"T-{s.City}-RB-B", s.Towns[0]);
        await a.SubmitReportAsync(Scenario.Report(2023, 5, 100m), "test");
        await b.SubmitReportAsync(Scenario.Report(2023, 5, 23.5m), "test");
        var period = new PeriodQuery(2023, 5);
        await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(period), o => o.Totals.CompletedYtd == 123.5m);
        await fixture.Cluster.DeactivateAsync(Grains.GetGrain<ITownGrain>(s.Towns[0]));

        // What a town whose silo died leaves behind: marked open, and its projects' last figures never written.
        await ChangeStoredAsync<DivisionState>("town", s.Towns[0], town => town with
        {
            Open = true,
            Children = town.Children.ToImmutableDictionary(c => c.Key, c => c.Value with { Version = 0, Figures = Figures.Empty }),
        });

        var rebuilt = await Scenario.EventuallyAsync(() => Grains.GetGrain<ITownGrain>(s.Towns[0]).GetOverviewAsync(period),
            o => o.Totals.CompletedYtd == 123.5m);
        Assert.Equal(123.5m, rebuilt.Totals.CompletedYtd);
        Assert.Equal(2, rebuilt.Totals.ProjectCount);
        var city = await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(period), o => o.Totals.CompletedYtd == 123.5m);
        Assert.Equal(123.5m, city.Totals.CompletedYtd);
        Assert.Equal(2, city.Totals.ProjectCount);
    }

    /// <summary>
    /// A town rebuilds from its projects' stored rows without waking them (what keeps a city's recovery within a minute
    /// at 100,000 projects); a row written after the town last heard of it counts, and a project with factor needs is
    /// still asked, so that its activation sends them to the county's index again.
    /// </summary>
    [Fact]
    public async Task ATownRebuildsFromItsProjectsStoredRowsWithoutActivatingThem()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var codes = new[] { $"T-{s.City}-SR-A", $"T-{s.City}-SR-B", $"T-{s.City}-SR-C" };
        var projects = new List<IProjectGrain>();
        foreach (var code in codes)
        {
            var project = await s.ProjectAsync(code, s.Towns[0]);
            await project.SubmitReportAsync(Scenario.Report(2023, 5, 10m), "test");
            projects.Add(project);
        }

        await projects[2].AddFactorNeedAsync(new FactorNeedInput(FactorKind.Land, "产业园用地报批", 60m, "亩", $"{s.City}-zrzyj", new DateOnly(2023, 8, 31)), "县发改局");
        var period = new PeriodQuery(2023, 5);
        await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(period), o => o.Totals.CompletedYtd == 30m);
        await fixture.Cluster.DeactivateAsync(Grains.GetGrain<ITownGrain>(s.Towns[0]));
        foreach (var project in projects)
        {
            await fixture.Cluster.DeactivateAsync(project);
        }

        Assert.Empty(await ActiveAsync(codes));

        // Project A's last report was written and its push died with the silo; the town died open, its figures unwritten.
        await ChangeStoredAsync<ProjectState>("project", codes[0], p => p with
        {
            Version = p.Version + 1,
            Reports = [p.Reports.Single() with { Figures = Scenario.Report(2023, 5, 25m) }],
        });
        await ChangeStoredAsync<DivisionState>("town", s.Towns[0], town => town with
        {
            Open = true,
            Children = town.Children.ToImmutableDictionary(c => c.Key, c => c.Value with { Version = 0, Figures = Figures.Empty }),
        });

        var rebuilt = await Scenario.EventuallyAsync(() => Grains.GetGrain<ITownGrain>(s.Towns[0]).GetOverviewAsync(period),
            o => o.Totals.CompletedYtd == 45m && !o.Rebuilding);
        Assert.Equal((45m, 3), (rebuilt.Totals.CompletedYtd, rebuilt.Totals.ProjectCount));
        Assert.Equal([codes[2]], await ActiveAsync(codes));
        await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(period), o => o.Totals.CompletedYtd == 45m && !o.Rebuilding);
    }

    private async Task<List<string>> ActiveAsync(IEnumerable<string> codes)
    {
        var type = Grains.GetGrain<IProjectGrain>(codes.First()).GetGrainId().Type;
        var active = await Grains.GetGrain<IManagementGrain>(0).GetActiveGrains(type);
        return [.. codes.Where(code => active.Contains(Grains.GetGrain<IProjectGrain>(code).GetGrainId()))];
    }

    [Fact]
    public async Task ACityThatDiedHoldingUnwrittenFiguresAsksItsCityLevelLeadsAgain()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var lead = await Liandong.Grains.Tests.Promotion.PromotionSetup.LeadAsync(Grains,
            Liandong.Grains.Tests.Promotion.PromotionSetup.Draft(s.City, name: "空港经济区恢复测试", received: new DateOnly(2023, 4, 1)));
        await lead.MoveAsync(Liandong.Grains.Tests.Promotion.PromotionSetup.To(Liandong.Promotion.LeadStage.Negotiating, new DateOnly(2023, 4, 2)), "x");
        var period = new PeriodQuery(2023, 5);
        await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(period), o => o.Totals.Promotion.Negotiating == 1);
        await fixture.Cluster.DeactivateAsync(Grains.GetGrain<ICityGrain>(s.City));

        // What a city whose silo died leaves behind: marked open, its children's last figures never written.
        await ChangeStoredAsync<DivisionState>("city", s.City, city => city with
        {
            Open = true,
            Children = city.Children.ToImmutableDictionary(c => c.Key, c => c.Value with { Version = 0, Figures = Figures.Empty }),
        });

        var rebuilt = await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(period),
            o => o.Totals.Promotion.Negotiating == 1 && !o.Rebuilding);
        Assert.Equal((1, 1), (rebuilt.Totals.Promotion.Leads, rebuilt.Totals.Promotion.Negotiating));
        Assert.Equal([s.Counties[0]], rebuilt.Children.Select(c => c.Code));
    }

    [Fact]
    public async Task ATownFetchesTheFiguresOfAnAnnouncedReportWhosePushNeverCame()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var code = $"T-{s.City}-ANN";
        var project = await s.ProjectAsync(code, s.Towns[0]);
        await project.SubmitReportAsync(Scenario.Report(2023, 4, 40m), "test");
        var period = new PeriodQuery(2023, 4);
        await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(period), o => o.Totals.CompletedYtd == 40m);
        await fixture.Cluster.DeactivateAsync(project);

        // The project announced a correction, wrote it, and its silo died before the push.
        var written = await ChangeStoredAsync<ProjectState>("project", code, p => p with
        {
            Version = p.Version + 1,
            Reports = [p.Reports.Single() with { Figures = Scenario.Report(2023, 4, 65m) }],
        });
        await Grains.GetGrain<ITownGrain>(s.Towns[0]).PrepareAsync(code, written.Version);

        var city = await Scenario.EventuallyAsync(() => Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(period),
            o => o.Totals.CompletedYtd == 65m, timeoutMs: 15_000);
        Assert.Equal(65m, city.Totals.CompletedYtd);
        Assert.Equal(65m, (await Grains.GetGrain<ITownGrain>(s.Towns[0]).GetOverviewAsync(period)).Totals.CompletedYtd);
    }

    [Fact]
    public async Task AReportIsAcknowledgedOnlyAfterItsTownHeardOfIt()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var project = await s.ProjectAsync($"T-{s.City}-ACK", s.Towns[0]);

        await project.SubmitReportAsync(Scenario.Report(2023, 3, 12.75m), "test");

        // No waiting: the town holds the figures (recoverably) by the time the report is acknowledged.
        var town = await Grains.GetGrain<ITownGrain>(s.Towns[0]).GetOverviewAsync(new PeriodQuery(2023, 3));
        Assert.Equal(12.75m, town.Totals.CompletedYtd);
    }

    private async Task<T> ChangeStoredAsync<T>(string stateName, string key, Func<T, T> change)
        where T : class
    {
        var grainId = GrainId.Create(stateName, key);
        var stored = new GrainState<T>();
        await Storage.ReadStateAsync(stateName, grainId, stored);
        Assert.True(stored.RecordExists, $"{stateName}/{key} has no stored state");
        stored.State = change(stored.State!);
        await Storage.WriteStateAsync(stateName, grainId, stored);
        return stored.State;
    }
}
