using Liandong.Grains.Hierarchy;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Liandong.Grains.Tests;

/// <summary>
/// A division that rebuilds its figures after a crash must not present a partial sum as complete: its overview says
/// <see cref="DivisionOverview.Rebuilding"/> until every child has answered, and no longer.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RebuildingOverviewTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private IGrainStorage Storage => fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);

    [Fact]
    public async Task ATownRebuildingAfterACrashSaysSoUntilEveryChildAnswered()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var project = await s.ProjectAsync($"T-{s.City}-RBO", s.Towns[0]);
        await project.SubmitReportAsync(Scenario.Report(2023, 5, 70m), "test");
        var period = new PeriodQuery(2023, 5);
        var settled = await Scenario.EventuallyAsync(() => Grains.GetGrain<ITownGrain>(s.Towns[0]).GetOverviewAsync(period), o => o.Totals.CompletedYtd == 70m);
        Assert.False(settled.Rebuilding);
        var town = Grains.GetGrain<ITownGrain>(s.Towns[0]);
        await fixture.Cluster.DeactivateAsync(town);

        // The town died holding unwritten figures, and one child it knows of does not answer the rebuild
        // (a project whose grain cannot give its figures): the rebuild stays incomplete.
        var ghost = $"T-{s.City}-GHOST";
        await ChangeStoredAsync<DivisionState>("town", s.Towns[0], t => t with
        {
            Open = true,
            Children = t.Children.SetItem(ghost, new ChildEntry("ghost", 0, Figures.Empty, null, null)),
        });

        var rebuilding = await town.GetOverviewAsync(period);
        Assert.True(rebuilding.Rebuilding);

        // Once the child that did not answer is gone from the stored state, a fresh activation rebuilds completely.
        await fixture.Cluster.DeactivateAsync(town);
        await ChangeStoredAsync<DivisionState>("town", s.Towns[0], t => t with { Open = true, Children = t.Children.Remove(ghost) });
        var exact = await Scenario.EventuallyAsync(() => town.GetOverviewAsync(period), o => !o.Rebuilding);
        Assert.Equal(70m, exact.Totals.CompletedYtd);
    }

    [Fact]
    public async Task TheCountyAndCityAboveARebuildingTownSayRebuildingUntilTheTownIsExact()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var project = await s.ProjectAsync($"T-{s.City}-RBU", s.Towns[0]);
        await project.SubmitReportAsync(Scenario.Report(2023, 5, 40m), "test");
        var period = new PeriodQuery(2023, 5);
        var city = Grains.GetGrain<ICityGrain>(s.City);
        var county = Grains.GetGrain<ICountyGrain>(s.Counties[0]);
        var town = Grains.GetGrain<ITownGrain>(s.Towns[0]);
        var settled = await Scenario.EventuallyAsync(() => city.GetOverviewAsync(period), o => o.Totals.CompletedYtd == 40m && !o.Rebuilding);
        Assert.Equal(40m, settled.Totals.CompletedYtd);
        Assert.False(settled.Rebuilding);

        // The town's figures arrive marked partial, as a town rebuilding after a crash sends them.
        var snapshot = (await town.GetSnapshotAsync())!;
        await county.AcceptSnapshotAsync(snapshot with { Version = snapshot.Version + 1, Rebuilding = true });

        // The flag travels up with the figures: neither the county nor the city presents them as complete.
        Assert.True((await county.GetOverviewAsync(period)).Rebuilding);
        Assert.True((await county.GetSnapshotAsync())!.Rebuilding);
        var partial = await Scenario.EventuallyAsync(() => city.GetOverviewAsync(period), o => o.Rebuilding);
        Assert.True(partial.Rebuilding);

        // The town's next figures say they are exact: the county and the city say so too, though no sum moved.
        await county.AcceptSnapshotAsync(snapshot with { Version = snapshot.Version + 2 });
        Assert.False((await county.GetOverviewAsync(period)).Rebuilding);
        var exact = await Scenario.EventuallyAsync(() => city.GetOverviewAsync(period), o => !o.Rebuilding);
        Assert.False(exact.Rebuilding);
        Assert.Equal(40m, exact.Totals.CompletedYtd);
    }

    [Fact]
    public async Task ATownThatFinishesItsRebuildTellsItsCountyUnderANewVersion()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var project = await s.ProjectAsync($"T-{s.City}-RBV", s.Towns[0]);
        await project.SubmitReportAsync(Scenario.Report(2023, 5, 30m), "test");
        var period = new PeriodQuery(2023, 5);
        var county = Grains.GetGrain<ICountyGrain>(s.Counties[0]);
        var town = Grains.GetGrain<ITownGrain>(s.Towns[0]);
        await Scenario.EventuallyAsync(() => county.GetOverviewAsync(period), o => o.Totals.CompletedYtd == 30m);
        var before = (await town.GetSnapshotAsync())!.Version;

        // The town dies open; its next activation rebuilds from its project and settles.
        await fixture.Cluster.DeactivateAsync(town);
        await ChangeStoredAsync<DivisionState>("town", s.Towns[0], t => t with { Open = true });
        var rebuilt = await Scenario.EventuallyAsync(() => town.GetSnapshotAsync(), t => t is { Rebuilding: false } && t.Version > before);
        Assert.False(rebuilt!.Rebuilding);
        Assert.True(rebuilt.Version > before);

        var exact = await Scenario.EventuallyAsync(() => county.GetOverviewAsync(period), o => !o.Rebuilding && o.Totals.CompletedYtd == 30m);
        Assert.False(exact.Rebuilding);
        Assert.Equal(30m, exact.Totals.CompletedYtd);
    }

    private async Task ChangeStoredAsync<T>(string stateName, string key, Func<T, T> change)
        where T : class
    {
        var grainId = GrainId.Create(stateName, key);
        var stored = new GrainState<T>();
        await Storage.ReadStateAsync(stateName, grainId, stored);
        Assert.True(stored.RecordExists, $"{stateName}/{key} has no stored state");
        stored.State = change(stored.State!);
        await Storage.WriteStateAsync(stateName, grainId, stored);
    }
}
