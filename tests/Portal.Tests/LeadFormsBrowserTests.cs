using System.Globalization;
using Liandong.Promotion;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liandong.Portal.Tests;

/// <summary>
/// The lead forms that were API-only before (issues 11 and 14): a county officer records a lead on its 招商引资 page (a bad
/// field refused on that field, nothing recorded) and moves it to negotiating on the lead page. The grain is read only to
/// check what the forms did.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class LeadFormsBrowserTests(PlatformFixture platform, BrowserFixture browser) : BrowserTest(platform, browser)
{
    private ILocator Field(string testId) => Session.Field(testId);

    private async Task FillAsync(string testId, string value)
    {
        await Page.GetByTestId(testId).FillAsync(value);
        await Page.GetByTestId(testId).PressAsync("Tab");
    }

    [Fact]
    public async Task ACountyOfficerRecordsALeadOnItsPromotionPageAndMovesItToNegotiating()
    {
        // A name no other run of the demo uses, so that the city's duplicate check does not refuse it.
        var suffix = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture)[^6..];
        var name = $"廉江羽绒制品加工项目{suffix}";
        var investor = $"湛江某羽绒制品有限公司{suffix}";
        await Session.SignInAsync("lianjiang.officer");
        await Page.GotoAsync("/promotion/440881");
        await Session.WaitInteractiveAsync();
        await Expect(Page.GetByTestId("lead-countyCode")).ToHaveValueAsync("440881");

        // Everything but the planned investment, which is not a number: refused on that field, nothing recorded.
        await FillAsync("lead-name", name);
        await FillAsync("lead-investor", investor);
        await FillAsync("lead-industryChain", "羽绒制品");
        await FillAsync("lead-plannedInvestment", "三千万");
        await Page.GetByTestId("lead-channel").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").GetByText("乡贤招商", new() { Exact = true }).ClickAsync();
        await Expect(Page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await Page.GetByTestId("lead-submit").ClickAsync();
        await Expect(Field("lead-plannedInvestment")).ToContainTextAsync("请填写数字");
        await Expect(Field("lead-name")).Not.ToContainTextAsync("请填写");
        await Expect(Page.GetByTestId("all-leads")).Not.ToContainTextAsync(name);

        await FillAsync("lead-plannedInvestment", "30000");
        await Page.GetByTestId("lead-submit").ClickAsync();
        var row = Page.GetByTestId("all-leads").Locator("tr").Filter(new() { HasText = name });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("线索");
        var href = await row.Locator("a").GetAttributeAsync("href");
        var id = href!["/leads/".Length..];
        var recorded = await Platform.Grains.GetGrain<ILeadGrain>(id).GetAsync();
        Assert.Equal(("440881", investor, 30000m, LeadChannel.Xiangxian, LeadStage.Contact),
            (recorded.Draft.CountyCode, recorded.Draft.Investor, recorded.Draft.PlannedInvestment, recorded.Draft.Channel, recorded.Stage));

        // On the lead page the next stage is offered; the move is recorded with its note.
        await row.Locator("a").ClickAsync();
        await Expect(Page.GetByTestId("page-title")).ToContainTextAsync(name);
        await Session.WaitInteractiveAsync();
        await Expect(Page.GetByTestId("drop-submit")).ToBeVisibleAsync();
        await FillAsync("stage-note", "双方已就用地和设备方案进入洽谈（测试）");
        await Page.GetByTestId("stage-submit").ClickAsync();
        await Expect(Page.GetByTestId("lead-stage")).ToHaveTextAsync("在谈");
        await Expect(Page.GetByTestId("lead-timeline")).ToContainTextAsync("双方已就用地和设备方案进入洽谈（测试）");
        var moved = await Platform.Grains.GetGrain<ILeadGrain>(id).GetAsync();
        Assert.Equal(LeadStage.Negotiating, moved.Stage);
        Assert.Equal("lianjiang.officer", moved.Stages[^1].By);
    }

    [Fact]
    public async Task ARegisteredLeadIsConvertedIntoAProjectOfATownOfItsCountyThroughTheLeadPage()
    {
        // A registered lead of Lianjiang (Wuchuan's demo pipeline is counted by PortalBrowserTests.Promotion), brought there through the grain (the stage form is the other test's).
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var suffix = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture)[^6..];
        var id = LeadIds.New("440881", DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)));
        var lead = Platform.Grains.GetGrain<ILeadGrain>(id);
        await lead.CreateAsync(new LeadDraft("440881", $"廉江海鲜预制菜加工项目{suffix}", $"湛江某食品有限公司{suffix}", "预制菜", 12_000m, LeadChannel.IndustryChain,
            null, null, today.AddDays(-3), null, null, null, null, null), "test");
        await lead.MoveAsync(new StageMove(LeadStage.Negotiating, today.AddDays(-2), null, null, null, null), "test");
        await lead.MoveAsync(new StageMove(LeadStage.Signed, today.AddDays(-1), null, 10_000m, null, null), "test");
        await lead.MoveAsync(new StageMove(LeadStage.Registered, today, null, null, null, null), "test");

        await Session.SignInAsync("lianjiang.officer");
        await Page.GotoAsync($"/leads/{id}");
        await Session.WaitInteractiveAsync();
        await Expect(Page.GetByTestId("convert-totalInvestment")).ToHaveValueAsync("12000");

        // A town code one digit short is refused on its field, and nothing is converted.
        await FillAsync("convert-townCode", "44088110");
        await Page.GetByTestId("convert-category").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").GetByText("产业", new() { Exact = true }).ClickAsync();
        await Expect(Page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await Page.GetByTestId("convert-stage").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").GetByText("前期", new() { Exact = true }).ClickAsync();
        await Expect(Page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await Page.GetByTestId("convert-submit").ClickAsync();
        await Expect(Field("convert-townCode")).ToContainTextAsync("九位数字");
        Assert.Null((await lead.GetAsync()).ProjectCode);

        await FillAsync("convert-townCode", "440881102");
        await Page.GetByTestId("convert-submit").ClickAsync();
        await Expect(Page.GetByTestId("lead-project")).ToBeVisibleAsync();
        var converted = await lead.GetAsync();
        Assert.Equal("440881102", converted.TownCode);
        await Expect(Page.GetByTestId("lead-project")).ToHaveTextAsync(converted.ProjectCode!);
        var project = await Platform.Grains.GetGrain<Liandong.Reporting.IProjectGrain>(converted.ProjectCode!).GetAsync(Liandong.Reporting.PeriodQuery.Latest);
        Assert.Equal((12_000m, Liandong.Reporting.ProjectCategory.Industry), (project.Profile.TotalInvestment, project.Profile.Category));
    }
}
