using System.Text.RegularExpressions;
using Liandong.Tenders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liandong.Portal.Tests;

/// <summary>Tender supervision in a real browser: the inspector reviews an alert; a county officer does not see it.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TenderBrowserTests(PlatformFixture platform, BrowserFixture browser) : BrowserTest(platform, browser)
{
    private async Task<string> WindowAlertIdAsync()
    {
        var (flags, _) = await Platform.Grains.GetGrain<IIntegrityGrain>("440800").GetFlagsAsync();
        return flags.Single(f => f.Indicator == "CN-window" && f.Finding.TenderId == "WC-T-101").Id;
    }

    [Fact]
    public async Task TheInspectorLandsOnTheAlertsFiltersThemAndReviewsOne()
    {
        var id = await WindowAlertIdAsync();
        await Session.SignInAsync("inspector.demo");

        await Expect(Page).ToHaveURLAsync(new Regex("/integrity$"));
        await Expect(Page.GetByTestId("page-title")).ToContainTextAsync("招投标廉政风险预警");
        await Session.WaitInteractiveAsync();
        await Page.GetByTestId("filter-indicator").SelectOptionAsync("CN-serialWinner");
        await Expect(Page.Locator("[data-testid=alert-table] tbody tr")).ToHaveCountAsync(1);
        await Expect(Page.Locator("[data-testid=alert-table] tbody tr").First).ToHaveAttributeAsync("data-indicator", "CN-serialWinner");
        await Page.GetByTestId("filter-indicator").SelectOptionAsync("CN-window");
        // Other browser tests in the shared Platform record tenders of their own with a short window: pick this alert's row.
        await Expect(Page.Locator("[data-testid=alert-table] tbody tr").First).ToHaveAttributeAsync("data-indicator", "CN-window");
        await Page.Locator($"[data-testid=alert-table] a.row-link[href='/integrity/alerts/{id}']").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex($"/integrity/alerts/{id}$"));
        await Expect(Page.GetByTestId("evidence")).ToContainTextAsync("15");
        await Expect(Page.GetByTestId("basis")).ToContainTextAsync("第二十四条");
        await Session.WaitInteractiveAsync();
        await Page.GetByTestId("review-outcome").SelectOptionAsync("Confirmed");
        await Page.GetByTestId("review-note").FillAsync("投标期仅15日，已责令招标人说明情况（演示）");
        await Page.GetByTestId("review-note").PressAsync("Tab");
        await Page.GetByTestId("review-submit").ClickAsync();

        await Expect(Page.GetByTestId("alert-status")).ToHaveTextAsync("属实");
        await Expect(Page.GetByTestId("reviews")).ToContainTextAsync("inspector.demo");
        var flag = await Platform.Grains.GetGrain<IIntegrityGrain>("440800").GetFlagAsync(id);
        Assert.Equal(FlagStatus.Confirmed, flag.Status);
        Assert.Equal("inspector.demo", flag.Reviews[^1].By);

        // The process page: its timeline against the legal windows and its bidders.
        await Page.GotoAsync("/tenders/WC-T-101");
        await Expect(Page.Locator("[data-testid=timeline] tr.row-breach[data-step=CN-window]")).ToHaveCountAsync(1);
        await Expect(Page.Locator("[data-testid=bidders] tbody tr")).ToHaveCountAsync(3);
        await Page.GotoAsync("/integrity/coverage");
        await Expect(Page.Locator("[data-testid=coverage] tr[data-indicator=R024]")).ToContainTextAsync("n=");
        await Expect(Page.Locator("[data-testid=coverage] tr[data-indicator=R030]")).ToContainTextAsync("同一日内");
    }

    [Fact]
    public async Task ACountyOfficerSeesTheProjectsProcessesButNoAlertAndNoBidder()
    {
        var id = await WindowAlertIdAsync();
        await Session.SignInAsync("wuchuan.officer");

        await Page.GotoAsync($"/integrity/alerts/{id}");
        await Expect(Page.GetByTestId("failure")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("evidence")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("review-form")).ToHaveCountAsync(0);

        await Page.GotoAsync("/integrity");
        await Expect(Page.GetByTestId("failure")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("alert-table")).ToHaveCountAsync(0);

        await Page.GotoAsync("/tenders/WC-T-101");
        await Expect(Page.GetByTestId("failure")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("bidders")).ToHaveCountAsync(0);

        await Page.GotoAsync("/projects/2022-440883-48-01-397770");
        await Expect(Page.GetByTestId("project-tenders")).ToContainTextAsync("空港大道二标段路基工程");
        await Expect(Page.Locator("[data-testid=project-tenders] tbody a")).ToHaveCountAsync(0); // no process page; the .xlsx link is in the title
        await Expect(Page.GetByTestId("nav-integrity")).ToHaveCountAsync(0);
    }
}
