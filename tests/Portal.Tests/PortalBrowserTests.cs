extern alias silo;

using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Liandong.Client.Portal;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liandong.Portal.Tests;

/// <summary>The portal in a real browser: sign in, overview, drill-down, a report through the form, English.</summary>
[Collection(PlatformCollection.Name)]
public sealed partial class PortalBrowserTests(PlatformFixture platform, BrowserFixture browser) : IAsyncLifetime
{
    private static readonly CultureInfo Zh = new("zh-CN");
    private static readonly CultureInfo En = new("en");

    private BrowserSession _session = null!;
    private IPage _page = null!;

    public async ValueTask InitializeAsync()
    {
        _session = await BrowserSession.OpenAsync(platform, browser);
        _page = _session.Page;
    }

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task TheCityAdminSignsInAndSeesTheCityOverviewInChineseWithTheRolledUpNumbers()
    {
        await _session.SignInAsync("city.admin");

        // The command office lands on its city, or on its work list when another test left it work (a city-level lead).
        await Expect(_page).ToHaveURLAsync(new Regex("/(cities/440800|tasks)$"));
        if (_page.Url.EndsWith("/tasks", StringComparison.Ordinal))
        {
            await _page.GotoAsync("/cities/440800");
        }

        await Expect(_page.GetByTestId("page-title")).ToContainTextAsync("湛江市");
        var totals = (await platform.Grains.GetGrain<ICityGrain>("440800").GetOverviewAsync(PeriodQuery.Latest)).Totals;
        await Expect(_page.GetByTestId("kpi-completed")).ToHaveTextAsync(Formatting.Money(totals.CompletedYtd, Zh));
        await Expect(_page.GetByTestId("kpi-projects")).ToHaveTextAsync(totals.ProjectCount.ToString(CultureInfo.InvariantCulture));
        await Expect(_page.Locator("[data-testid=child-table] a.row-link")).ToHaveCountAsync(9);
        await Expect(_page.GetByText("各县（市、区）完成情况")).ToBeVisibleAsync();
        await Expect(_page.GetByTestId("trend-chart").Locator("svg")).ToBeVisibleAsync();
        await ShotAsync("01-city-overview");
    }

    [Fact]
    public async Task TheCityAdminClicksThroughFromTheCityToACountyATownAndAProject()
    {
        await _session.SignInAsync("city.admin", pastLanding: true);
        await _page.GotoAsync("/cities/440800");
        await _session.WaitInteractiveAsync();

        await _page.Locator("[data-testid=child-table] a[data-code='440883']").ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/counties/440883"));
        await Expect(_page.GetByTestId("page-title")).ToContainTextAsync("吴川市");
        await Expect(_page.GetByTestId("crumbs")).ToContainTextAsync("湛江市");
        await ShotAsync("02-county");

        await _page.Locator("[data-testid=child-table] a[data-code='440883107']").ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/towns/440883107"));
        await Expect(_page.GetByTestId("page-title")).ToContainTextAsync("塘㙍镇");
        await ShotAsync("03-town");

        await _page.Locator("[data-testid=project-table] a[data-code='2023-440883-48-01-000123']").ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/projects/2023-440883-48-01-000123"));
        await Expect(_page.GetByTestId("page-title")).ToContainTextAsync("湛江空港经济区起步区");
        await Expect(_page.GetByTestId("profile")).ToContainTextAsync("50.00亿元");
        await Expect(_page.GetByTestId("profile")).ToContainTextAsync("2022年3月1日");
        await Expect(_page.GetByTestId("report-history").Locator("tr[data-month='2023-05']")).ToBeVisibleAsync();
        await ShotAsync("04-project");
    }

