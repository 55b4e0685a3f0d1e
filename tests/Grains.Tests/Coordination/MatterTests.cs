using System.Collections.Immutable;
using Liandong.Coordination;
using static Liandong.Grains.Tests.Coordination.CoordinationSetup;

namespace Liandong.Grains.Tests.Coordination;

/// <summary>Matters on the shared cluster, whose clock stands at 2023-06-20.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MatterTests(ClusterFixture fixture)
{
    private static readonly DateOnly Later = new(2023, 6, 30);

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task RaisingAMatterListsItForItsDepartmentsAndEveryLevelAboveTheRaiser()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 2);
        var d = await DepartmentsAsync(Grains, s, "zrzyj", "zjj");

        var matter = await RaiseAsync(Grains, Draft(s.Towns[0], s.Counties[0], [d[0]], Later));
        var view = await matter.GetAsync();

        Assert.Equal(MatterStatus.Open, view.Status);
        Assert.Equal(s.Counties[0], view.Level);
        foreach (var code in new[] { s.Towns[0], s.Counties[0], s.City })
        {
            Assert.Contains(await Grains.GetGrain<IMatterIndexGrain>(code).ListAsync(null), m => m.Id == view.Id);
        }

        Assert.DoesNotContain(await Grains.GetGrain<IMatterIndexGrain>(s.Towns[1]).ListAsync(null), m => m.Id == view.Id);
        Assert.Contains(await Grains.GetGrain<IDepartmentGrain>(d[0]).GetMattersAsync(null), m => m.Id == view.Id);
        Assert.Empty(await Grains.GetGrain<IDepartmentGrain>(d[1]).GetMattersAsync(null));
        Assert.Equal("吴川市重点项目办", Assert.Single(view.History).Actor);
    }

    [Fact]
    public async Task AnsweringForAnUnassignedDepartmentIsAConflictAndChangesNothing()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj", "zjj");
        var matter = await RaiseAsync(Grains, Draft(s.Counties[0], s.City, [d[0]], Later));
        var before = await matter.GetAsync();

        await RejectedAsync(() => matter.AnswerAsync(d[1], "不属于本单位职责。", "住建局"), DomainErrorKind.Conflict);

        var after = await matter.GetAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.History, after.History);
        Assert.All(after.Departments, x => Assert.True(x.Pending));
        Assert.Empty(await Grains.GetGrain<IDepartmentGrain>(d[1]).GetMattersAsync(null));
    }

    [Fact]
    public async Task MatterIsAnsweredOnlyOnceEveryDepartmentHasAnswered()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj", "zjj");
        var matter = await RaiseAsync(Grains, Draft(s.Counties[0], s.City, d, Later));

        var first = await matter.AnswerAsync(d[0], "已纳入年度用地计划。", "自然资源局");
        Assert.Equal(MatterStatus.Open, first.Status);
        Assert.False(first.Departments[0].Pending);
        Assert.True(first.Departments[1].Pending);

        var second = await matter.AnswerAsync(d[1], "配合做好征拆安置。", "住建局");
        Assert.Equal(MatterStatus.Answered, second.Status);
        Assert.Equal("配合做好征拆安置。", second.Departments[1].Answer);
        Assert.Equal("住建局", second.Departments[1].AnsweredBy);
        Assert.Contains(second.History, h => h.Actor == "自然资源局" && h.Action.Contains(d[0], StringComparison.Ordinal));
        Assert.Contains(await Grains.GetGrain<IMatterIndexGrain>(s.City).ListAsync(MatterStatus.Answered), m => m.Id == second.Id);
        Assert.Empty((await Grains.GetGrain<IDepartmentGrain>(d[0]).GetMattersAsync(null)).Single().PendingDepartments);
    }

    [Fact]
    public async Task RepeatingTheSameAnswerChangesNothing()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj");
        var matter = await RaiseAsync(Grains, Draft(s.Counties[0], s.City, d, Later));
        var first = await matter.AnswerAsync(d[0], "已批复。", "自然资源局");

        var second = await matter.AnswerAsync(d[0], "已批复。", "自然资源局");

        Assert.Equal(first.Version, second.Version);
        Assert.Single(second.Departments[0].Answers);
    }

    [Fact]
    public async Task ResolvingAResolvedMatterIsAConflictAndChangesNothing()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj");
        var matter = await RaiseAsync(Grains, Draft(s.Counties[0], s.City, d, Later));
        var resolved = await matter.ResolveAsync("用地已批复。", "吴川市");
        Assert.Equal(MatterStatus.Resolved, resolved.Status);
        Assert.Equal("吴川市", resolved.Resolution!.Actor);

        await RejectedAsync(() => matter.ResolveAsync("再次确认", "吴川市"), DomainErrorKind.Conflict);

        var after = await matter.GetAsync();
        Assert.Equal(resolved.Version, after.Version);
        Assert.Equal("用地已批复。", after.Resolution!.Note);
    }

    [Fact]
    public async Task AnsweringAResolvedMatterIsAConflict()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj");
        var matter = await RaiseAsync(Grains, Draft(s.Counties[0], s.City, d, Later));
        var resolved = await matter.ResolveAsync(null, "吴川市");

        await RejectedAsync(() => matter.AnswerAsync(d[0], "迟到的答复", "自然资源局"), DomainErrorKind.Conflict);

        Assert.Equal(resolved.Version, (await matter.GetAsync()).Version);
    }

    [Fact]
    public async Task ReopeningAMatterThatStillWaitsForAnswersIsAConflict()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj");
        var matter = await RaiseAsync(Grains, Draft(s.Counties[0], s.City, d, Later));

        await RejectedAsync(() => matter.ReopenAsync("未解决", null, "吴川市"), DomainErrorKind.Conflict);

        Assert.Equal(MatterStatus.Open, (await matter.GetAsync()).Status);
    }

    [Fact]
    public async Task ReopenedMatterWaitsForFreshAnswersFromEveryDepartment()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj", "zjj");
        var matter = await RaiseAsync(Grains, Draft(s.Counties[0], s.City, d, Later));
        await matter.AnswerAsync(d[0], "已纳入计划。", "自然资源局");
        await matter.AnswerAsync(d[1], "已协调。", "住建局");
        await matter.ResolveAsync("已解决", "吴川市");

        var reopened = await matter.ReopenAsync("批复后仍缺少二期指标", new DateOnly(2023, 7, 15), "吴川市");

        Assert.Equal(MatterStatus.Reopened, reopened.Status);
        Assert.Null(reopened.Resolution);
        Assert.Equal(new DateOnly(2023, 7, 15), reopened.DueDate);
        Assert.All(reopened.Departments, x => Assert.True(x.Pending));
        Assert.Equal("已纳入计划。", reopened.Departments[0].Answer);

        Assert.Equal(MatterStatus.Reopened, (await matter.AnswerAsync(d[0], "二期指标8月下达。", "自然资源局")).Status);
        var answered = await matter.AnswerAsync(d[1], "同步推进安置。", "住建局");
        Assert.Equal(MatterStatus.Answered, answered.Status);
        Assert.Equal(2, answered.Departments[0].Answers.Length);
        Assert.Equal([0, 1], answered.Departments[0].Answers.Select(a => a.Round));
        Assert.Contains(answered.History, h => h.Action.StartsWith("reopened: 批复后仍缺少二期指标", StringComparison.Ordinal) && h.Actor == "吴川市");
        Assert.Contains(answered.History, h => h.Action.StartsWith("resolved", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("title")]
    [InlineData("raisedBy")]
    [InlineData("raisedByCity")]
    [InlineData("addressedTo")]
    [InlineData("addressedToSibling")]
    [InlineData("departments")]
    [InlineData("departments[0]")]
    [InlineData("departmentOfAnotherCity")]
    [InlineData("dueDate")]
    [InlineData("projectCode")]
    public async Task BadFieldIsRejectedNamingItAndCreatesNothing(string @case)
    {
        var s = await new Scenario(Grains).BuildAsync(1, 2);
        var d = await DepartmentsAsync(Grains, s, "zrzyj");
        await s.ProjectAsync($"T-{s.City}-ELSEWHERE", s.Towns[1]);
        var good = Draft(s.Towns[0], s.Counties[0], d, Later);
        var (draft, field) = @case switch
        {
            "title" => (good with { Title = " " }, "title"),
            "raisedBy" => (good with { RaisedBy = "no such code!" }, "raisedBy"),
            "raisedByCity" => (good with { RaisedBy = s.City }, "raisedBy"),
            "addressedTo" => (good with { AddressedTo = "12" }, "addressedTo"),
            "addressedToSibling" => (good with { AddressedTo = s.Towns[1] }, "addressedTo"),
            "departments" => (good with { Departments = [] }, "departments"),
            "departments[0]" => (good with { Departments = ["Zrzyj"] }, "departments[0]"),
            "departmentOfAnotherCity" => (good with { Departments = ["990100-zrzyj"] }, "departments[0]"),
            "dueDate" => (good with { DueDate = default }, "dueDate"),
            "projectCode" => (good with { ProjectCode = $"T-{s.City}-ELSEWHERE" }, "projectCode"),
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };
        var grain = Grains.GetGrain<IMatterGrain>(CoordinationIds.New(CoordinationIds.Matter));

        await RejectedAsync(() => grain.RaiseAsync(draft, "test"), DomainErrorKind.Validation, field);

        await RejectedAsync(() => grain.GetAsync(), DomainErrorKind.NotFound);
        Assert.Empty(await Grains.GetGrain<IMatterIndexGrain>(s.City).ListAsync(null));
        Assert.Empty(await Grains.GetGrain<IDepartmentGrain>(d[0]).GetMattersAsync(null));
    }

    [Fact]
    public async Task UnregisteredDepartmentIsNotFoundAndNothingIsCreated()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var grain = Grains.GetGrain<IMatterGrain>(CoordinationIds.New(CoordinationIds.Matter));

        await RejectedAsync(() => grain.RaiseAsync(Draft(s.Counties[0], s.City, [$"{s.City}-nobody"], Later), "test"), DomainErrorKind.NotFound);

        await RejectedAsync(() => grain.GetAsync(), DomainErrorKind.NotFound);
    }

    [Fact]
    public async Task RaisingUnderAnIdInUseIsAConflict()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj");
        var matter = await RaiseAsync(Grains, Draft(s.Counties[0], s.City, d, Later, title: "第一个"));

        await RejectedAsync(() => matter.RaiseAsync(Draft(s.Counties[0], s.City, d, Later, title: "第二个"), "test"), DomainErrorKind.Conflict);

        Assert.Equal("第一个", (await matter.GetAsync()).Title);
    }

    [Fact]
    public async Task ListsFilterByStatus()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj");
        var open = await RaiseAsync(Grains, Draft(s.Towns[0], s.Counties[0], d, Later, title: "未办结"));
        var done = await RaiseAsync(Grains, Draft(s.Towns[0], s.Counties[0], d, Later, title: "已办结"));
        await done.ResolveAsync(null, "镇");

        var county = Grains.GetGrain<IMatterIndexGrain>(s.Counties[0]);
        Assert.Equal("已办结", Assert.Single(await county.ListAsync(MatterStatus.Resolved)).Title);
        Assert.Equal("未办结", Assert.Single(await county.ListAsync(MatterStatus.Open)).Title);
        Assert.Equal(2, (await county.ListAsync(null)).Length);
        Assert.Equal("已办结", Assert.Single(await Grains.GetGrain<IDepartmentGrain>(d[0]).GetMattersAsync(MatterStatus.Resolved)).Title);
        Assert.Empty(await county.ListAsync(MatterStatus.Reopened));
    }

    [Fact]
    public async Task ProjectRaisesToItsTownAndEveryLevelAboveListsIt()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj");
        var code = $"T-{s.City}-RAISER";
        await s.ProjectAsync(code, s.Towns[0]);

        var view = await (await RaiseAsync(Grains, Draft(code, s.Towns[0], d, Later))).GetAsync();

        Assert.Equal(code, view.ProjectCode);
        Assert.Equal(s.Towns[0], view.Level);
        Assert.Equal($"项目 {code}", view.RaisedByName);
        foreach (var level in new[] { s.Towns[0], s.Counties[0], s.City })
        {
            Assert.Contains(await Grains.GetGrain<IMatterIndexGrain>(level).ListAsync(null), m => m.Id == view.Id && m.ProjectCode == code);
        }
    }

    [Fact]
    public async Task OverdueHoldsOnlyWhileTheMatterWaitsForAnswers()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj");
        var matter = await RaiseAsync(Grains, Draft(s.Counties[0], s.City, d, new DateOnly(2023, 6, 10)));

        Assert.True((await matter.GetAsync()).Overdue);
        Assert.True(Assert.Single(await Grains.GetGrain<IMatterIndexGrain>(s.City).ListAsync(null)).Overdue);
        Assert.False((await matter.AnswerAsync(d[0], "已办理。", "自然资源局")).Overdue);
        Assert.True((await matter.ReopenAsync("未落实", null, "吴川市")).Overdue);
        Assert.False((await matter.ResolveAsync(null, "吴川市")).Overdue);
        Assert.False(Assert.Single(await Grains.GetGrain<IMatterIndexGrain>(s.City).ListAsync(null)).Overdue);
    }

    [Fact]
    public async Task ReadingAnOverdueMatterEscalatesItOneLevelOnceAndRecordsItInItsHistory()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj");
        var matter = await RaiseAsync(Grains, Draft(s.Towns[0], s.Counties[0], d, new DateOnly(2023, 6, 10)));

        var first = await matter.GetAsync();
        var second = await matter.CheckEscalationAsync();

        var escalation = Assert.Single(second.Escalations);
        Assert.Equal((s.Counties[0], s.City), (escalation.From, escalation.To));
        Assert.Equal(new DateOnly(2023, 6, 10), escalation.MissedDeadline);
        Assert.Equal(first.Version, second.Version);
        Assert.Equal(s.City, second.Level);
        Assert.Single(second.History, h => h.Actor == "system (escalation reminder)" && h.Action.StartsWith($"escalated from {s.Counties[0]} to {s.City}", StringComparison.Ordinal));
        var listed = Assert.Single(await Grains.GetGrain<IMatterIndexGrain>(s.Counties[0]).ListAsync(null));
        Assert.Equal((1, s.City), (listed.Escalations, listed.Level));
    }

    [Fact]
    public async Task MatterAddressedToTheCityHasNowhereToEscalate()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj");
        var matter = await RaiseAsync(Grains, Draft(s.Counties[0], s.City, d, new DateOnly(2023, 6, 1)));

        var view = await matter.CheckEscalationAsync();

        Assert.True(view.Overdue);
        Assert.Empty(view.Escalations);
        Assert.Equal(s.City, view.Level);
    }

    [Fact]
    public async Task DepartmentIdMustStartWithTheCityCode()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 0);
        await RejectedAsync(() => Grains.GetGrain<IDepartmentGrain>("990100-zrzyj").RegisterAsync("市自然资源局", s.City, "test"),
            DomainErrorKind.Validation, "cityCode");
        Assert.Null(await Grains.GetGrain<IDepartmentGrain>("990100-zrzyj").GetInfoAsync());
    }

    [Fact]
    public async Task DepartmentOfAnUnregisteredCityIsNotFound()
    {
        await RejectedAsync(() => Grains.GetGrain<IDepartmentGrain>("990200-zrzyj").RegisterAsync("市自然资源局", "990200", "test"),
            DomainErrorKind.NotFound);
    }

    [Fact]
    public async Task RegisteringADepartmentAgainRenamesItAndKeepsTheTrail()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 0);
        var grain = Grains.GetGrain<IDepartmentGrain>($"{s.City}-jrj");
        Assert.True((await grain.RegisterAsync("市金融工作局", s.City, "a")).Created);

        var again = await grain.RegisterAsync("市委金融办", s.City, "b");

        Assert.False(again.Created);
        Assert.Equal("市委金融办", (await grain.GetInfoAsync())!.Name);
    }
}
