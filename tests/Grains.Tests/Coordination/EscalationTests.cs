using Liandong.Coordination;
using Liandong.Grains.Coordination;
using static Liandong.Grains.Tests.Coordination.CoordinationSetup;

namespace Liandong.Grains.Tests.Coordination;

/// <summary>
/// Escalation driven by the reminder alone: these tests move their fixture's fake clock and read the matter only
/// through the lists (which do not wake it), so every escalation seen there was made by a reminder tick.
/// </summary>
[Collection(EscalationCollection.Name)]
public sealed class EscalationTests(EscalationFixture fixture)
{
    private const int TickWaitMs = 15_000;

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task OverdueMatterEscalatesOncePerLevelOnTheReminderUpToTheCity()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj");
        var project = $"T-{s.City}-ESC";
        await s.ProjectAsync(project, s.Towns[0]);
        var matter = await RaiseAsync(Grains, Draft(project, s.Towns[0], d, fixture.Today.AddDays(2)));
        Assert.Contains(MatterGrain.EscalationReminderName, await fixture.RemindersOfAsync(matter));

        fixture.Time.Advance(TimeSpan.FromDays(3));
        var first = await ListedAsync(s.Towns[0], m => m.Escalations >= 1);
        Assert.Equal((1, s.Counties[0]), (first.Escalations, first.Level));

        await Task.Delay(2500, TestContext.Current.CancellationToken); // more ticks: the deadline of the county level has not passed
        Assert.Equal(1, (await ListedAsync(s.Towns[0], _ => true)).Escalations);

        fixture.Time.Advance(TimeSpan.FromDays(7));
        var second = await ListedAsync(s.Towns[0], m => m.Escalations >= 2);
        Assert.Equal((2, s.City), (second.Escalations, second.Level));

