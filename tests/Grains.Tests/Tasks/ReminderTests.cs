using System.Collections.Immutable;
using Liandong.Coordination;
using Liandong.Grains.Tests.Coordination;
using Liandong.Tasks;

namespace Liandong.Grains.Tests.Tasks;

/// <summary>
/// Reminders before deadlines: a matter due within three days is queued once in its city's outbox, sent to its
/// department's WeCom robot as a markdown message, retried with back-off while the robot fails, kept across a
/// deactivation (it is persisted first), and never sent twice.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReminderTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task AMatterDueInTwoDaysIsRemindedOnceThroughARobotThatFailsTwice()
    {
        using var robot = new LocalRobot(refuseFirst: 2);
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var department = (await CoordinationSetup.DepartmentsAsync(Grains, s, "zrzyj"))[0];
        var today = DateOnly.FromDateTime(fixture.Time.GetLocalNow().DateTime);
        var matter = Grains.GetGrain<IMatterGrain>(CoordinationIds.New(CoordinationIds.Matter));
        await matter.RaiseAsync(new MatterDraft("吉兆湾度假区用海审批", null, s.Counties[0], null, s.City, [department], today.AddDays(2)), "县");
        var later = Grains.GetGrain<IMatterGrain>(CoordinationIds.New(CoordinationIds.Matter));
        await later.RaiseAsync(new MatterDraft("远期事项", null, s.Counties[0], null, s.City, [department], today.AddDays(30)), "县");

        var outbox = Grains.GetGrain<INotificationOutboxGrain>(s.City);
        await outbox.SetWebhooksAsync(ImmutableDictionary<string, string>.Empty.Add(department, robot.Url));
        var index = Grains.GetGrain<ITaskIndexGrain>(TaskOwners.Department(department));
        Assert.True(Assert.Single(await index.ListAsync(), t => t.Id == matter.GetPrimaryKeyString()).DueSoon);

        // The sweep queues the near deadline only; the first attempt fails at once and the message stays, persisted.
        Assert.Equal(1, await index.SweepAsync());
        var pending = Assert.Single((await outbox.GetAsync()).Pending);
        Assert.Equal(1, pending.Attempts);
        Assert.Equal(department, pending.Target);
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, TestContext.Current.CancellationToken);
        Assert.Equal(1, Assert.Single((await outbox.GetAsync()).Pending).Attempts);

        // Not before its back-off; then a second failure, a longer wait, and the third attempt gets through. (The
        // outbox's own reminder may make an attempt once the clock moves: the counts below hold either way.)
        Assert.Equal(0, await outbox.DeliverDueAsync());
        Assert.Equal(1, robot.Calls);
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        await outbox.DeliverDueAsync();
        Assert.Equal(2, Assert.Single((await outbox.GetAsync()).Pending).Attempts);
        Assert.Equal(2, robot.Calls);
        fixture.Time.Advance(TimeSpan.FromMinutes(2));
        await outbox.DeliverDueAsync();

        var view = await outbox.GetAsync();
        Assert.Empty(view.Pending);
        Assert.Single(view.Sent);
        Assert.Equal(3, robot.Calls);
        using var body = System.Text.Json.JsonDocument.Parse(robot.Bodies.Last());
        Assert.Equal("markdown", body.RootElement.GetProperty("msgtype").GetString());
        var content = body.RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.Contains("吉兆湾度假区用海审批", content, StringComparison.Ordinal);
        Assert.Contains("还有2天", content, StringComparison.Ordinal);
        Assert.Contains($"/matters/{matter.GetPrimaryKeyString()}", content, StringComparison.Ordinal);

        // Sweeping again, or delivering again, sends nothing more.
        Assert.Equal(0, await index.SweepAsync());
        Assert.Equal(0, await outbox.DeliverDueAsync());
        Assert.Equal(3, robot.Calls);

        // Once answered, the task leaves the list and nothing more is reminded of it.
        await matter.AnswerAsync(department, "已受理。", department);
        Assert.DoesNotContain(await index.ListAsync(), t => t.Id == matter.GetPrimaryKeyString());
    }
}
