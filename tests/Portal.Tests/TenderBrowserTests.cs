using System.Text.RegularExpressions;
using Liandong.Tenders;
using Microsoft.Playwright;

namespace Liandong.Portal.Tests;

/// <summary>Tender supervision in a real browser: the inspector reviews an alert; a county officer does not see it.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TenderBrowserTests(PlatformFixture platform, BrowserFixture browser) : IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = platform.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Locale = "zh-CN",
        });
        _context.SetDefaultTimeout(20_000);
        _page = await _context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            await _page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "failed-" + TestContext.Current.TestMethod?.MethodName + ".png"),
                FullPage = true,
            });
        }

        await _context.DisposeAsync();
    }

    private async Task<string> WindowAlertIdAsync()
    {
        var (flags, _) = await platform.Grains.GetGrain<IIntegrityGrain>("440800").GetFlagsAsync();
        return flags.Single(f => f.Indicator == "CN-window" && f.Finding.TenderId == "WC-T-101").Id;
    }

    [Fact]
    public async Task TheInspectorLandsOnTheAlertsFiltersThemAndReviewsOne()
    {
        var id = await WindowAlertIdAsync();
        await SignInAsync("inspector.demo");

        await Expect(_page).ToHaveURLAsync(new Regex("/integrity$"));
        await Expect(_page.GetByTestId("page-title")).ToContainTextAsync("招投标廉政风险预警");
        await WaitInteractiveAsync();
        await _page.GetByTestId("filter-indicator").SelectOptionAsync("CN-serialWinner");
        await Expect(_page.Locator("[data-testid=alert-table] tbody tr")).ToHaveCountAsync(1);
        await Expect(_page.Locator("[data-testid=alert-table] tbody tr").First).ToHaveAttributeAsync("data-indicator", "CN-serialWinner");
        await _page.GetByTestId("filter-indicator").SelectOptionAsync("CN-window");
        await _page.Locator("[data-testid=alert-table] a.row-link").First.ClickAsync();

        await Expect(_page).ToHaveURLAsync(new Regex($"/integrity/alerts/{id}$"));
        await Expect(_page.GetByTestId("evidence")).ToContainTextAsync("15");
        await Expect(_page.GetByTestId("basis")).ToContainTextAsync("第二十四条");
        await WaitInteractiveAsync();
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
        await SignInAsync("wuchuan.officer");

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
        await Expect(_page.Locator("[data-testid=project-tenders] a")).ToHaveCountAsync(0);
        await Expect(_page.GetByTestId("nav-integrity")).ToHaveCountAsync(0);
    }

    private async Task SignInAsync(string username)
    {
        await _page.GotoAsync("/login");
        await _page.GetByTestId("login-username").FillAsync(username);
        await _page.GetByTestId("login-password").FillAsync("demo");
        await _page.GetByTestId("login-submit").ClickAsync();
        await _page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
    }

    private Task WaitInteractiveAsync() =>
        Expect(_page.Locator(".mud-layout[data-interactive='true']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
