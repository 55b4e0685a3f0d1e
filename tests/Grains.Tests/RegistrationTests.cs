using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RegistrationTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task CountyOutsideItsCitysPrefixIsRejected()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 0);
        var error = await Assert.ThrowsAsync<DomainException>(() => Grains.GetGrain<ICountyGrain>("449901").RegisterAsync("错县", s.City, "test"));
        Assert.Equal(DomainErrorKind.Validation, error.Kind);
        Assert.Equal("cityCode", error.Field);
        Assert.Null(await Grains.GetGrain<ICountyGrain>("449901").GetInfoAsync());
    }

    [Fact]
    public async Task TownUnderAnUnregisteredCountyIsNotFound()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => Grains.GetGrain<ITownGrain>("449902101").RegisterAsync("孤镇", "449902", "test"));
        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task RegisteringACountyAppearsInItsCityWithZeroTotals()
    {
        var s = await new Scenario(Grains).BuildAsync(3, 0);
        var city = await Grains.GetGrain<ICityGrain>(s.City).GetOverviewAsync(new PeriodQuery(2023, 5));
        Assert.Equal(s.Counties, city.Children.Select(c => c.Code));
        Assert.All(city.Children, c => Assert.Equal(0m, c.Totals.CompletedYtd));
    }

    [Fact]
    public async Task RegisteringAgainRenamesAndReportsNotCreated()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var info = await Grains.GetGrain<ITownGrain>(s.Towns[0]).RegisterAsync("新名镇", s.Counties[0], "test");
        Assert.False(info.Created);
        Assert.Equal("新名镇", info.Name);
        var county = await Grains.GetGrain<ICountyGrain>(s.Counties[0]).GetOverviewAsync(new PeriodQuery(2023, 1));
        Assert.Equal("新名镇", county.Children.Single().Name);
    }

    [Fact]
    public async Task ProjectCodeRegisteredTwiceIsAConflict()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 2);
        await s.ProjectAsync($"T-{s.City}-DUP", s.Towns[0]);
        var error = await Assert.ThrowsAsync<DomainException>(() => s.ProjectAsync($"T-{s.City}-DUP", s.Towns[1]));
        Assert.Equal(DomainErrorKind.Conflict, error.Kind);
        var view = await Grains.GetGrain<IProjectGrain>($"T-{s.City}-DUP").GetAsync(PeriodQuery.Latest);
        Assert.Equal(s.Towns[0], view.Profile.TownCode);
    }

    [Fact]
    public async Task ProjectInAnUnknownTownIsNotFoundAndNotCreated()
    {
        var grain = Grains.GetGrain<IProjectGrain>("T-NOWHERE-1");
        var error = await Assert.ThrowsAsync<DomainException>(() => grain.RegisterAsync(Scenario.Profile("T-NOWHERE-1", "449903101"), "test"));
        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
        Assert.False(await grain.ExistsAsync());
    }

    [Fact]
    public async Task TownHandsOutDistinctProjectCodes()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var town = Grains.GetGrain<ITownGrain>(s.Towns[0]);
        var codes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => town.AllocateProjectCodeAsync()));
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.StartsWith("LD-" + s.Towns[0], c, StringComparison.Ordinal));
    }
}
