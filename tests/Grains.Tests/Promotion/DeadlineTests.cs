using Liandong.Grains.Promotion;
using Liandong.Hierarchy;
using Liandong.Promotion;
using Liandong.Reporting;
using static Liandong.Grains.Tests.Promotion.PromotionSetup;

namespace Liandong.Grains.Tests.Promotion;

/// <summary>
/// Deadlines driven by the reminder alone: the tests move the fixture's clock and read only the roll-up and the
/// city index (which do not wake the lead), so every overdue counted there was set by a reminder tick.
/// </summary>
[Collection(DeadlineCollection.Name)]
public sealed class DeadlineTests(DeadlineFixture fixture)
{
    private const int TickWaitMs = 15_000;

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task LeadBecomesOverdueOnTheReminderWhenTheClockPassesADeadlineAndTheCountyCountsIt()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var today = fixture.Today;
        var lead = await LeadAsync(Grains, Draft(s.Counties[0], received: today, planned: 60_000m));
        Assert.Contains(LeadGrain.DeadlineReminderName, await fixture.RemindersOfAsync(lead));
        await lead.FollowUpAsync(FollowUpKind.Response, today, "已联系", "x");
        var county = Grains.GetGrain<ICountyGrain>(s.Counties[0]);
        var period = new PeriodQuery(today.Year, today.Month);

        // Day 5: within the 7 days a lead of 5亿 or more has for its assessment.
        fixture.Time.Advance(TimeSpan.FromDays(5));
        await Task.Delay(2500, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await county.GetOverviewAsync(period)).Totals.Promotion.Overdue);

        // Day 8: past it.
        fixture.Time.Advance(TimeSpan.FromDays(3));
        var overdue = await Scenario.EventuallyAsync(() => county.GetOverviewAsync(period), o => o.Totals.Promotion.Overdue == 1, TickWaitMs);
        Assert.Equal(1, overdue.Totals.Promotion.Overdue);
        var listed = await Grains.GetGrain<ILeadIndexGrain>(s.City).ListAsync(new LeadFilter(s.Counties[0], null, true));
        Assert.Equal(lead.GetPrimaryKeyString(), Assert.Single(listed).Id);

        // A late assessment meets it; the county stops counting it.
        await lead.FollowUpAsync(FollowUpKind.Assessment, fixture.Today, "已研判", "x");
        var cleared = await Scenario.EventuallyAsync(() => county.GetOverviewAsync(period), o => o.Totals.Promotion.Overdue == 0, TickWaitMs);
        Assert.Equal(0, cleared.Totals.Promotion.Overdue);
        Assert.Contains((await lead.GetAsync()).History, h => h.Actor == LeadGrain.DeadlineActor);
    }

    [Fact]
    public async Task NegotiatingLeadNeedsProgressEveryFourteenDaysAndSignedLeadNotStartedInSixMonthsIsStalled()
    {
        var s = await new Scenario(Grains).BuildAsync(1, 1);
        var today = fixture.Today;
        var lead = await LeadAsync(Grains, Draft(s.Counties[0], received: today));
        await lead.MoveAsync(To(LeadStage.Negotiating, today), "x");
        var county = Grains.GetGrain<ICountyGrain>(s.Counties[0]);

        fixture.Time.Advance(TimeSpan.FromDays(15));
        var view = await lead.GetAsync();
        Assert.True(view.Deadlines.Single(d => d.Kind == FollowUpKind.Progress).Overdue);
        view = await lead.FollowUpAsync(FollowUpKind.Progress, fixture.Today, "第二轮洽谈", "x");
        Assert.False(view.Overdue);
        Assert.Equal(fixture.Today.AddDays(14), view.Deadlines.Single(d => d.Kind == FollowUpKind.Progress).Due);

        view = await lead.MoveAsync(To(LeadStage.Signed, fixture.Today, signed: 10_000m), "x");
        Assert.False(view.Stalled);
        fixture.Time.Advance(TimeSpan.FromDays(190));
        var period = new PeriodQuery(fixture.Today.Year, fixture.Today.Month);
        var stalled = await Scenario.EventuallyAsync(() => county.GetOverviewAsync(period), o => o.Totals.Promotion.Stalled == 1, TickWaitMs);
        Assert.Equal(1, stalled.Totals.Promotion.Stalled);

        view = await lead.MoveAsync(To(LeadStage.Registered, fixture.Today), "x");
        Assert.True(view.Stalled);
        view = await lead.MoveAsync(To(LeadStage.Started, fixture.Today), "x");
        Assert.False(view.Stalled);
        var started = await Scenario.EventuallyAsync(() => county.GetOverviewAsync(period), o => o.Totals.Promotion.Stalled == 0, TickWaitMs);
        Assert.Equal(0, started.Totals.Promotion.Stalled);
    }
}