    [Fact]
    public async Task TheCountyFiltersItsProjectsByLightAndFindsThemByName()
    {
        await _session.SignInAsync("wuchuan.officer");

        // Wuchuan has answered matters to confirm: it lands on its work list, the county page one click away.
        await Expect(_page).ToHaveURLAsync(new Regex("/tasks$"));
        await Expect(_page.GetByTestId("task-count")).ToContainTextAsync(new Regex("[1-9]"));
        await _page.GotoAsync("/counties/440883");
        await _session.WaitInteractiveAsync();
        await Expect(_page.Locator("[data-testid=project-table] a.row-link").First).ToBeVisibleAsync();
        var all = await _page.Locator("[data-testid=project-table] a.row-link").CountAsync();

        await _page.GetByTestId("filter-search").FillAsync("烤鱼");

        await Expect(_page.Locator("[data-testid=project-table] a.row-link")).ToHaveCountAsync(2);
        await Expect(_page.Locator("[data-testid=project-table]")).ToContainTextAsync("吴川烤鱼产业园");
        Assert.True(all >= 20, $"the county lists {all} projects");
    }

    [Fact]
    public async Task AReportSubmittedThroughTheFormChangesTheCountyTotal()
    {
        const string project = "2022-440883-44-02-035746"; // 空港经济区220千伏输变电工程, 塘㙍镇
        await _session.SignInAsync("wuchuan.officer");
        await _page.GotoAsync("/counties/440883?year=2023&month=6");
        var before = (await platform.Grains.GetGrain<ICountyGrain>("440883").GetOverviewAsync(new PeriodQuery(2023, 6))).Totals.CompletedYtd;
        await Expect(_page.GetByTestId("kpi-completed")).ToHaveTextAsync(Formatting.Money(before, Zh));

        await _page.GotoAsync($"/projects/{project}");
        await _session.WaitInteractiveAsync();
        await Expect(Field("report-month")).ToContainTextAsync("6月");
        await _page.GetByTestId("report-investment").FillAsync("4321.5");
        await _page.GetByTestId("report-progress").FillAsync("55");
        await _page.GetByTestId("report-image").FillAsync("铁塔组立完成");
        await _page.GetByTestId("report-image").PressAsync("Tab");
        await _page.GetByTestId("report-submit").ClickAsync();
        await Expect(_page.GetByTestId("report-history").Locator("tr[data-month='2023-06']")).ToContainTextAsync("4,321.5万元");
        await ShotAsync("05-report-submitted");

        // The roll-up is asynchronous (project → town → county): the page shows the new total once it arrives.
        var expected = Formatting.Money(before + 4321.5m, Zh);
        await RetryAsync(async () =>
        {
            await _page.GotoAsync("/counties/440883?year=2023&month=6");
            return await _page.GetByTestId("kpi-completed").TextContentAsync() == expected;
        });
        await Expect(_page.GetByTestId("kpi-completed")).ToHaveTextAsync(expected);
        var history = await platform.Grains.GetGrain<IProjectGrain>(project).GetAsync(PeriodQuery.Latest);
        Assert.Equal("wuchuan.officer", history.Reports.Single(r => r.Year == 2023 && r.Month == 6).SubmittedBy);
    }

    [Fact]
    public async Task TheFormShowsTheApisFieldErrorAndTheGrainsRefusalOnTheirFields()
    {
        const string project = "2022-440883-47-01-241292"; // starts 2023-03-01
        await _session.SignInAsync("city.admin");
        await _page.GotoAsync($"/projects/{project}");
        await _session.WaitInteractiveAsync();
        var version = (await platform.Grains.GetGrain<IProjectGrain>(project).GetAsync(PeriodQuery.Latest)).Version;

        // Investment left empty: the same check as the API's, before anything is sent.
        await SelectAsync("report-year", "2023");
        await SelectAsync("report-month", "1月");
        await _page.GetByTestId("report-investment").FillAsync("");
        await _page.GetByTestId("report-submit").ClickAsync();
        await Expect(Field("report-investment")).ToContainTextAsync("请填写本月完成投资");

        // January is before the project's start: the grain refuses and names the month.
        await _page.GetByTestId("report-investment").FillAsync("100");
        await _page.GetByTestId("report-investment").PressAsync("Tab");
        await _page.GetByTestId("report-submit").ClickAsync();
        await Expect(Field("report-month")).ToContainTextAsync("未通过校验");
        await ShotAsync("06-report-refused");

        Assert.Equal(version, (await platform.Grains.GetGrain<IProjectGrain>(project).GetAsync(PeriodQuery.Latest)).Version);
    }

