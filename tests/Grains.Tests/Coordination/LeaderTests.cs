using Liandong.Coordination;
using Liandong.Reporting;
using static Liandong.Grains.Tests.Coordination.CoordinationSetup;

namespace Liandong.Grains.Tests.Coordination;

[Collection(ClusterCollection.Name)]
public sealed class LeaderTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private async Task<ILeaderGrain> LeaderAsync(Scenario s, string slug, string title = "市委书记", LeadingBody body = LeadingBody.PartyCommittee)
    {
        var grain = Grains.GetGrain<ILeaderGrain>($"{s.City}-{slug}");
        await grain.RegisterAsync(title, body, s.City, "市委办");
        return grain;
    }

    [Fact]
    public async Task LinkingALeaderStoresItOnTheProjectAndShowsTheProjectWithLightAndOpenMatters()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj");
        var code = $"T-{s.City}-LEAD";
        var project = await s.ProjectAsync(code, s.Towns[0], plan2023: 1200m);
        await project.SubmitReportAsync(Scenario.Report(2023, 5, 100m), "test");  // far behind 500 by May: red
        var leader = await LeaderAsync(s, "sw");

        var view = await Grains.GetGrain<IProjectCoordinationGrain>(code).SetLeaderAsync(leader.GetPrimaryKeyString(), "市重点项目办");

        Assert.Equal(leader.GetPrimaryKeyString(), view.LeaderId);
        Assert.Equal(leader.GetPrimaryKeyString(), (await project.GetAsync(PeriodQuery.Latest)).LeaderId);
        Assert.Contains(view.History, h => h.Actor == "市重点项目办" && h.Action.StartsWith("linked leader", StringComparison.Ordinal));

        var matter = await RaiseAsync(Grains, CoordinationSetup.Draft(s.Counties[0], s.City, d, new DateOnly(2023, 6, 30), project: code));
        await RaiseAsync(Grains, CoordinationSetup.Draft(s.Towns[0], s.Counties[0], d, new DateOnly(2023, 6, 30), project: code));
        var row = await Scenario.EventuallyAsync(async () => (await leader.GetAsync(new PeriodQuery(2023, 5))).Projects.Single(),
            r => r.Light == Light.Red);
        Assert.Equal((code, Light.Red, 2, 100m), (row.Code, row.Light, row.OpenMatters, row.CompletedYtd));

        await matter.ResolveAsync(null, "县");
        Assert.Equal(1, (await leader.GetAsync(new PeriodQuery(2023, 5))).Projects.Single().OpenMatters);
    }

    [Fact]
    public async Task RelinkingMovesTheProjectFromTheOldLeaderToTheNew()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var code = $"T-{s.City}-MOVE";
        await s.ProjectAsync(code, s.Towns[0]);
        var first = await LeaderAsync(s, "sz", "市长", LeadingBody.Government);
        var second = await LeaderAsync(s, "zx", "市政协主席", LeadingBody.Cppcc);
        var project = Grains.GetGrain<IProjectCoordinationGrain>(code);
        await project.SetLeaderAsync(first.GetPrimaryKeyString(), "a");

        var view = await project.SetLeaderAsync(second.GetPrimaryKeyString(), "b");

        Assert.Equal(second.GetPrimaryKeyString(), view.LeaderId);
        Assert.Empty((await first.GetAsync(PeriodQuery.Latest)).Projects);
        Assert.Equal(code, Assert.Single((await second.GetAsync(PeriodQuery.Latest)).Projects).Code);
        var listed = await Grains.GetGrain<ILeaderIndexGrain>(s.City).ListAsync();
        Assert.Equal([LeadingBody.Government, LeadingBody.Cppcc], listed.Select(l => l.Body));
        Assert.Empty(listed[0].ProjectCodes);
        Assert.Equal([code], listed[1].ProjectCodes);
    }

    [Fact]
    public async Task LeaderOfAnotherCityIsRejectedAndAnUnknownOneIsNotFound()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var other = await new Scenario(Grains).BuildAsync(1, 0);
        var code = $"T-{s.City}-WRONG";
        var project = await s.ProjectAsync(code, s.Towns[0]);
        var stranger = await LeaderAsync(other, "sw");
        var grain = Grains.GetGrain<IProjectCoordinationGrain>(code);

        await RejectedAsync(() => grain.SetLeaderAsync(stranger.GetPrimaryKeyString(), "test"), DomainErrorKind.Validation, "leaderId");
        await RejectedAsync(() => grain.SetLeaderAsync($"{s.City}-nobody", "test"), DomainErrorKind.NotFound);

        var view = await project.GetAsync(PeriodQuery.Latest);
        Assert.Null(view.LeaderId);
        Assert.Single(view.History);
    }

    [Fact]
    public async Task VisitRecordsFindingsAndTheMattersThatAroseFromIt()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "jtysj");
        var code = $"T-{s.City}-VISIT";
        await s.ProjectAsync(code, s.Towns[0]);
        var leader = await LeaderAsync(s, "sw");
        var visit = Grains.GetGrain<IVisitGrain>(CoordinationIds.New(CoordinationIds.Visit));
        var recorded = await visit.RecordAsync(new VisitDraft(leader.GetPrimaryKeyString(), new DateOnly(2023, 6, 8), [code],
            "起步区路网与空港大道衔接不畅。", "空港经济区起步区"), "市委办");
        Assert.Equal("市委书记", recorded.LeaderTitle);
        Assert.Equal($"项目 {code}", Assert.Single(recorded.Projects).Name);

        var matter = await RaiseAsync(Grains, CoordinationSetup.Draft(s.Counties[0], s.City, d, new DateOnly(2023, 7, 31),
            title: "关于起步区道路衔接的事项", project: code, visit: recorded.Id));

        Assert.Equal(recorded.Id, (await matter.GetAsync()).VisitId);
        Assert.Equal("关于起步区道路衔接的事项", Assert.Single((await visit.GetAsync()).Matters).Title);
        var listed = Assert.Single((await leader.GetAsync(PeriodQuery.Latest)).Visits);
        Assert.Equal((recorded.Id, 1), (listed.Id, listed.MatterCount));
    }

    [Fact]
    public async Task VisitToAnUnknownProjectIsNotFoundAndNotRecorded()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 0);
        var leader = await LeaderAsync(s, "sw");
        var visit = Grains.GetGrain<IVisitGrain>(CoordinationIds.New(CoordinationIds.Visit));

        await RejectedAsync(() => visit.RecordAsync(new VisitDraft(leader.GetPrimaryKeyString(), new DateOnly(2023, 6, 8), ["T-NO-SUCH-PROJECT"], "无", null), "test"),
            DomainErrorKind.NotFound);

        Assert.Null(await visit.GetInfoAsync());
        Assert.Empty((await leader.GetAsync(PeriodQuery.Latest)).Visits);
    }

    [Fact]
    public async Task LeaderWithoutATitleIsRejectedNamingIt()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 0);
        var grain = Grains.GetGrain<ILeaderGrain>($"{s.City}-blank");

        await RejectedAsync(() => grain.RegisterAsync(" ", LeadingBody.Government, s.City, "test"), DomainErrorKind.Validation, "title");

        Assert.Null(await grain.GetInfoAsync());
    }
}
