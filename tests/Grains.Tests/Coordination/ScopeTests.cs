using Liandong.Coordination;
using Liandong.Promotion;
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

    [Fact]
    public async Task AnEnterprisesAndABanksScopesNameTheirCountyAndCityAndUnknownOnesAreNotFound()
    {
        var f = await new Liandong.Grains.Tests.Finance.FinanceScenario(Grains).BuildAsync(counties: 1, banks: 1);

        Assert.Equal(new EnterpriseScope(f.Divisions.Counties[0]), await Grains.GetGrain<Liandong.Finance.IEnterpriseGrain>(f.Enterprise).GetScopeAsync());
        Assert.Equal(new BankScope(f.City), await Grains.GetGrain<Liandong.Finance.IBankGrain>(f.Banks[0]).GetScopeAsync());
        await RejectedAsync(() => Grains.GetGrain<Liandong.Finance.IEnterpriseGrain>(
            Liandong.Grains.Tests.Finance.FinanceScenario.NewCreditCode(f.Divisions.Counties[0])).GetScopeAsync(), DomainErrorKind.NotFound);
        await RejectedAsync(() => Grains.GetGrain<Liandong.Finance.IBankGrain>($"no-bank-{f.City}").GetScopeAsync(), DomainErrorKind.NotFound);
    }

    [Fact]
    public async Task AMeetingsScopeNamesTheCountyThatHoldsItAndChangesNothing()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var meeting = Grains.GetGrain<IMeetingGrain>(CoordinationIds.New(CoordinationIds.Meeting));
        await meeting.OpenAsync(new MeetingDraft(s.City, s.Counties[0], new DateOnly(2023, 6, 1), "现场办公会", "市委书记", ["市领导"], 2023, 5, null), "test");
        var before = await meeting.GetAsync();

        Assert.Equal(new MeetingScope(s.City, s.Counties[0]), await meeting.GetScopeAsync());
        Assert.Equal(before.Matters.Length, (await meeting.GetAsync()).Matters.Length);
        await RejectedAsync(() => Grains.GetGrain<IMeetingGrain>(CoordinationIds.New(CoordinationIds.Meeting)).GetScopeAsync(), DomainErrorKind.NotFound);
    }

    [Fact]
    public async Task ADirectivesScopeNamesItsCityAndEveryCountyAndTownItReaches()
    {
        var s = await new Scenario(Grains).BuildAsync(2, 2);
        var directive = Grains.GetGrain<IDirectiveGrain>(CoordinationIds.New(CoordinationIds.Directive));
        await directive.IssueAsync(new DirectiveDraft(s.City, "典型镇培育", null, new DateOnly(2099, 9, 30), [s.Counties[0]]), "test");
        await directive.SplitAsync(s.Counties[0], [s.Towns[0]], "test");
        var before = await directive.GetAsync();

        var scope = await directive.GetScopeAsync();

        Assert.Equal(s.City, scope.CityCode);
        Assert.Equal([s.Counties[0], s.Towns[0]], scope.Reaches);
        Assert.Equal(before.Version, (await directive.GetAsync()).Version);
        await RejectedAsync(() => Grains.GetGrain<IDirectiveGrain>(CoordinationIds.New(CoordinationIds.Directive)).GetScopeAsync(), DomainErrorKind.NotFound);
    }

    [Fact]
    public async Task ALeadersAndAVisitsScopesNameTheLeaderAndCity()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var code = $"T-{s.City}-VSCOPE";
        await s.ProjectAsync(code, s.Towns[0]);
        var leaderId = $"{s.City}-scope";
        await Grains.GetGrain<ILeaderGrain>(leaderId).RegisterAsync("市长", LeadingBody.Government, s.City, "test");
        var visit = Grains.GetGrain<IVisitGrain>(CoordinationIds.New(CoordinationIds.Visit));
        await visit.RecordAsync(new VisitDraft(leaderId, new DateOnly(2023, 6, 8), [code], "进度滞后。", null), "test");

        Assert.Equal(new LeaderScope(s.City), await Grains.GetGrain<ILeaderGrain>(leaderId).GetScopeAsync());
        Assert.Equal(new VisitScope(leaderId, s.City), await visit.GetScopeAsync());
        await RejectedAsync(() => Grains.GetGrain<ILeaderGrain>($"{s.City}-nobody").GetScopeAsync(), DomainErrorKind.NotFound);
        await RejectedAsync(() => Grains.GetGrain<IVisitGrain>(CoordinationIds.New(CoordinationIds.Visit)).GetScopeAsync(), DomainErrorKind.NotFound);
    }

    [Fact]
    public async Task ALeadsScopeNamesItsCountyAndResponsibleLeader()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var lead = await Liandong.Grains.Tests.Promotion.PromotionSetup.LeadAsync(Grains, Liandong.Grains.Tests.Promotion.PromotionSetup.Draft(s.Counties[0]));
        var before = await lead.GetAsync();

        Assert.Equal(new LeadScope(s.Counties[0], null, null), await lead.GetScopeAsync());
        Assert.Equal(before.Version, (await lead.GetAsync()).Version);
        await RejectedAsync(() => Grains.GetGrain<Liandong.Promotion.ILeadGrain>(
            Liandong.Grains.Tests.Promotion.PromotionSetup.NewLeadId(s.Counties[0])).GetScopeAsync(), DomainErrorKind.NotFound);
    }
}
