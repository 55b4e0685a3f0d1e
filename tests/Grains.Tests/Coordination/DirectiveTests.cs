using Liandong.Coordination;
using static Liandong.Grains.Tests.Coordination.CoordinationSetup;

namespace Liandong.Grains.Tests.Coordination;

[Collection(ClusterCollection.Name)]
public sealed class DirectiveTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private async Task<(Scenario S, IDirectiveGrain Directive)> IssuedAsync(int counties = 2, int towns = 2, int issuedTo = 2, DateOnly? due = null)
    {
        var s = await new Scenario(Grains).BuildAsync(counties, towns);
        var grain = Grains.GetGrain<IDirectiveGrain>(CoordinationIds.New(CoordinationIds.Directive));
        await grain.IssueAsync(new DirectiveDraft(s.City, "百县千镇万村高质量发展工程典型镇培育", "按季度报送进度。", due ?? new DateOnly(2023, 9, 30),
            [.. s.Counties.Take(issuedTo)]), "市委农办");
        return (s, grain);
    }

    [Fact]
    public async Task SplitCountyReportsTheMeanOfItsTownsAndTheDirectiveTheMeanOfItsCounties()
    {
        var (s, directive) = await IssuedAsync();
        await directive.SplitAsync(s.Counties[0], [s.Towns[0], s.Towns[1]], "县");

        await directive.ReportProgressAsync(s.Towns[0], 60m, "圩镇改造完成过半", "镇甲");
        await directive.ReportProgressAsync(s.Towns[1], 30m, null, "镇乙");
        var view = await directive.ReportProgressAsync(s.Counties[1], 80m, null, "县乙");

        var first = view.Counties.Single(c => c.Code == s.Counties[0]);
        Assert.True(first.Split);
        Assert.Equal(45m, first.Percent);
        Assert.Equal([60m, 30m], first.Towns.Select(t => t.Percent));
        Assert.Equal(80m, view.Counties.Single(c => c.Code == s.Counties[1]).Percent);
        Assert.Equal(62.5m, view.Percent);
        Assert.Equal(3, view.Progress.Length);
        Assert.Equal("镇甲", view.Progress[0].Actor);
    }

    [Fact]
    public async Task ProgressFromACodeTheDirectiveDoesNotReachIsAConflictAndChangesNothing()
    {
        var (s, directive) = await IssuedAsync(counties: 3, towns: 2, issuedTo: 2);
        await directive.SplitAsync(s.Counties[0], [s.Towns[0]], "县");
        var before = await directive.GetAsync();

        await RejectedAsync(() => directive.ReportProgressAsync(s.Counties[2], 50m, null, "未下达的县"), DomainErrorKind.Conflict);
        await RejectedAsync(() => directive.ReportProgressAsync(s.Towns[1], 50m, null, "未分解到的镇"), DomainErrorKind.Conflict);
        await RejectedAsync(() => directive.ReportProgressAsync(s.Towns[2], 50m, null, "未拆分县的镇"), DomainErrorKind.Conflict);
        await RejectedAsync(() => directive.ReportProgressAsync(s.City, 50m, null, "市"), DomainErrorKind.Conflict);

        var after = await directive.GetAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.Empty(after.Progress);
    }

    [Fact]
    public async Task TownOutsideTheCountyIsRejectedNamingTheFieldAndChangesNothing()
    {
        var (s, directive) = await IssuedAsync();

        await RejectedAsync(() => directive.SplitAsync(s.Counties[0], [s.Towns[0], s.Towns[2]], "县"), DomainErrorKind.Validation, "townCodes[1]");

        Assert.False((await directive.GetAsync()).Counties[0].Split);
    }

    [Fact]
    public async Task SplittingTheShareOfACountyTheDirectiveWasNotIssuedToIsAConflict()
    {
        var (s, directive) = await IssuedAsync(counties: 2, towns: 1, issuedTo: 1);

        await RejectedAsync(() => directive.SplitAsync(s.Counties[1], [s.Towns[1]], "县"), DomainErrorKind.Conflict);
    }

    [Fact]
    public async Task ASplitCountyReportsThroughItsTownsOnly()
    {
        var (s, directive) = await IssuedAsync();
        await directive.ReportProgressAsync(s.Counties[0], 20m, null, "县");
        await directive.SplitAsync(s.Counties[0], [s.Towns[0]], "县");

        await RejectedAsync(() => directive.ReportProgressAsync(s.Counties[0], 90m, null, "县"), DomainErrorKind.Conflict);

        var view = await directive.GetAsync();
        Assert.Equal(0m, view.Counties[0].Percent);
        Assert.Contains(view.History, h => h.Action.Contains("replaced by the mean of its towns", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    public async Task PercentOutOfRangeIsRejected(decimal percent)
    {
        var (s, directive) = await IssuedAsync();

        await RejectedAsync(() => directive.ReportProgressAsync(s.Counties[0], percent, null, "县"), DomainErrorKind.Validation, "percent");

        Assert.Empty((await directive.GetAsync()).Progress);
    }

    [Fact]
    public async Task CountyOfAnotherCityIsRejectedNamingIt()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 0);
        var grain = Grains.GetGrain<IDirectiveGrain>(CoordinationIds.New(CoordinationIds.Directive));

        await RejectedAsync(() => grain.IssueAsync(new DirectiveDraft(s.City, "任务", null, new DateOnly(2023, 9, 30), [s.Counties[0], "990101"]), "市"),
            DomainErrorKind.Validation, "countyCodes[1]");
        await RejectedAsync(() => grain.GetAsync(), DomainErrorKind.NotFound);
    }

    [Fact]
    public async Task EachJurisdictionListsTheDirectiveWithItsOwnShare()
    {
        var (s, directive) = await IssuedAsync(counties: 3, towns: 2, issuedTo: 2);
        await directive.SplitAsync(s.Counties[0], [s.Towns[0], s.Towns[1]], "县");
        await directive.ReportProgressAsync(s.Towns[0], 50m, null, "镇");
        var id = (await directive.GetAsync()).Id;

        Assert.Equal(12.5m, Assert.Single(await Grains.GetGrain<IDirectiveIndexGrain>(s.City).ListAsync()).Percent);
        Assert.Equal(25m, Assert.Single(await Grains.GetGrain<IDirectiveIndexGrain>(s.Counties[0]).ListAsync()).Percent);
        Assert.Equal(50m, Assert.Single(await Grains.GetGrain<IDirectiveIndexGrain>(s.Towns[0]).ListAsync()).Percent);
        Assert.Equal(0m, Assert.Single(await Grains.GetGrain<IDirectiveIndexGrain>(s.Towns[1]).ListAsync()).Percent);
        Assert.Equal(id, Assert.Single(await Grains.GetGrain<IDirectiveIndexGrain>(s.Counties[1]).ListAsync()).Id);
        Assert.Empty(await Grains.GetGrain<IDirectiveIndexGrain>(s.Counties[2]).ListAsync());
        Assert.Empty(await Grains.GetGrain<IDirectiveIndexGrain>(s.Towns[2]).ListAsync());
    }

    [Fact]
    public async Task PastTheDueDateEverythingBelowFullIsOverdue()
    {
        var (s, directive) = await IssuedAsync(due: new DateOnly(2023, 6, 10));
        await directive.ReportProgressAsync(s.Counties[0], 100m, "已完成", "县甲");
        var view = await directive.ReportProgressAsync(s.Counties[1], 70m, null, "县乙");

        Assert.False(view.Counties[0].Overdue);
        Assert.True(view.Counties[1].Overdue);
        Assert.True(view.Overdue);
        Assert.True(Assert.Single(await Grains.GetGrain<IDirectiveIndexGrain>(s.Counties[1]).ListAsync()).Overdue);
        Assert.False(Assert.Single(await Grains.GetGrain<IDirectiveIndexGrain>(s.Counties[0]).ListAsync()).Overdue);
    }

    [Fact]
    public async Task EveryProgressReportStaysInTheHistory()
    {
        var (s, directive) = await IssuedAsync();
        await directive.ReportProgressAsync(s.Counties[0], 40m, null, "甲");
        var view = await directive.ReportProgressAsync(s.Counties[0], 70m, "二季度", "乙");

        Assert.Equal([40m, 70m], view.Progress.Select(p => p.Percent));
        Assert.Contains(view.History, h => h.Actor == "乙" && h.Action.Contains("40% → 70%", StringComparison.Ordinal));
    }
}
