using System.Text.RegularExpressions;
using Liandong.Tenders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liandong.Portal.Tests;

/// <summary>Tender supervision in a real browser: the inspector reviews an alert; a county officer does not see it.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TenderBrowserTests(PlatformFixture platform, BrowserFixture browser) : IAsyncLifetime
{
    private BrowserSession _session = null!;
    private IPage _page = null!;

    public async ValueTask InitializeAsync()
    {
        _session = await BrowserSession.OpenAsync(platform, browser);
        _page = _session.Page;
    }

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    private async Task<string> WindowAlertIdAsync()
    {
        var (flags, _) = await platform.Grains.GetGrain<IIntegrityGrain>("440800").GetFlagsAsync();
        return flags.Single(f => f.Indicator == "CN-window" && f.Finding.TenderId == "WC-T-101").Id;
    }

    [Fact]
    public async Task TheInspectorLandsOnTheAlertsFiltersThemAndReviewsOne()
    {
        var id = await WindowAlertIdAsync();
        await _session.SignInAsync("inspector.demo");

        await Expect(_page).ToHaveURLAsync(new Regex("/integrity$"));
        await Expect(_page.GetByTestId("page-title")).ToContainTextAsync("招投标廉政风险预警");
        await _session.WaitInteractiveAsync();
        await _page.GetByTestId("filter-indicator").SelectOptionAsync("CN-serialWinner");
        await Expect(_page.Locator("[data-testid=alert-table] tbody tr")).ToHaveCountAsync(1);
        await Expect(_page.Locator("[data-testid=alert-table] tbody tr").First).ToHaveAttributeAsync("data-indicator", "CN-serialWinner");
        await _page.GetByTestId("filter-indicator").SelectOptionAsync("CN-window");
        // Other browser tests in the shared platform record tenders of their own with a short window: pick this alert's row.
        await Expect(_page.Locator("[data-testid=alert-table] tbody tr").First).ToHaveAttributeAsync("data-indicator", "CN-window");
        await _page.Locator($"[data-testid=alert-table] a.row-link[href='/integrity/alerts/{id}']").ClickAsync();

        await Expect(_page).ToHaveURLAsync(new Regex($"/integrity/alerts/{id}$"));
        await Expect(_page.GetByTestId("evidence")).ToContainTextAsync("15");
        await Expect(_page.GetByTestId("basis")).ToContainTextAsync("第二十四条");
        await _session.WaitInteractiveAsync();
        await _page.GetByTestId("review-outcome").SelectOptionAsync("Confirmed");
        await _page.GetByTestId("review-note").FillAsync("投标期仅15日，已责令招标人说明情况（演示）");
        await _page.GetByTestId("review-note").PressAsync("Tab");
        await _page.GetByTestId("review-submit").ClickAsync();

        await Expect(_page.GetByTestId("alert-status")).ToHaveTextAsync("属实");
        await Expect(_page.GetByTestId("reviews")).ToContainTextAsync("inspector.demo");
        var flag = await platform.Grains.GetGrain<IIntegrityGrain>("440800").GetFlagAsync(id);
        Assert.Equal(FlagStatus.Confirmed, flag.Status);
        Assert.Equal("inspector.demo", flag.Reviews[^1].By);

        // The process page: its timeline against the legal windows and its bidders.
        await _page.GotoAsync("/tenders/WC-T-101");
        await Expect(_page.Locator("[data-testid=timeline] tr.row-breach[data-step=CN-window]")).ToHaveCountAsync(1);
        await Expect(_page.Locator("[data-testid=bidders] tbody tr")).ToHaveCountAsync(3);
        await _page.GotoAsync("/integrity/coverage");
        await Expect(_page.Locator("[data-testid=coverage] tr[data-indicator=R024]")).ToContainTextAsync("n=");
        await Expect(_page.Locator("[data-testid=coverage] tr[data-indicator=R030]")).ToContainTextAsync("同一日内");
    }

    [Fact]
    public async Task ACountyOfficerSeesTheProjectsProcessesButNoAlertAndNoBidder()
    {
        var id = await WindowAlertIdAsync();
        await _session.SignInAsync("wuchuan.officer");

        await _page.GotoAsync($"/integrity/alerts/{id}");
        await Expect(_page.GetByTestId("failure")).ToBeVisibleAsync();
        await Expect(_page.GetByTestId("evidence")).ToHaveCountAsync(0);
        await Expect(_page.GetByTestId("review-form")).ToHaveCountAsync(0);

        await _page.GotoAsync("/integrity");
        await Expect(_page.GetByTestId("failure")).ToBeVisibleAsync();
        await Expect(_page.GetByTestId("alert-table")).ToHaveCountAsync(0);

        await _page.GotoAsync("/tenders/WC-T-101");
        await Expect(_page.GetByTestId("failure")).ToBeVisibleAsync();
        await Expect(_page.GetByTestId("bidders")).ToHaveCountAsync(0);

        await _page.GotoAsync("/projects/2022-440883-48-01-397770");
        await Expect(_page.GetByTestId("project-tenders")).ToContainTextAsync("空港大道二标段路基工程");
        await Expect(_page.Locator("[data-testid=project-tenders] tbody a")).ToHaveCountAsync(0); // no process page; the .xlsx link is in the title
        await Expect(_page.GetByTestId("nav-integrity")).ToHaveCountAsync(0);
    }
}
