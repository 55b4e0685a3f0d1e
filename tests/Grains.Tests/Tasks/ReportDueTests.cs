using System.Collections.Immutable;
using Liandong.Grains.Infrastructure;
using Liandong.Reporting;
using Liandong.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Reminders;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Liandong.Grains.Tests.Tasks;

/// <summary>
/// Monthly reports in the work lists: before the city's due day the town and the county see "due soon" for the projects
/// that have not reported last month, after it "missing"; a report arriving closes them; the county's robot hears once.
/// </summary>
[Collection(ReportDueCollection.Name)]
public sealed class ReportDueTests(ReportDueFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task DueSoonBeforeTheDueDayMissingAfterGoneWhenTheReportArrivesAndTheCountyRobotHearsOnce()
    {
        using var robot = new LocalRobot();
        fixture.AdvanceToFirstOfNextMonth();
        var today = DateOnly.FromDateTime(fixture.Time.GetLocalNow().DateTime);
        var month = new YearMonth(today.Year, today.Month).Previous;
        var dueDate = new DateOnly(today.Year, today.Month, 6);
        var s = await new Scenario(Grains).BuildAsync(1, 2);
        var (county, late, punctual) = (s.Counties[0], s.Towns[0], s.Towns[1]);
        var a = await s.ProjectAsync($"RD-{s.City}-1", late);
        await s.ProjectAsync($"RD-{s.City}-2", late, stage: ProjectStage.Completed);
        var b = await s.ProjectAsync($"RD-{s.City}-3", punctual);
        await b.SubmitReportAsync(Scenario.Report(month.Year, month.Month, 100m), "test");
        var countyIndex = Grains.GetGrain<ITaskIndexGrain>(TaskOwners.Division(county));
        var lateIndex = Grains.GetGrain<ITaskIndexGrain>(TaskOwners.Division(late));
        var punctualIndex = Grains.GetGrain<ITaskIndexGrain>(TaskOwners.Division(punctual));
        var reportDue = Grains.GetGrain<IReportDueGrain>(county);

        // The 1st: last month's reports are due by the 6th. The town told the county's report work when its projects came in.
        var townTask = Assert.Single(await Scenario.EventuallyAsync(lateIndex.ListAsync, l => l.Any(t => t.Kind == TaskKinds.ReportsDueSoon)),
            t => t.Kind.StartsWith("reports.", StringComparison.Ordinal));
        Assert.Equal(TaskKinds.ReportsDueSoon, townTask.Kind);
        Assert.Equal(dueDate, townTask.DueDate);
        Assert.False(townTask.Overdue);
        Assert.Contains($"项目 RD-{s.City}-1", townTask.Title, StringComparison.Ordinal);
        Assert.DoesNotContain($"RD-{s.City}-2", townTask.Title, StringComparison.Ordinal);
        var townFacts = Assert.IsType<ReportTaskFacts>(townTask.Report); // what the portal writes the title from, in its language
        Assert.Equal((month.Year, month.Month, 1, false), (townFacts.Year, townFacts.Month, townFacts.Missing, townFacts.OfCounty));
        Assert.Single(townFacts.Names, n => n.Contains($"RD-{s.City}-1", StringComparison.Ordinal));
        Assert.StartsWith($"/missing-reports/{late}?year={month.Year}&month={month.Month}", townTask.Link, StringComparison.Ordinal);
        Assert.DoesNotContain(await Scenario.EventuallyAsync(punctualIndex.ListAsync, l => !l.Any(t => t.Kind.StartsWith("reports.", StringComparison.Ordinal))),
            t => t.Kind.StartsWith("reports.", StringComparison.Ordinal));
        var countyTask = Assert.Single(await Scenario.EventuallyAsync(countyIndex.ListAsync, l => l.Any(t => t.Kind == TaskKinds.ReportsDueSoon)),
            t => t.Kind.StartsWith("reports.", StringComparison.Ordinal));
        Assert.Contains("1个项目未报送", countyTask.Title, StringComparison.Ordinal);
        var countyFacts = Assert.IsType<ReportTaskFacts>(countyTask.Report);
        Assert.Equal((1, true, 1), (countyFacts.Missing, countyFacts.OfCounty, countyFacts.Counts.Single()));
        Assert.Contains("reports-due", await fixture.RemindersOfAsync(reportDue));

        // The sweep reminds the county's robot only within three days of the due day, and only once.
        var outbox = Grains.GetGrain<INotificationOutboxGrain>(s.City);
        await outbox.SetWebhooksAsync(ImmutableDictionary<string, string>.Empty.Add(county, robot.Url));
        Assert.Equal(0, await countyIndex.SweepAsync());
        Assert.Equal(0, await lateIndex.SweepAsync());
        fixture.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await countyIndex.SweepAsync());
        Assert.Equal(0, await lateIndex.SweepAsync());
        Assert.Equal(0, await countyIndex.SweepAsync());
        await reportDue.RefreshAsync();
        Assert.Equal(0, await countyIndex.SweepAsync());
        Assert.Equal(1, robot.Calls);
        using (var body = System.Text.Json.JsonDocument.Parse(robot.Bodies.Single()))
        {
            var content = body.RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
            Assert.Contains("项目月报即将截止", content, StringComparison.Ordinal);
            Assert.Contains($"{dueDate.Year}年{dueDate.Month}月6日", content, StringComparison.Ordinal);
            Assert.Contains($"/missing-reports/{county}", content, StringComparison.Ordinal);
        }

        // The 7th: past the due day the report is missing (overdue); the due-soon task is gone; the robot hears nothing more.
        fixture.Time.Advance(TimeSpan.FromDays(4));
        var open = await reportDue.RefreshAsync();
        Assert.All(open, t => Assert.Equal(TaskKinds.ReportsMissing, t.Kind));
        var missing = Assert.Single(await lateIndex.ListAsync(), t => t.Kind.StartsWith("reports.", StringComparison.Ordinal));
        Assert.Equal(TaskKinds.ReportsMissing, missing.Kind);
        Assert.True(missing.Overdue);
        Assert.Equal(TaskKinds.ReportsMissing, Assert.Single(await countyIndex.ListAsync(), t => t.Kind.StartsWith("reports.", StringComparison.Ordinal)).Kind);
        Assert.Equal(0, await countyIndex.SweepAsync());
        Assert.Equal(1, robot.Calls);

        // The report arrives (late): the town tells the county's report work, and both lists drop the task at once.
        await a.SubmitReportAsync(Scenario.Report(month.Year, month.Month, 80m), "test");
        await Scenario.EventuallyAsync(lateIndex.ListAsync, l => !l.Any(t => t.Kind.StartsWith("reports.", StringComparison.Ordinal)));
        Assert.DoesNotContain(await lateIndex.ListAsync(), t => t.Kind.StartsWith("reports.", StringComparison.Ordinal));
        Assert.DoesNotContain(await countyIndex.ListAsync(), t => t.Kind.StartsWith("reports.", StringComparison.Ordinal));
        Assert.Empty(await reportDue.RefreshAsync());
    }

    [Fact]
    public async Task TheDueDayIsTheRuleOfTheReportedMonthAndANewMonthClosesTheOldMonthsTasks()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        await s.ProjectAsync($"RD-{s.City}-9", s.Towns[0]);
        var today = DateOnly.FromDateTime(fixture.Time.GetLocalNow().DateTime);
        await Grains.GetGrain<ILightRuleGrain>(s.City).SetAsync(
            CityLightRule.Default with { EffectiveFrom = new YearMonth(today.Year, today.Month), ReportDueDay = 25 }, "test");
        var reportDue = Grains.GetGrain<IReportDueGrain>(s.Counties[0]);

        // Last month's reports keep last month's rule: due on the 6th.
        var open = await reportDue.RefreshAsync();
        Assert.Equal(2, open.Length);
        Assert.All(open, t => Assert.Equal(new DateOnly(today.Year, today.Month, 6), t.DueDate));

        // The month turns: last month's tasks are closed, this month's (judged by the new rule: the 25th) open.
        fixture.Time.Advance(TimeSpan.FromDays(31));
        var now = DateOnly.FromDateTime(fixture.Time.GetLocalNow().DateTime);
        var next = await reportDue.RefreshAsync();
        Assert.Equal(2, next.Length);
        Assert.All(next, t => Assert.Equal(new DateOnly(now.Year, now.Month, 25), t.DueDate));
        Assert.All(next, t => Assert.Equal(TaskKinds.ReportsDueSoon, t.Kind));
        Assert.DoesNotContain(next, t => open.Any(o => o.SubjectId == t.SubjectId));

        // Asking again with nothing changed keeps every task's version: the indexes write nothing.
        Assert.Equal(next.Select(t => (t.Id, t.Version)), (await reportDue.RefreshAsync()).Select(t => (t.Id, t.Version)));
        var listed = (await Grains.GetGrain<ITaskIndexGrain>(TaskOwners.Division(s.Towns[0])).ListAsync())
            .Where(t => t.Kind.StartsWith("reports.", StringComparison.Ordinal)).ToList();
        Assert.Equal(next.Single(t => t.SubjectId.StartsWith(s.Towns[0], StringComparison.Ordinal)).SubjectId, Assert.Single(listed).Id);
    }
}