        fixture.Time.Advance(TimeSpan.FromDays(30));
        await Task.Delay(2500, TestContext.Current.CancellationToken); // the city is the top: nothing more to climb
        var view = await matter.GetAsync();
        Assert.Equal([(s.Towns[0], s.Counties[0]), (s.Counties[0], s.City)], view.Escalations.Select(e => (e.From, e.To)));
        Assert.Equal(2, view.History.Count(h => h.Actor == MatterGrain.EscalationActor));
        Assert.True(view.Overdue);
        await EventuallyNoReminderAsync(matter);
    }

    [Fact]
    public async Task EscalationSurvivesDeactivationAndIsNeverDuplicated()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj", "zjj");
        var project = $"T-{s.City}-DEACT";
        await s.ProjectAsync(project, s.Towns[0]);
        var matter = await RaiseAsync(Grains, Draft(project, s.Towns[0], d, fixture.Today.AddDays(1)));
        await matter.AnswerAsync(d[0], "已答复部分。", "自然资源局");

        // The matter sleeps through its deadline; the reminder has to wake it.
        await fixture.Cluster.DeactivateAsync(matter);
        fixture.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, (await ListedAsync(s.Towns[0], m => m.Escalations >= 1)).Escalations);

        await fixture.Cluster.DeactivateAsync(matter);
        await Task.Delay(2500, TestContext.Current.CancellationToken); // the reactivated matter reads its escalation back and does not repeat it
        Assert.Equal(1, (await ListedAsync(s.Towns[0], _ => true)).Escalations);

        fixture.Time.Advance(TimeSpan.FromDays(8));
        await fixture.Cluster.DeactivateAsync(matter);
        Assert.Equal(2, (await ListedAsync(s.Towns[0], m => m.Escalations >= 2)).Escalations);
        await fixture.Cluster.DeactivateAsync(matter);
        await Task.Delay(2500, TestContext.Current.CancellationToken);

        var view = await matter.GetAsync();
        Assert.Equal(2, view.Escalations.Length);
        Assert.Equal(2, view.Escalations.Select(e => e.To).Distinct().Count());
        Assert.Equal(2, view.History.Count(h => h.Action.StartsWith("escalated", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ResolvedMatterDropsItsReminderAndNeverEscalates()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj");
        var matter = await RaiseAsync(Grains, Draft(s.Towns[0], s.Counties[0], d, fixture.Today.AddDays(1)));
        Assert.Contains(MatterGrain.EscalationReminderName, await fixture.RemindersOfAsync(matter));

        await matter.ResolveAsync("镇里自行解决。", "镇");
        Assert.DoesNotContain(MatterGrain.EscalationReminderName, await fixture.RemindersOfAsync(matter));

        fixture.Time.Advance(TimeSpan.FromDays(30));
        await Task.Delay(2500, TestContext.Current.CancellationToken);
        var view = await matter.GetAsync();
        Assert.Empty(view.Escalations);
        Assert.False(view.Overdue);
    }

    [Fact]
    public async Task AnsweredMatterDoesNotEscalateButOnceReopenedItDoes()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj");
        var matter = await RaiseAsync(Grains, Draft(s.Towns[0], s.Counties[0], d, fixture.Today.AddDays(1)));
        await matter.AnswerAsync(d[0], "已纳入计划。", "自然资源局");
        Assert.DoesNotContain(MatterGrain.EscalationReminderName, await fixture.RemindersOfAsync(matter));

        fixture.Time.Advance(TimeSpan.FromDays(5));
        await Task.Delay(2500, TestContext.Current.CancellationToken);
        Assert.Empty((await matter.GetAsync()).Escalations);

        await matter.ReopenAsync("答复未落实。", null, "镇");
        Assert.Contains(MatterGrain.EscalationReminderName, await fixture.RemindersOfAsync(matter));
        var listed = await ListedAsync(s.Towns[0], m => m.Escalations >= 1);
        Assert.Equal((1, s.City), (listed.Escalations, listed.Level));
    }

    [Fact]
    public async Task ReopeningWithANewDueDateGivesTheNextLevelItsFullTime()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var d = await DepartmentsAsync(Grains, s, "zrzyj");
        var project = $"T-{s.City}-REDUE";
        await s.ProjectAsync(project, s.Towns[0]);
        var matter = await RaiseAsync(Grains, Draft(project, s.Towns[0], d, fixture.Today.AddDays(1)));
        fixture.Time.Advance(TimeSpan.FromDays(2));
        await ListedAsync(s.Towns[0], m => m.Escalations >= 1);
        await matter.AnswerAsync(d[0], "已答复。", "自然资源局");

        var reopened = await matter.ReopenAsync("仍未解决", fixture.Today.AddDays(3), "镇");
        Assert.Equal(s.Counties[0], reopened.Level);

        fixture.Time.Advance(TimeSpan.FromDays(2));
        await Task.Delay(2500, TestContext.Current.CancellationToken); // before the new due date: stays at the county
        Assert.Equal(1, (await ListedAsync(s.Towns[0], _ => true)).Escalations);

        fixture.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(s.City, (await ListedAsync(s.Towns[0], m => m.Escalations >= 2)).Level);
    }

    /// <summary>Reads the matter as the town's list shows it: a read that does not wake the matter.</summary>
    private async Task<MatterSummary> ListedAsync(string town, Func<MatterSummary, bool> condition)
    {
        var list = await Scenario.EventuallyAsync(() => Grains.GetGrain<IMatterIndexGrain>(town).ListAsync(null),
            l => l.Length == 1 && condition(l[0]), TickWaitMs);
        var summary = Assert.Single(list);
        Assert.True(condition(summary), "the reminder did not escalate the matter in time");
        return summary;
    }

    private async Task EventuallyNoReminderAsync(IAddressable grain)
    {
        var names = await Scenario.EventuallyAsync(() => fixture.RemindersOfAsync(grain), r => !r.Contains(MatterGrain.EscalationReminderName), TickWaitMs);
        Assert.DoesNotContain(MatterGrain.EscalationReminderName, names);
    }
}
