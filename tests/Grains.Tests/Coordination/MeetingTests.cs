using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;
using static Liandong.Grains.Tests.Coordination.CoordinationSetup;

namespace Liandong.Grains.Tests.Coordination;

[Collection(ClusterCollection.Name)]
public sealed class MeetingTests(ClusterFixture fixture)
{
    private static readonly DateOnly MeetingDay = new(2023, 6, 8);

    private IGrainFactory Grains => fixture.Grains;

    private static MeetingDraft Draft(Scenario s, int county = 0) =>
        new(s.City, s.Counties[county], MeetingDay, "市委书记到县督导重点项目现场办公会", "市委书记", ["市领导", "市直有关单位主要负责同志"], 2023, 5, "县行政中心会议室");

    [Fact]
    public async Task OpeningAMeetingFreezesTheCountyReportEvenAfterNewReportsArrive()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 2);
        var a = await s.ProjectAsync($"T-{s.City}-FRZ-A", s.Towns[0], plan2023: 1200m);
        await a.SubmitReportAsync(Scenario.Report(2023, 5, 100m), "test");
        var period = new PeriodQuery(2023, 5);
        await Scenario.EventuallyAsync(() => Grains.GetGrain<ICountyGrain>(s.Counties[0]).GetOverviewAsync(period), o => o.Totals.CompletedYtd == 100m);

        var meeting = Grains.GetGrain<IMeetingGrain>(CoordinationIds.New(CoordinationIds.Meeting));
        var opened = await meeting.OpenAsync(Draft(s), "市重点项目办");
        Assert.Equal(100m, opened.CountyReport.CompletedYtd);
        Assert.Equal((2023, 5), (opened.CountyReport.Year, opened.CountyReport.Month));

        var b = await s.ProjectAsync($"T-{s.City}-FRZ-B", s.Towns[1], plan2023: 600m);
        await b.SubmitReportAsync(Scenario.Report(2023, 5, 50m), "test");
        await a.SubmitReportAsync(Scenario.Report(2023, 5, 120m), "test");
        var county = await Scenario.EventuallyAsync(() => Grains.GetGrain<ICountyGrain>(s.Counties[0]).GetOverviewAsync(period), o => o.Totals.CompletedYtd == 170m);
        Assert.Equal(170m, county.Totals.CompletedYtd);

        await fixture.Cluster.DeactivateAsync(meeting);
        var after = await meeting.GetAsync();
        Assert.Equal(opened.CountyReport, after.CountyReport);
        Assert.Equal(1, after.CountyReport.ProjectCount);
        Assert.Contains("frozen", Assert.Single(after.History).Action, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MatterRaisedAtAMeetingIsLinkedToItAndListedWithTheMeeting()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj");
        var meeting = Grains.GetGrain<IMeetingGrain>(CoordinationIds.New(CoordinationIds.Meeting));
        var opened = await meeting.OpenAsync(Draft(s), "市重点项目办");

        var matter = await RaiseAsync(Grains, CoordinationSetup.Draft(s.Counties[0], s.City, d, new DateOnly(2023, 6, 30), meeting: opened.Id));

        var view = await meeting.GetAsync();
        var linked = Assert.Single(view.Matters);
        Assert.Equal((await matter.GetAsync()).Id, linked.Id);
        Assert.Equal(opened.Id, (await matter.GetAsync()).MeetingId);
        Assert.Contains(view.History, h => h.Action.StartsWith($"matter {linked.Id}", StringComparison.Ordinal) && h.Actor == "吴川市重点项目办");
        var listed = Assert.Single(await Grains.GetGrain<IMeetingIndexGrain>(s.City).ListAsync());
        Assert.Equal((opened.Id, 1), (listed.Id, listed.MatterCount));
        Assert.Single(await Grains.GetGrain<IMeetingIndexGrain>(s.Counties[0]).ListAsync());
    }

    [Fact]
    public async Task MatterFromAnotherCountyCannotBeRaisedAtTheMeeting()
    {
        var s = await new Scenario(Grains).BuildAsync(2, 0);
        var d = await DepartmentsAsync(Grains, s, "zrzyj");
        var meeting = await Grains.GetGrain<IMeetingGrain>(CoordinationIds.New(CoordinationIds.Meeting)).OpenAsync(Draft(s), "test");
        var grain = Grains.GetGrain<IMatterGrain>(CoordinationIds.New(CoordinationIds.Matter));

        await RejectedAsync(() => grain.RaiseAsync(CoordinationSetup.Draft(s.Counties[1], s.City, d, new DateOnly(2023, 6, 30), meeting: meeting.Id), "test"),
            DomainErrorKind.Validation, "raisedBy");

        Assert.Empty((await Grains.GetGrain<IMeetingGrain>(meeting.Id).GetAsync()).Matters);
    }

    [Fact]
    public async Task MatterNamingAnUnknownMeetingIsNotFound()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 0);
        var d = await DepartmentsAsync(Grains, s, "zrzyj");
        await RejectedAsync(() => Grains.GetGrain<IMatterGrain>(CoordinationIds.New(CoordinationIds.Matter))
            .RaiseAsync(CoordinationSetup.Draft(s.Counties[0], s.City, d, new DateOnly(2023, 6, 30), meeting: "MT-NOSUCHMEETING"), "test"), DomainErrorKind.NotFound);
    }

    [Fact]
    public async Task MinutesContainEveryMatterEveryAnswerAndItsStatus()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj", "zjj", "jrj");
        var p = await s.ProjectAsync($"T-{s.City}-MIN", s.Towns[0], plan2023: 120_000m);
        await p.SubmitReportAsync(Scenario.Report(2023, 5, 23_456.78m), "test");
        await Scenario.EventuallyAsync(() => Grains.GetGrain<ICountyGrain>(s.Counties[0]).GetOverviewAsync(new PeriodQuery(2023, 5)), o => o.Totals.CompletedYtd > 0m);
        var meeting = await Grains.GetGrain<IMeetingGrain>(CoordinationIds.New(CoordinationIds.Meeting)).OpenAsync(Draft(s), "test");
        var land = await RaiseAsync(Grains, CoordinationSetup.Draft(s.Counties[0], s.City, [d[0], d[1]], new DateOnly(2023, 6, 30),
            title: "关于园区新增用地指标的事项", project: $"T-{s.City}-MIN", meeting: meeting.Id));
        var money = await RaiseAsync(Grains, CoordinationSetup.Draft(s.Counties[0], s.City, [d[2]], new DateOnly(2023, 7, 31),
            title: "关于项目融资需求的事项", meeting: meeting.Id));
        var open = await RaiseAsync(Grains, CoordinationSetup.Draft(s.Counties[0], s.City, [d[1]], new DateOnly(2023, 6, 15),
            title: "关于征地拆迁的事项", meeting: meeting.Id));
        await land.AnswerAsync(d[0], "已纳入全市年度用地计划统筹保障。", "自然资源局");
        await land.AnswerAsync(d[1], "配合做好安置房建设。", "住建局");
        await land.ResolveAsync("用地已批复。", "县");
        await money.AnswerAsync(d[2], "已组织银行对接，授信审批中。", "金融局");

        var minutes = await Grains.GetGrain<IMeetingGrain>(meeting.Id).GetMinutesAsync();

        Assert.StartsWith("# 市委书记到县督导重点项目现场办公会纪要", minutes, StringComparison.Ordinal);
        foreach (var text in new[]
        {
            "2023年6月8日", "县行政中心会议室", "市委书记", "市领导；市直有关单位主要负责同志", "1—5月", "2.35亿元", "12亿元", "19.6%",
            "### （一）关于园区新增用地指标的事项", "### （二）关于项目融资需求的事项", "### （三）关于征地拆迁的事项",
            "**市自然资源局**：已纳入全市年度用地计划统筹保障。", "**市住房和城乡建设局**：配合做好安置房建设。",
            "**市金融工作局**：已组织银行对接，授信审批中。", "**市住房和城乡建设局**：尚未答复。",
            "已办结（用地已批复。）", "已答复，待提出单位确认办结", "正在办理，1个单位尚未答复，已逾期",
            "2023年6月30日", "## 三、跟进落实", "已办结1项，已答复待确认1项，正在办理1项",
            "请市住房和城乡建设局就第（三）项抓紧作出答复",
        })
        {
            Assert.Contains(text, minutes, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MeetingAtACountyOutsideTheCityIsRejectedNamingTheCounty()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 0);
        var grain = Grains.GetGrain<IMeetingGrain>(CoordinationIds.New(CoordinationIds.Meeting));

        await RejectedAsync(() => grain.OpenAsync(Draft(s) with { CountyCode = "990101" }, "test"), DomainErrorKind.Validation, "countyCode");

        Assert.Null(await grain.GetInfoAsync());
    }

    [Fact]
    public async Task MeetingAtAnUnregisteredCountyIsNotFound()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 0);
        var grain = Grains.GetGrain<IMeetingGrain>(CoordinationIds.New(CoordinationIds.Meeting));

        await RejectedAsync(() => grain.OpenAsync(Draft(s) with { CountyCode = s.City[..4] + "77" }, "test"), DomainErrorKind.NotFound);

        Assert.Null(await grain.GetInfoAsync());
    }

    [Theory]
    [InlineData("title")]
    [InlineData("host")]
    [InlineData("month")]
    [InlineData("year")]
    [InlineData("attendees[1]")]
    public async Task BadMeetingFieldIsRejectedNamingIt(string field)
    {
        var s = await new Scenario(Grains).BuildAsync(1, 0);
        var good = Draft(s);
        var bad = field switch
        {
            "title" => good with { Title = "" },
            "host" => good with { Host = " " },
            "month" => good with { Month = 7 },  // after the meeting of 8 June
            "year" => good with { Year = 1999 },
            _ => good with { Attendees = ["市领导", ""] },
        };
        var grain = Grains.GetGrain<IMeetingGrain>(CoordinationIds.New(CoordinationIds.Meeting));

        await RejectedAsync(() => grain.OpenAsync(bad, "test"), DomainErrorKind.Validation, field);

        Assert.Null(await grain.GetInfoAsync());
    }

    [Fact]
    public async Task OpeningAMeetingTwiceIsAConflict()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 0);
        var grain = Grains.GetGrain<IMeetingGrain>(CoordinationIds.New(CoordinationIds.Meeting));
        await grain.OpenAsync(Draft(s), "test");

        await RejectedAsync(() => grain.OpenAsync(Draft(s) with { Title = "另一个会" }, "test"), DomainErrorKind.Conflict);

        Assert.Equal("市委书记到县督导重点项目现场办公会", (await grain.GetAsync()).Title);
    }
}