/// <summary>A cluster of its own whose clock starts on 1 July 2023 and moves (the shared cluster's never does).</summary>
public sealed class ReportDueFixture : IAsyncLifetime
{
    /// <summary>1 July 2023, 09:00 in China (given in UTC: FakeTimeProvider adds the local offset).</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2023, 7, 1, 1, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        Time.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "China Standard Time", "CST"));
        WakeUpReminder.RetryDueTime = TimeSpan.FromSeconds(5);
        WakeUpReminder.RetryPeriod = TimeSpan.FromSeconds(5);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Main);
            silo.UseInMemoryReminderService();
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.Services.AddKeyedSingleton(ReminderTimeProviderNames.Reminders, TimeProvider.System);
            silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Moves the clock forward to 09:00 on the 1st of the next month (tests run in any order; the clock only moves on).</summary>
    public void AdvanceToFirstOfNextMonth()
    {
        var now = Time.GetLocalNow();
        var first = new DateTimeOffset(now.Year, now.Month, 1, 9, 0, 0, now.Offset).AddMonths(1);
        Time.Advance(first - now);
    }

    public async Task<IReadOnlyList<string>> RemindersOfAsync(IAddressable grain)
    {
        var table = Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();
        var rows = await table.ReadRows(grain.GetGrainId());
        return rows.Reminders.Select(r => r.ReminderName).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ReportDueCollection : ICollectionFixture<ReportDueFixture>
{
    public const string Name = "report-due";
}