    [Fact]
    public async Task TheLanguageSwitchTurnsThePortalIntoEnglishAndBack()
    {
        await _session.SignInAsync("city.admin", pastLanding: true);
        await _page.GotoAsync("/cities/440800");
        await _session.WaitInteractiveAsync();

        await _page.GetByTestId("lang-en").ClickAsync();

        await Expect(_page.Locator(".panel-title").Filter(new() { HasText = "Counties" })).ToBeVisibleAsync();
        await Expect(_page.GetByTestId("nav-overview")).ToContainTextAsync("City overview");
        var totals = (await platform.Grains.GetGrain<ICityGrain>("440800").GetOverviewAsync(PeriodQuery.Latest)).Totals;
        await Expect(_page.GetByTestId("kpi-completed")).ToHaveTextAsync(Formatting.Money(totals.CompletedYtd, En));
        await ShotAsync("07-city-overview-en");

        await _session.WaitInteractiveAsync();
        await _page.GetByTestId("lang-zh").ClickAsync();
        await Expect(_page.GetByTestId("nav-overview")).ToContainTextAsync("全市总览");
    }

    [Fact]
    public async Task ABankOfficerLandsOnItsInboxAndOpensARequestRoutedToIt()
    {
        await _session.SignInAsync("bank.icbc");

        // With offers to make it lands on its work list (待办), else on its inbox; the inbox is one click away.
        await Expect(_page).ToHaveURLAsync(new Regex("/(tasks|banks/icbc-zhanjiang)$"));
        await _page.GotoAsync("/banks/icbc-zhanjiang");
        await Expect(_page.GetByTestId("page-title")).ToContainTextAsync("中国工商银行湛江分行");
        await Expect(_page.GetByTestId("inbox")).ToContainTextAsync("FR-2023-WC-001");
        await ShotAsync("09-bank-inbox");

        await _page.GetByTestId("inbox").GetByRole(AriaRole.Link, new() { Name = "FR-2023-WC-001" }).ClickAsync();
        await Expect(_page.GetByTestId("page-title")).ToContainTextAsync("FR-2023-WC-001");
        await Expect(_page.GetByTestId("offers")).ToContainTextAsync("8,000万元");
        await ShotAsync("10-financing");

        await _page.GotoAsync("/banks/ccb-zhanjiang");
        await Expect(_page.GetByTestId("failure")).ToContainTextAsync("不在您的管辖范围内");
    }

