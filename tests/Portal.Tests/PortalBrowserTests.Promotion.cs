extern alias silo;

using Liandong.Promotion;
using static Microsoft.Playwright.Assertions;
using PromotionDemo = silo::Liandong.Silo.Demo.PromotionDemo;

namespace Liandong.Portal.Tests;

/// <summary>The investment-promotion pages in the browser: a follow-up through the lead page's form.</summary>
public sealed partial class PortalBrowserTests
{
    [Fact]
    public async Task AFollowUpRecordedThroughTheLeadPageFormShowsInItsTimeline()
    {
        var lead = platform.Grains.GetGrain<ILeadGrain>(PromotionDemo.ShoeFactory);
        var before = await lead.GetAsync();
        await _session.SignInAsync("wuchuan.officer");
        await _page.GotoAsync($"/leads/{PromotionDemo.ShoeFactory}");
        await _session.WaitInteractiveAsync();
        await Expect(_page.GetByTestId("page-title")).ToContainTextAsync("EVA环保鞋");
        await Expect(_page.GetByTestId("lead-timeline")).ToContainTextAsync("开工");

        // An empty note is refused on its field, and nothing is recorded.
        await _page.GetByTestId("followup-submit").ClickAsync();
        await Expect(Field("followup-note")).ToContainTextAsync("请填写说明");
        Assert.Equal(before.Version, (await lead.GetAsync()).Version);

        await _page.GetByTestId("followup-note").FillAsync("二期设备已到厂，协调电力增容（测试）");
        await _page.GetByTestId("followup-note").PressAsync("Tab");
        await _page.GetByTestId("followup-submit").ClickAsync();

        await Expect(_page.GetByTestId("lead-timeline")).ToContainTextAsync("二期设备已到厂，协调电力增容（测试）");
        await ShotAsync("promotion-lead-followup");
        var after = await lead.GetAsync();
        var recorded = Assert.Single(after.FollowUps, f => f.Note == "二期设备已到厂，协调电力增容（测试）");
        Assert.Equal(("wuchuan.officer", FollowUpKind.Progress), (recorded.By, recorded.Kind));
    }

    [Fact]
    public async Task TheCountyPromotionPageShowsTheFunnelAndTheOverdueLeads()
    {
        await _session.SignInAsync("wuchuan.officer");
        await _page.GotoAsync("/promotion/440883?year=2023&month=6");
        await _session.WaitInteractiveAsync();
        await Expect(_page.GetByTestId("page-title")).ToContainTextAsync("招商引资");
        await Expect(_page.GetByTestId("promotion-leads")).ToHaveTextAsync("8");
        await Expect(_page.GetByTestId("promotion-funnel").Locator("svg")).ToBeVisibleAsync();
        await Expect(_page.GetByTestId("overdue-leads").Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(_page.GetByTestId("by-channel")).ToContainTextAsync("乡贤招商");
    }

    [Fact]
    public async Task TheLeadersPageListsTheLeadsItIsResponsibleForOverdueFirst()
    {
        await _session.SignInAsync("leader.secretary");
        await _page.GotoAsync("/leaders/440800-swsj");
        await _session.WaitInteractiveAsync();
        await Expect(_page.GetByTestId("leader-leads").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(_page.GetByTestId("leader-leads")).ToContainTextAsync("空港经济区航空物流分拨中心");
        await Expect(_page.GetByTestId("leader-leads")).ToContainTextAsync("已超期");
    }
}
