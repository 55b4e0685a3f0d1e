using Liandong.Coordination;
using Liandong.Reporting;
using static Liandong.Grains.Tests.Coordination.CoordinationSetup;

namespace Liandong.Grains.Tests.Coordination;

/// <summary>The read-only scope calls the front tier's access checks make: the right keys, nothing written, 404 for nothing.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ScopeTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task AMattersScopeNamesItsRaiserAddresseeAndDepartmentsAndChangesNothing()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj", "zjj");
        var project = $"T-{s.City}-SCOPE";
        await s.ProjectAsync(project, s.Towns[0]);
        var matter = await RaiseAsync(Grains, Draft(project, s.Towns[0], d, new DateOnly(2099, 12, 31)));
        var before = await matter.GetAsync();

        var scope = await matter.GetScopeAsync();

        Assert.Equal((project, s.Towns[0]), (scope.RaisedBy, scope.AddressedTo));
        Assert.Equal(d, scope.Departments);
        Assert.Equal(before.History.Length, (await matter.GetAsync()).History.Length);
    }

    [Fact]
    public async Task AProjectsScopeNamesItsTownAndAnUnknownOneIsNotFound()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var project = await s.ProjectAsync($"T-{s.City}-PSCOPE", s.Towns[0]);

        var scope = await project.GetScopeAsync();

        Assert.Equal(new ProjectScope(s.Towns[0], null, null), scope);
        await RejectedAsync(() => Grains.GetGrain<IProjectGrain>($"T-{s.City}-NONE").GetScopeAsync(), DomainErrorKind.NotFound);
        await RejectedAsync(() => Grains.GetGrain<IMatterGrain>(CoordinationIds.New(CoordinationIds.Matter)).GetScopeAsync(), DomainErrorKind.NotFound);
    }

    [Fact]
    public async Task AFinancingRequestsScopeNamesItsTownEnterpriseAndBanks()
    {
        var f = await new Liandong.Grains.Tests.Finance.FinanceScenario(Grains).BuildAsync(counties: 1, banks: 2);
        var project = await f.OwnedProjectAsync($"T-{f.City}-FSCOPE");
        var request = await f.SubmitAsync(Liandong.Finance.FinancingIds.New(DateTimeOffset.UtcNow), $"T-{f.City}-FSCOPE");
        await request.RecommendAsync([.. f.Banks], null, "test");

        var scope = await request.GetScopeAsync();

        Assert.Equal((f.Divisions.Towns[0], f.Enterprise, (string?)null), (scope.TownCode, scope.CreditCode, scope.AcceptedBank));
        Assert.Equal(f.Banks, scope.Banks);
        Assert.Equal(new ProjectScope(f.Divisions.Towns[0], f.Enterprise, null), await project.GetScopeAsync());
    }
}
