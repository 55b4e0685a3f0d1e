using Liandong.Coordination;
using Liandong.Grains.Tasks;
using Liandong.Tasks;

namespace Liandong.Grains.Tests.Tasks;

/// <summary>The work lists (待办): kept by the grains whose work it is, one index per owner, never scanned.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TaskIndexTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task ASplitMovesTheDirectiveFromTheCountysListToItsTownsAndAFinishedShareLeavesIt()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 2);
        var id = CoordinationIds.New(CoordinationIds.Directive);
        var directive = Grains.GetGrain<IDirectiveGrain>(id);
        await directive.IssueAsync(new DirectiveDraft(s.City, "典型镇培育", null, new DateOnly(2099, 9, 30), [s.Counties[0]]), "市");

        var county = Grains.GetGrain<ITaskIndexGrain>(TaskOwners.Division(s.Counties[0]));
        var split = Assert.Single(await county.ListAsync(), t => t.Id == id);
        Assert.Equal(TaskKinds.SplitDirective, split.Kind);
        Assert.Equal($"/directives/{id}", split.Link);

        await directive.SplitAsync(s.Counties[0], [s.Towns[0], s.Towns[1]], "县");

        Assert.DoesNotContain(await county.ListAsync(), t => t.Id == id);
        var town = Grains.GetGrain<ITaskIndexGrain>(TaskOwners.Division(s.Towns[0]));
        Assert.Equal(TaskKinds.ReportDirective, Assert.Single(await town.ListAsync(), t => t.Id == id).Kind);

        await directive.ReportProgressAsync(s.Towns[0], 40m, null, "镇");
        Assert.Single(await town.ListAsync(), t => t.Id == id);
        await directive.ReportProgressAsync(s.Towns[0], 100m, "完成", "镇");
        Assert.DoesNotContain(await town.ListAsync(), t => t.Id == id);
        Assert.Single(await Grains.GetGrain<ITaskIndexGrain>(TaskOwners.Division(s.Towns[1])).ListAsync(), t => t.Id == id);
    }

    [Fact]
    public async Task AnOlderPushChangesNothingAndAClosedTaskNobodyKnewIsNotKept()
    {
        var index = Grains.GetGrain<ITaskIndexGrain>(TaskOwners.Department("440800-test" + Guid.NewGuid().ToString("N")[..6]));
        var open = new WorkTask(TaskKinds.AnswerMatter, "M-1", "事项", new DateOnly(2000, 1, 1), "/matters/M-1", true, 3);

        await index.TrackAsync([open with { Open = false, SubjectId = "M-2", Version = 1 }]);
        Assert.Empty(await index.ListAsync());

        await index.TrackAsync([open]);
        var listed = Assert.Single(await index.ListAsync());
        Assert.True(listed.Overdue);

        await index.TrackAsync([open with { Open = false, Version = 4 }]);
        await index.TrackAsync([open with { Version = 2 }]);
        Assert.Empty(await index.ListAsync());
    }

    [Theory]
    [InlineData("2023-06-05", "2023-06-12")] // Monday → next Monday
    [InlineData("2023-06-09", "2023-06-16")] // Friday → next Friday
    [InlineData("2023-06-10", "2023-06-16")] // Saturday → Friday
    public void ABankHasFiveWorkingDaysToAnswer(string sent, string due) =>
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
            TaskRules.AddWorkingDays(DateOnly.Parse(sent, System.Globalization.CultureInfo.InvariantCulture), 5));
}
