using Liandong.Finance;
using Liandong.Reporting;

namespace Liandong.Grains.Tests.Finance;

[Collection(ClusterCollection.Name)]
public sealed class OwnerTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task OwnerIsShownOnTheProjectAndTheEnterprise()
    {
        var s = await new FinanceScenario(Grains).BuildAsync(1, 0);
        var project = await s.OwnedProjectAsync($"T-{s.City}-OWN");

        var view = await project.GetAsync(PeriodQuery.Latest);
        Assert.Equal((s.Enterprise, "演示实业有限公司"), (view.Owner!.CreditCode, view.Owner.Name));
        Assert.Contains(view.History, h => h.Action.StartsWith("owner set to", StringComparison.Ordinal));
        Assert.Equal($"T-{s.City}-OWN", Assert.Single((await Grains.GetGrain<IEnterpriseGrain>(s.Enterprise).GetAsync()).Projects).Code);
    }

    [Fact]
    public async Task ChangingTheOwnerMovesTheProjectBetweenEnterprises()
    {
        var s = await new FinanceScenario(Grains).BuildAsync(1, 0);
        var project = await s.OwnedProjectAsync($"T-{s.City}-MOVE");
        var buyer = await s.EnterpriseAsync(s.Divisions.Counties[0], "接手公司");

        var view = await project.SetOwnerAsync(buyer, "县发改局");

        Assert.Equal(buyer, view.Owner!.CreditCode);
        Assert.Empty((await Grains.GetGrain<IEnterpriseGrain>(s.Enterprise).GetAsync()).Projects);
        Assert.Single((await Grains.GetGrain<IEnterpriseGrain>(buyer).GetAsync()).Projects);

        // Setting the same owner again changes nothing.
        var again = await project.SetOwnerAsync(buyer, "县发改局");
        Assert.Equal(view.Version, again.Version);
    }

    [Fact]
    public async Task AnInvalidCreditCodeIsRefusedAndTheOwnerStays()
    {
        var s = await new FinanceScenario(Grains).BuildAsync(1, 0);
        var project = await s.OwnedProjectAsync($"T-{s.City}-OWNBAD");
        var before = await project.GetAsync(PeriodQuery.Latest);

        var error = await Assert.ThrowsAsync<DomainException>(() => project.SetOwnerAsync("91440883MA4UXY7K2T", "test"));

        Assert.Equal((DomainErrorKind.Validation, "creditCode"), (error.Kind, error.Field));
        var after = await project.GetAsync(PeriodQuery.Latest);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(s.Enterprise, after.Owner!.CreditCode);
    }

    [Fact]
    public async Task AnUnregisteredEnterpriseCannotOwnAProject()
    {
        var s = await new FinanceScenario(Grains).BuildAsync(1, 0);
        var project = await s.Divisions.ProjectAsync($"T-{s.City}-OWNNONE", s.Divisions.Towns[0]);
        var error = await Assert.ThrowsAsync<DomainException>(() => project.SetOwnerAsync(FinanceScenario.NewCreditCode(s.Divisions.Counties[0]), "test"));
        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
        Assert.Null((await project.GetAsync(PeriodQuery.Latest)).Owner);
    }

    [Fact]
    public async Task EnterpriseWithAWrongCheckCharacterIsNotRegistered()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 0);
        var good = FinanceScenario.NewCreditCode(s.Counties[0]);
        var bad = good[..17] + (good[17] == 'Y' ? 'X' : 'Y');
        var grain = Grains.GetGrain<IEnterpriseGrain>(bad);

        var error = await Assert.ThrowsAsync<DomainException>(() => grain.RegisterAsync("错码公司", s.Counties[0], "test"));

        Assert.Equal((DomainErrorKind.Validation, "creditCode"), (error.Kind, error.Field));
        Assert.False(await grain.ExistsAsync());
    }

    [Fact]
    public async Task EnterpriseInAnUnknownCountyIsNotFound()
    {
        var code = FinanceScenario.NewCreditCode("449988");
        var error = await Assert.ThrowsAsync<DomainException>(() => Grains.GetGrain<IEnterpriseGrain>(code).RegisterAsync("无县公司", "449988", "test"));
        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task RegisteringAnEnterpriseAgainRenamesItAndKeepsItsHistory()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 0);
        var code = FinanceScenario.NewCreditCode(s.Counties[0]);
        var grain = Grains.GetGrain<IEnterpriseGrain>(code);
        Assert.True((await grain.RegisterAsync("旧名公司", s.Counties[0], "test")).Created);
        var renamed = await grain.RegisterAsync("新名公司", s.Counties[0], "test");
        Assert.False(renamed.Created);
        Assert.Equal("新名公司", renamed.Name);
        Assert.Equal(2, renamed.History.Length);
        Assert.True(renamed.OrganizationCodeChecks);
    }

    [Fact]
    public async Task BankRegisteredInAnotherCityIsAConflict()
    {
        var a = await new Scenario(Grains).BuildAsync(0, 0);
        var b = await new Scenario(Grains).BuildAsync(0, 0);
        var bank = Grains.GetGrain<IBankGrain>($"moved-{a.City}");
        await bank.RegisterAsync("搬家银行", a.City, "test");
        var error = await Assert.ThrowsAsync<DomainException>(() => bank.RegisterAsync("搬家银行", b.City, "test"));
        Assert.Equal(DomainErrorKind.Conflict, error.Kind);
        Assert.Equal(a.City, (await bank.GetAsync()).CityCode);
        var slug = await Assert.ThrowsAsync<DomainException>(() => Grains.GetGrain<IBankGrain>("Bad Code").RegisterAsync("x", a.City, "test"));
        Assert.Equal("code", slug.Field);
    }
}
