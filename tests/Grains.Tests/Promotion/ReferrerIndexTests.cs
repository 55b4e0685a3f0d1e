using Liandong.Coordination;
using Liandong.Grains.Coordination;
using Liandong.Grains.Promotion;
using Liandong.Promotion;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using static Liandong.Grains.Tests.Promotion.PromotionSetup;

namespace Liandong.Grains.Tests.Promotion;

/// <summary>
/// A city's referrer list (<see cref="IReferrerIndexGrain"/>): each referrer pushes its summary after every persisted change,
/// with the totals its own page shows; referrers stored before the list existed are taken in too.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReferrerIndexTests(ClusterFixture fixture)
{
    private static readonly DateOnly D = new(2023, 6, 1);

    private IGrainFactory Grains => fixture.Grains;

    private IGrainStorage Storage => fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);

    [Fact]
    public async Task TheCityListsItsReferrersWithTheFiguresOfTheirPagesLargestSignedAmountFirst()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var other = await new Scenario(Grains).BuildAsync(1, 1);
        var chen = await ReferrerAsync(Grains, s.City, "chen");
        var chamber = await ReferrerAsync(Grains, s.City, "chamber", ReferrerKind.Chamber);
        var idle = await ReferrerAsync(Grains, s.City, "idle", ReferrerKind.Agency);
        await ReferrerAsync(Grains, other.City, "elsewhere");

        // Chen: one lead signed for 20,000. The chamber: one signed for 50,000 and one signed for 90,000, then dropped (not counted).
        var a = await LeadAsync(Grains, Draft(s.Counties[0], "甲项目", "甲公司", received: D, referrer: chen));
        await a.MoveAsync(To(LeadStage.Negotiating, D.AddDays(1)), "t");
        await a.MoveAsync(To(LeadStage.Signed, D.AddDays(2), signed: 20_000m), "t");
        var b = await LeadAsync(Grains, Draft(s.Counties[0], "乙项目", "乙公司", received: D, referrer: chamber));
        await b.MoveAsync(To(LeadStage.Negotiating, D.AddDays(1)), "t");
        await b.MoveAsync(To(LeadStage.Signed, D.AddDays(2), signed: 50_000m), "t");
        var c = await LeadAsync(Grains, Draft(s.Counties[0], "丙项目", "丙公司", received: D, referrer: chamber));
        await c.MoveAsync(To(LeadStage.Negotiating, D.AddDays(1)), "t");
        await c.MoveAsync(To(LeadStage.Signed, D.AddDays(2), signed: 90_000m), "t");
        await c.MoveAsync(To(LeadStage.Dropped, D.AddDays(3), note: "投资方撤回"), "t");

        var index = Grains.GetGrain<IReferrerIndexGrain>(s.City);
        var list = await Scenario.EventuallyAsync(() => index.ListAsync(),
            l => l.Length == 3 && l.Single(r => r.Id == chamber).Totals.Leads == 2 && l.Single(r => r.Id == chamber).Totals.SignedAmount == 50_000m
                 && l.Single(r => r.Id == chen).Totals.SignedAmount == 20_000m);
        Assert.Equal([chamber, chen, idle], list.Select(r => r.Id));
        Assert.Equal(ReferrerKind.Chamber, list[0].Kind);
        foreach (var row in list)
        {
            Assert.Equal((await Grains.GetGrain<IReferrerGrain>(row.Id).GetAsync()).Totals, row.Totals);
        }

        Assert.Equal(ReferrerTotals.Empty, list[2].Totals);
        Assert.Equal([$"{other.City}-elsewhere"], (await Grains.GetGrain<IReferrerIndexGrain>(other.City).ListAsync()).Select(r => r.Id));

        // A change of the profile reaches the list with the next version.
        await Grains.GetGrain<IReferrerGrain>(idle).RegisterAsync("某招商中介（改名）", ReferrerKind.Agency, s.City, s.Counties[0], null, "t");
        var renamed = (await index.ListAsync()).Single(r => r.Id == idle);
        Assert.Equal(("某招商中介（改名）", s.Counties[0]), (renamed.Name, renamed.HometownCode));
    }

    [Fact]
    public async Task AReferrerStoredBeforeTheListExistedIsListedOnceItWakes()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var id = $"{s.City}-old-xiangxian";

        // As an earlier release stored it: no version, never pushed.
        await WriteStoredAsync("referrer", Grains.GetGrain<IReferrerGrain>(id).GetGrainId(),
            new ReferrerState { Name = "老乡贤", Kind = ReferrerKind.Xiangxian, CityCode = s.City });
        Assert.Empty(await Grains.GetGrain<IReferrerIndexGrain>(s.City).ListAsync());

        await Grains.GetGrain<IReferrerGrain>(id).GetInfoAsync();
        var list = await Scenario.EventuallyAsync(() => Grains.GetGrain<IReferrerIndexGrain>(s.City).ListAsync(), l => l.Length == 1);
        Assert.Equal(("老乡贤", 1L), (Assert.Single(list).Name, list[0].Version));
    }

    [Fact]
    public async Task AListThatLacksAReferrerWhichBroughtALeadOfTheCityTakesItInWhenItActivates()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var referrer = await ReferrerAsync(Grains, s.City, "wu");
        await LeadAsync(Grains, Draft(s.Counties[0], received: D, referrer: referrer));
        var index = Grains.GetGrain<IReferrerIndexGrain>(s.City);
        await Scenario.EventuallyAsync(() => index.ListAsync(), l => l.Length == 1 && l[0].Totals.Leads == 1);

        // The list loses its rows (as a list that never had them: the referrer was stored before it existed).
        await fixture.Cluster.DeactivateAsync(index);
        await WriteStoredAsync("referrer-index", index.GetGrainId(), new SummaryIndexState<ReferrerSummary>());

        var list = await index.ListAsync();
        Assert.Equal((referrer, 1), (Assert.Single(list).Id, list[0].Totals.Leads));
    }

    private async Task WriteStoredAsync<T>(string stateName, GrainId grainId, T value)
        where T : class
    {
        var stored = new GrainState<T>();
        await Storage.ReadStateAsync(stateName, grainId, stored);
        stored.State = value;
        await Storage.WriteStateAsync(stateName, grainId, stored);
    }
}
