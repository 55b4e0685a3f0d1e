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