    [Fact]
    public async Task AProjectOwnerLandsOnItsEnterpriseAndSeesOnlyItsOwnProjects()
    {
        await _session.SignInAsync("owner.demo");

        await Expect(_page).ToHaveURLAsync(new Regex("/(tasks$|enterprises/)"));
        await _page.GotoAsync(PortalLinks.Enterprise(silo::Liandong.Silo.Demo.UsersDemo.ParkEnterprise));
        await Expect(_page.GetByTestId("owned-projects")).ToContainTextAsync("湛江产业转移工业园吴川园区基础设施（一期）");
        await ShotAsync("11-enterprise");

        await _page.GotoAsync("/projects/2021-440883-19-03-004374");
        await Expect(_page.GetByTestId("failure")).ToBeVisibleAsync();
        await _page.GotoAsync("/counties/440883");
        await Expect(_page.GetByTestId("failure")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheCountyPageShowsItsFinancingAndFactorNeeds()
    {
        await _session.SignInAsync("wuchuan.officer");
        await _page.GotoAsync("/counties/440883");

        await Expect(_page.GetByTestId("finance-panel")).ToContainTextAsync("FR-2023-WC-001");
        var finance = (await platform.Grains.GetGrain<ICountyGrain>("440883").GetOverviewAsync(PeriodQuery.Latest)).Finance;
        await Expect(_page.GetByTestId("finance-accepted")).ToHaveTextAsync(Formatting.Money(finance.Accepted, Zh));
        await Expect(_page.GetByTestId("factor-counts")).ToContainTextAsync("市自然资源局");
    }

    [Fact]
    public async Task ADepartmentAnswersAMatterAssignedToIt()
    {
        var id = CoordinationIds.New(CoordinationIds.Matter);
        await platform.Grains.GetGrain<IMatterGrain>(id).RaiseAsync(new MatterDraft("关于浏览器测试项目用地报批的事项", "测试：请市自然资源局答复。", "440883",
            "2023-440883-48-01-000123", "440800", ["440800-zrzyj", "440800-jtysj"], new DateOnly(2099, 12, 31)), "wuchuan.officer");
        await _session.SignInAsync("dept.zrzyj");

        // A department with matters to answer lands on its work list (待办), the new matter in it.
        await Expect(_page).ToHaveURLAsync(new Regex("/tasks$"));
        await Expect(_page.Locator($"[data-testid=task-table] tr[data-kind='matter.answer'][data-id='{id}']")).ToBeVisibleAsync();
        await _page.GotoAsync("/matters");
        await Expect(_page.Locator($"[data-testid=matter-table] tr[data-matter='{id}']")).ToBeVisibleAsync();
        await ShotAsync("12-matters-board");

        await _page.Locator($"[data-testid=matter-table] tr[data-matter='{id}'] a").ClickAsync();
        await _session.WaitInteractiveAsync();
        await Expect(_page.GetByTestId("answer-form")).ToHaveCountAsync(1);
        await _page.GetByTestId("answer-text").FillAsync("已纳入年度用地计划统筹保障，指导分批组卷报批。");
        await _page.GetByTestId("answer-text").PressAsync("Tab");
        await _page.GetByTestId("answer-submit").ClickAsync();

        await Expect(_page.Locator("[data-department='440800-zrzyj'] .answer-text")).ToContainTextAsync("已纳入年度用地计划统筹保障");
        await ShotAsync("13-matter-answered");
        var matter = await platform.Grains.GetGrain<IMatterGrain>(id).GetAsync();
        Assert.Equal("dept.zrzyj", matter.Departments.Single(d => d.Id == "440800-zrzyj").AnsweredBy);
        Assert.True(matter.Departments.Single(d => d.Id == "440800-jtysj").Pending);
    }

    [Fact]
    public async Task TheMeetingShowsTheCountysFrozenReportItsMattersAndTheMinutes()
    {
        await _session.SignInAsync("wuchuan.officer");
        await _page.GotoAsync("/counties/440883");
        await Expect(_page.GetByTestId("meetings-panel")).ToContainTextAsync("现场办公会");

        // The demo's meeting (the work-list walk opens another one at Wuchuan on the same day).
        await _page.GetByTestId("meetings-panel").Locator("a.row-link", new() { HasText = "督导" }).First.ClickAsync();

        await Expect(_page.GetByTestId("page-title")).ToContainTextAsync("现场办公会");
        await Expect(_page.GetByTestId("kpis")).ToBeVisibleAsync();
        await Expect(_page.GetByTestId("matter-table")).ToContainTextAsync("新增建设用地指标");
        await Expect(_page.GetByTestId("minutes")).ToContainTextAsync("纪要");
        await ShotAsync("14-meeting");
    }

    [Fact]
    public async Task AWuchuanOfficerOpeningLianjiangSeesARefusalAndNoFigures()
    {
        await _session.SignInAsync("wuchuan.officer");

        await _page.GotoAsync("/counties/440881");

        await Expect(_page.GetByTestId("failure")).ToContainTextAsync("不在您的管辖范围内");
        await Expect(_page.GetByTestId("kpis")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AWrongPasswordKeepsTheLoginPageWithAMessage()
    {
        await _page.GotoAsync("/login");
        await _page.GetByTestId("login-username").FillAsync("city.admin");
        await _page.GetByTestId("login-password").FillAsync("not-the-password");
        await _page.GetByTestId("login-submit").ClickAsync();

        await Expect(_page.GetByTestId("login-error")).ToContainTextAsync("用户名或密码错误");
        await Expect(_page).ToHaveURLAsync(new Regex("/login"));
        await ShotAsync("00-login");
    }

    [Fact]
    public async Task APageNeedsSignInAndSignOutEndsTheSession()
    {
        await _page.GotoAsync("/cities/440800");
        await Expect(_page).ToHaveURLAsync(new Regex("/login"));

        await _session.SignInAsync("city.admin");
        await _session.WaitInteractiveAsync();
        await _page.GetByTestId("sign-out").ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex("/login"));

        await _page.GotoAsync("/cities/440800");
        await Expect(_page).ToHaveURLAsync(new Regex("/login"));
    }

    [Fact]
    public async Task TheCityAdminAddsAUserWhoCanThenSignIn()
    {
        await _session.SignInAsync("city.admin");
        await _page.GotoAsync("/admin/users");
        await _session.WaitInteractiveAsync();

        await _page.GetByTestId("user-username").FillAsync("huangpo.officer");
        await _page.GetByTestId("user-display").FillAsync("黄坡镇人民政府");
        await SelectAsync("user-role", "镇级用户");
        await _page.GetByTestId("user-jurisdiction").FillAsync("440883109");
        await _page.GetByTestId("user-password").FillAsync("huangpo-2023");
        await _page.GetByTestId("user-password").PressAsync("Tab");
        await _page.GetByTestId("user-submit").ClickAsync();

        await Expect(_page.Locator("[data-testid=user-table] tr[data-username='huangpo.officer']")).ToContainTextAsync("440883109");
        await ShotAsync("08-users");

        await _page.GetByTestId("sign-out").ClickAsync();
        await _session.SignInAsync("huangpo.officer", "huangpo-2023");
        await Expect(_page).ToHaveURLAsync(new Regex("/towns/440883109$"));
        await Expect(_page.GetByTestId("page-title")).ToContainTextAsync("黄坡镇");
    }

    [Fact]
    public async Task ThePortalRunsUnderItsContentSecurityPolicyAndALeaderSeesNoFinancingList()
    {
        var console = new List<string>();
        _page.Console += (_, message) => console.Add(message.Text);
        _page.PageError += (_, error) => console.Add(error);

        await _session.SignInAsync("leader.secretary");
        await _page.GotoAsync("/counties/440883");
        await _session.WaitInteractiveAsync();
        await Expect(_page.GetByTestId("page-title")).ToContainTextAsync("吴川市");

        await Expect(_page.GetByTestId("finance-panel")).ToHaveCountAsync(0);
        Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Contains("Refused to", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOpenPageOfAnAccountThatIsDisabledFallsBackToTheSignInPage()
    {
        using var admin = await platform.SignedInAsync("city.admin");
        var created = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            username = "browser.disabled", displayName = "将被停用", role = "countyOfficer", jurisdiction = "440881", password = "lianjiang-2023",
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        await _session.SignInAsync("browser.disabled", "lianjiang-2023");
        await _page.GotoAsync("/counties/440881"); // Lianjiang may have work waiting: the landing is then its work list
        await Expect(_page).ToHaveURLAsync(new Regex("/counties/440881$"));
        await _session.WaitInteractiveAsync();

        var disabled = await admin.PutAsJsonAsync("/api/v1/users/browser.disabled/disabled", new { disabled = true });

        Assert.Equal(System.Net.HttpStatusCode.OK, disabled.StatusCode);
        await Expect(_page).ToHaveURLAsync(new Regex("/login"), new() { Timeout = 45_000 });
    }

    /// <summary>Picks an item of a MudSelect by its text.</summary>
    private async Task SelectAsync(string testId, string item)
    {
        await _page.GetByTestId(testId).ClickAsync();
        await _page.Locator(".mud-popover-open .mud-list-item").GetByText(item, new() { Exact = true }).ClickAsync();
        await Expect(_page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }

    /// <summary>A MudBlazor field around an input: where its label, value and error text are.</summary>
    private ILocator Field(string testId) => _session.Field(testId);

    private Task ShotAsync(string name) => _session.ShotAsync(name);

    private static async Task RetryAsync(Func<Task<bool>> attempt)
    {
        for (var i = 0; i < 40; i++)
        {
            if (await attempt())
            {
                return;
            }

            await Task.Delay(500);
        }
    }
}
