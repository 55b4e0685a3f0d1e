using Liandong.Hierarchy;
using Liandong.Promotion;
using Liandong.Tasks;
using static Liandong.Grains.Tests.Promotion.PromotionSetup;

namespace Liandong.Grains.Tests.Promotion;

/// <summary>
/// Leads past a deadline in the work lists (待办) of their county and their responsible leader's office: put there by
/// the deadline reminder when the clock passes a deadline, taken off by the follow-up that meets it.
/// </summary>
[Collection(DeadlineCollection.Name)]
public sealed class LeadTaskTests(DeadlineFixture fixture)
{
    private const int TickWaitMs = 15_000;

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task OverdueLeadAppearsInTheCountysAndTheLeadersWorkListsAndAFollowUpTakesItOffAtOnce()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var leader = await LeaderAsync(Grains, s.City, "tasks");
        var today = fixture.Today;
        var lead = await LeadAsync(Grains, Draft(s.Counties[0], received: today, leader: leader));
        var id = lead.GetPrimaryKeyString();
        var county = Grains.GetGrain<ITaskIndexGrain>(TaskOwners.Division(s.Counties[0]));
        var office = Grains.GetGrain<ITaskIndexGrain>(TaskOwners.Leader(leader));
        Assert.DoesNotContain(await county.ListAsync(), t => t.Id == id);

        // Day 2: the one-day response deadline has passed; the reminder flags the lead and both lists show it.
        fixture.Time.Advance(TimeSpan.FromDays(2));
        var listed = await Scenario.EventuallyAsync(() => county.ListAsync(), l => l.Any(t => t.Id == id), TickWaitMs);
        var task = Assert.Single(listed, t => t.Id == id);
        Assert.Equal(TaskKinds.FollowUpLead, task.Kind);
        Assert.Equal(today.AddDays(1), task.DueDate);
        Assert.True(task.Overdue);
        Assert.Equal($"/leads/{id}#followup", task.Link);
        Assert.Single(await office.ListAsync(), t => t.Id == id);

        // The response meets that deadline; the assessment (3 days) is not due yet: the lead leaves both lists with the write.
        await lead.FollowUpAsync(FollowUpKind.Response, fixture.Today, "已电话联系", "x");
        Assert.DoesNotContain(await county.ListAsync(), t => t.Id == id);
        Assert.DoesNotContain(await office.ListAsync(), t => t.Id == id);

        // Day 4: the assessment is now late; it comes back, dated from the assessment's due day, and a stage move clears it.
        fixture.Time.Advance(TimeSpan.FromDays(2));
        listed = await Scenario.EventuallyAsync(() => county.ListAsync(), l => l.Any(t => t.Id == id), TickWaitMs);
        Assert.Equal(today.AddDays(3), Assert.Single(listed, t => t.Id == id).DueDate);
        await lead.MoveAsync(To(LeadStage.Negotiating, fixture.Today), "x");
        Assert.DoesNotContain(await county.ListAsync(), t => t.Id == id);
        Assert.DoesNotContain(await office.ListAsync(), t => t.Id == id);
    }

    [Fact]
    public async Task CityLevelLeadPastADeadlineWaitsOnTheCitysCommandOfficeAndDroppingItClearsIt()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var today = fixture.Today;
        var lead = await LeadAsync(Grains, Draft(s.City, name: "空港物流分拨中心", received: today, chain: "空港经济区"));
        var id = lead.GetPrimaryKeyString();
        var command = Grains.GetGrain<ITaskIndexGrain>(TaskOwners.Division(s.City));

        fixture.Time.Advance(TimeSpan.FromDays(2));
        var listed = await Scenario.EventuallyAsync(() => command.ListAsync(), l => l.Any(t => t.Id == id), TickWaitMs);
        Assert.Equal("空港物流分拨中心", Assert.Single(listed, t => t.Id == id).Title);
        Assert.DoesNotContain(await Grains.GetGrain<ITaskIndexGrain>(TaskOwners.Division(s.Counties[0])).ListAsync(), t => t.Id == id);

        await lead.MoveAsync(To(LeadStage.Dropped, fixture.Today, note: "投资方放弃"), "x");
        Assert.DoesNotContain(await command.ListAsync(), t => t.Id == id);
    }

    [Fact]
    public async Task LeadsJudgeByTheRulesTheCitySetAndTheDefaultsUntilThen()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var today = fixture.Today;
        var lead = await LeadAsync(Grains, Draft(s.Counties[0], received: today.AddDays(-2)));
        Assert.True((await lead.GetAsync()).Overdue); // defaults: respond within 1 day

        var rules = Grains.GetGrain<IPromotionRulesGrain>(s.City);
        var defaults = await rules.GetAsync();
        Assert.Equal((0, PromotionRules.Default), (defaults.Version, defaults.Rules));

        var relaxed = PromotionRules.Default with { RespondDays = 5, AssessDays = 10, AssessDaysLarge = 15 };
        var set = await rules.SetAsync(relaxed, "city.admin");
        Assert.Equal((1, relaxed), (set.Version, set.Rules));
        Assert.Equal("city.admin", Assert.Single(set.History).By);

        var view = await lead.GetAsync();
        Assert.False(view.Overdue);
        Assert.Equal(today.AddDays(3), view.Deadlines.Single(d => d.Kind == FollowUpKind.Response).Due);

        // The roll-up follows on the next reminder tick: the county stops counting the lead as overdue.
        var period = new Liandong.Reporting.PeriodQuery(today.Year, today.Month);
        var countyGrain = Grains.GetGrain<ICountyGrain>(s.Counties[0]);
        var county = await Scenario.EventuallyAsync(() => countyGrain.GetOverviewAsync(period), o => o.Totals.Promotion.Overdue == 0, TickWaitMs);
        Assert.Equal(0, county.Totals.Promotion.Overdue);

        // Bad rules are refused naming the field, and the version in force stays.
        var bad = await Assert.ThrowsAsync<DomainException>(() => rules.SetAsync(relaxed with { AssessDaysLarge = 4 }, "city.admin"));
        Assert.Equal("assessDaysLarge", bad.Field);
        bad = await Assert.ThrowsAsync<DomainException>(() => rules.SetAsync(relaxed with { StartWithinMonths = 0 }, "city.admin"));
        Assert.Equal("startWithinMonths", bad.Field);
        Assert.Equal(1, (await rules.GetAsync()).Version);
    }
}
