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
public sealed partial class PortalBrowserTests(PlatformFixture platform, BrowserFixture browser) : BrowserTest(platform, browser)
{
    private static readonly CultureInfo Zh = new("zh-CN");
    private static readonly CultureInfo En = new("en");

    [Fact]
    public async Task TheCityAdminSignsInAndSeesTheCityOverviewInChineseWithTheRolledUpNumbers()
    {
        await Session.SignInAsync("city.admin");

        // The command office lands on its city, or on its work list when another test left it work (a city-level lead).
        await Expect(Page).ToHaveURLAsync(new Regex("/(cities/440800|tasks)$"));
        if (Page.Url.EndsWith("/tasks", StringComparison.Ordinal))
        {
            await Page.GotoAsync("/cities/440800");
        }

        await Expect(Page.GetByTestId("page-title")).ToContainTextAsync("湛江市");
        var totals = (await Platform.Grains.GetGrain<ICityGrain>("440800").GetOverviewAsync(PeriodQuery.Latest)).Totals;
        await Expect(Page.GetByTestId("kpi-completed")).ToHaveTextAsync(Formatting.Money(totals.CompletedYtd, Zh));
        await Expect(Page.GetByTestId("kpi-projects")).ToHaveTextAsync(totals.ProjectCount.ToString(CultureInfo.InvariantCulture));
        await Expect(Page.Locator("[data-testid=child-table] a.row-link")).ToHaveCountAsync(9);
        await Expect(Page.GetByText("各县（市、区）完成情况")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("trend-chart").Locator("svg")).ToBeVisibleAsync();
        await ShotAsync("01-city-overview");
    }

    [Fact]
    public async Task TheCityAdminClicksThroughFromTheCityToACountyATownAndAProject()
    {
        await Session.SignInAsync("city.admin", pastLanding: true);
        await Page.GotoAsync("/cities/440800");
        await Session.WaitInteractiveAsync();

        await Page.Locator("[data-testid=child-table] a[data-code='440883']").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/counties/440883"));
        await Expect(Page.GetByTestId("page-title")).ToContainTextAsync("吴川市");
        await Expect(Page.GetByTestId("crumbs")).ToContainTextAsync("湛江市");
        await ShotAsync("02-county");

        await Page.Locator("[data-testid=child-table] a[data-code='440883107']").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/towns/440883107"));
        await Expect(Page.GetByTestId("page-title")).ToContainTextAsync("塘㙍镇");
        await ShotAsync("03-town");

        await Page.Locator("[data-testid=project-table] a[data-code='2023-440883-48-01-000123']").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/projects/2023-440883-48-01-000123"));
        await Expect(Page.GetByTestId("page-title")).ToContainTextAsync("湛江空港经济区起步区");
        await Expect(Page.GetByTestId("profile")).ToContainTextAsync("50.00亿元");
        await Expect(Page.GetByTestId("profile")).ToContainTextAsync("2022年3月1日");
        await Expect(Page.GetByTestId("report-history").Locator("tr[data-month='2023-05']")).ToBeVisibleAsync();
        await ShotAsync("04-project");
    }

    [Fact]
    public async Task TheCountyFiltersItsProjectsByLightAndFindsThemByName()
    {
        await Session.SignInAsync("wuchuan.officer");

        // Wuchuan has answered matters to confirm: it lands on its work list, the county page one click away.
        await Expect(Page).ToHaveURLAsync(new Regex("/tasks$"));
        await Expect(Page.GetByTestId("task-count")).ToContainTextAsync(new Regex("[1-9]"));
        await Page.GotoAsync("/counties/440883");
        await Session.WaitInteractiveAsync();
        await Expect(Page.Locator("[data-testid=project-table] a.row-link").First).ToBeVisibleAsync();
        var all = await Page.Locator("[data-testid=project-table] a.row-link").CountAsync();

        await Page.GetByTestId("filter-search").FillAsync("烤鱼");

        await Expect(Page.Locator("[data-testid=project-table] a.row-link")).ToHaveCountAsync(2);
        await Expect(Page.Locator("[data-testid=project-table]")).ToContainTextAsync("吴川烤鱼产业园");
        Assert.True(all >= 20, $"the county lists {all} projects");
    }

    [Fact]
    public async Task AReportSubmittedThroughTheFormChangesTheCountyTotal()
    {
        const string project = "2022-440883-44-02-035746"; // 空港经济区220千伏输变电工程, 塘㙍镇
        await Session.SignInAsync("wuchuan.officer");
        await Page.GotoAsync("/counties/440883?year=2023&month=6");
        var before = (await Platform.Grains.GetGrain<ICountyGrain>("440883").GetOverviewAsync(new PeriodQuery(2023, 6))).Totals.CompletedYtd;
        await Expect(Page.GetByTestId("kpi-completed")).ToHaveTextAsync(Formatting.Money(before, Zh));

        await Page.GotoAsync($"/projects/{project}");
        await Session.WaitInteractiveAsync();
        await Expect(Field("report-month")).ToContainTextAsync("6月");
        await Page.GetByTestId("report-investment").FillAsync("4321.5");
        await Page.GetByTestId("report-progress").FillAsync("55");
        await Page.GetByTestId("report-image").FillAsync("铁塔组立完成");
        await Page.GetByTestId("report-image").PressAsync("Tab");
        await Page.GetByTestId("report-submit").ClickAsync();
        await Expect(Page.GetByTestId("report-history").Locator("tr[data-month='2023-06']")).ToContainTextAsync("4,321.5万元");
        await ShotAsync("05-report-submitted");

        // The roll-up is asynchronous (project → town → county): the page shows the new total once it arrives.
        var expected = Formatting.Money(before + 4321.5m, Zh);
        await RetryAsync(async () =>
        {
            await Page.GotoAsync("/counties/440883?year=2023&month=6");
            return await Page.GetByTestId("kpi-completed").TextContentAsync() == expected;
        });
        await Expect(Page.GetByTestId("kpi-completed")).ToHaveTextAsync(expected);
        var history = await Platform.Grains.GetGrain<IProjectGrain>(project).GetAsync(PeriodQuery.Latest);
        Assert.Equal("wuchuan.officer", history.Reports.Single(r => r.Year == 2023 && r.Month == 6).SubmittedBy);
    }

    [Fact]
    public async Task TheFormShowsTheApisFieldErrorAndTheGrainsRefusalOnTheirFields()
    {
        const string project = "2022-440883-47-01-241292"; // starts 2023-03-01
        await Session.SignInAsync("city.admin");
        await Page.GotoAsync($"/projects/{project}");
        await Session.WaitInteractiveAsync();
        var version = (await Platform.Grains.GetGrain<IProjectGrain>(project).GetAsync(PeriodQuery.Latest)).Version;

        // Investment left empty: the same check as the API's, before anything is sent.
        await SelectAsync("report-year", "2023");
        await SelectAsync("report-month", "1月");
        await Page.GetByTestId("report-investment").FillAsync("");
        await Page.GetByTestId("report-submit").ClickAsync();
        await Expect(Field("report-investment")).ToContainTextAsync("请填写本月完成投资");

        // January is before the project's start: the grain refuses and names the month.
        await Page.GetByTestId("report-investment").FillAsync("100");
        await Page.GetByTestId("report-investment").PressAsync("Tab");
        await Page.GetByTestId("report-submit").ClickAsync();
        await Expect(Field("report-month")).ToContainTextAsync("未通过校验");
        await ShotAsync("06-report-refused");

        Assert.Equal(version, (await Platform.Grains.GetGrain<IProjectGrain>(project).GetAsync(PeriodQuery.Latest)).Version);
    }

    [Fact]
    public async Task TheLanguageSwitchTurnsThePortalIntoEnglishAndBack()
    {
        await Session.SignInAsync("city.admin", pastLanding: true);
        await Page.GotoAsync("/cities/440800");
        await Session.WaitInteractiveAsync();

        await Page.GetByTestId("lang-en").ClickAsync();

        await Expect(Page.Locator(".panel-title").Filter(new() { HasText = "Counties" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("nav-overview")).ToContainTextAsync("City overview");
        var totals = (await Platform.Grains.GetGrain<ICityGrain>("440800").GetOverviewAsync(PeriodQuery.Latest)).Totals;
        await Expect(Page.GetByTestId("kpi-completed")).ToHaveTextAsync(Formatting.Money(totals.CompletedYtd, En));
        await ShotAsync("07-city-overview-en");

        await Session.WaitInteractiveAsync();
        await Page.GetByTestId("lang-zh").ClickAsync();
        await Expect(Page.GetByTestId("nav-overview")).ToContainTextAsync("全市总览");
    }

    [Fact]
    public async Task ABankOfficerLandsOnItsInboxAndOpensARequestRoutedToIt()
    {
        await Session.SignInAsync("bank.icbc");

        // With offers to make it lands on its work list (待办), else on its inbox; the inbox is one click away.
        await Expect(Page).ToHaveURLAsync(new Regex("/(tasks|banks/icbc-zhanjiang)$"));
        await Page.GotoAsync("/banks/icbc-zhanjiang");
        await Expect(Page.GetByTestId("page-title")).ToContainTextAsync("中国工商银行湛江分行");
        await Expect(Page.GetByTestId("inbox")).ToContainTextAsync("FR-2023-WC-001");
        await ShotAsync("09-bank-inbox");

        await Page.GetByTestId("inbox").GetByRole(AriaRole.Link, new() { Name = "FR-2023-WC-001" }).ClickAsync();
        await Expect(Page.GetByTestId("page-title")).ToContainTextAsync("FR-2023-WC-001");
        await Expect(Page.GetByTestId("offers")).ToContainTextAsync("8,000万元");
        await ShotAsync("10-financing");

        await Page.GotoAsync("/banks/ccb-zhanjiang");
        await Expect(Page.GetByTestId("failure")).ToContainTextAsync("不在您的管辖范围内");
    }

    [Fact]
    public async Task AProjectOwnerLandsOnItsEnterpriseAndSeesOnlyItsOwnProjects()
    {
        await Session.SignInAsync("owner.demo");

        await Expect(Page).ToHaveURLAsync(new Regex("/(tasks$|enterprises/)"));
        await Page.GotoAsync(PortalLinks.Enterprise(silo::Liandong.Silo.Demo.UsersDemo.ParkEnterprise));
        await Expect(Page.GetByTestId("owned-projects")).ToContainTextAsync("湛江产业转移工业园吴川园区基础设施（一期）");
        await ShotAsync("11-enterprise");

        await Page.GotoAsync("/projects/2021-440883-19-03-004374");
        await Expect(Page.GetByTestId("failure")).ToBeVisibleAsync();
        await Page.GotoAsync("/counties/440883");
        await Expect(Page.GetByTestId("failure")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheCountyPageShowsItsFinancingAndFactorNeeds()
    {
        await Session.SignInAsync("wuchuan.officer");
        await Page.GotoAsync("/counties/440883");

        await Expect(Page.GetByTestId("finance-panel")).ToContainTextAsync("FR-2023-WC-001");
        var finance = (await Platform.Grains.GetGrain<ICountyGrain>("440883").GetOverviewAsync(PeriodQuery.Latest)).Finance;
        await Expect(Page.GetByTestId("finance-accepted")).ToHaveTextAsync(Formatting.Money(finance.Accepted, Zh));
        await Expect(Page.GetByTestId("factor-counts")).ToContainTextAsync("市自然资源局");
    }

    [Fact]
    public async Task ADepartmentAnswersAMatterAssignedToIt()
    {
        var id = CoordinationIds.New(CoordinationIds.Matter);
        await Platform.Grains.GetGrain<IMatterGrain>(id).RaiseAsync(new MatterDraft("关于浏览器测试项目用地报批的事项", "测试：请市自然资源局答复。", "440883",
            "2023-440883-48-01-000123", "440800", ["440800-zrzyj", "440800-jtysj"], new DateOnly(2099, 12, 31)), "wuchuan.officer");
        await Session.SignInAsync("dept.zrzyj");

        // A department with matters to answer lands on its work list (待办), the new matter in it.
        await Expect(Page).ToHaveURLAsync(new Regex("/tasks$"));
        await Expect(Page.Locator($"[data-testid=task-table] tr[data-kind='matter.answer'][data-id='{id}']")).ToBeVisibleAsync();
        await Page.GotoAsync("/matters");
        await Expect(Page.Locator($"[data-testid=matter-table] tr[data-matter='{id}']")).ToBeVisibleAsync();
        await ShotAsync("12-matters-board");

        await Page.Locator($"[data-testid=matter-table] tr[data-matter='{id}'] a").ClickAsync();
        await Session.WaitInteractiveAsync();
        await Expect(Page.GetByTestId("answer-form")).ToHaveCountAsync(1);
        await Page.GetByTestId("answer-text").FillAsync("已纳入年度用地计划统筹保障，指导分批组卷报批。");
        await Page.GetByTestId("answer-text").PressAsync("Tab");
        await Page.GetByTestId("answer-submit").ClickAsync();

        await Expect(Page.Locator("[data-department='440800-zrzyj'] .answer-text")).ToContainTextAsync("已纳入年度用地计划统筹保障");
        await ShotAsync("13-matter-answered");
        var matter = await Platform.Grains.GetGrain<IMatterGrain>(id).GetAsync();
        Assert.Equal("dept.zrzyj", matter.Departments.Single(d => d.Id == "440800-zrzyj").AnsweredBy);
        Assert.True(matter.Departments.Single(d => d.Id == "440800-jtysj").Pending);
    }

    [Fact]
    public async Task TheMeetingShowsTheCountysFrozenReportItsMattersAndTheMinutes()
    {
        await Session.SignInAsync("wuchuan.officer");
        await Page.GotoAsync("/counties/440883");
        await Expect(Page.GetByTestId("meetings-panel")).ToContainTextAsync("现场办公会");

        // The demo's meeting (the work-list walk opens another one at Wuchuan on the same day).
        await Page.GetByTestId("meetings-panel").Locator("a.row-link", new() { HasText = "督导" }).First.ClickAsync();

        await Expect(Page.GetByTestId("page-title")).ToContainTextAsync("现场办公会");
        await Expect(Page.GetByTestId("kpis")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("matter-table")).ToContainTextAsync("新增建设用地指标");
        await Expect(Page.GetByTestId("minutes")).ToContainTextAsync("纪要");
        await ShotAsync("14-meeting");
    }

    [Fact]
    public async Task AWuchuanOfficerOpeningLianjiangSeesARefusalAndNoFigures()
    {
        await Session.SignInAsync("wuchuan.officer");

        await Page.GotoAsync("/counties/440881");

        await Expect(Page.GetByTestId("failure")).ToContainTextAsync("不在您的管辖范围内");
        await Expect(Page.GetByTestId("kpis")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AWrongPasswordKeepsTheLoginPageWithAMessage()
    {
        await Page.GotoAsync("/login");
        await Page.GetByTestId("login-username").FillAsync("city.admin");
        await Page.GetByTestId("login-password").FillAsync("not-the-password");
        await Page.GetByTestId("login-submit").ClickAsync();

        await Expect(Page.GetByTestId("login-error")).ToContainTextAsync("用户名或密码错误");
        await Expect(Page).ToHaveURLAsync(new Regex("/login"));
        await ShotAsync("00-login");
    }

    [Fact]
    public async Task APageNeedsSignInAndSignOutEndsTheSession()
    {
        await Page.GotoAsync("/cities/440800");
        await Expect(Page).ToHaveURLAsync(new Regex("/login"));

        await Session.SignInAsync("city.admin");
        await Session.WaitInteractiveAsync();
        await Page.GetByTestId("sign-out").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/login"));

        await Page.GotoAsync("/cities/440800");
        await Expect(Page).ToHaveURLAsync(new Regex("/login"));
    }

    [Fact]
    public async Task TheCityAdminAddsAUserWhoCanThenSignIn()
    {
        await Session.SignInAsync("city.admin");
        await Page.GotoAsync("/admin/users");
        await Session.WaitInteractiveAsync();

        await Page.GetByTestId("user-username").FillAsync("huangpo.officer");
        await Page.GetByTestId("user-display").FillAsync("黄坡镇人民政府");
        await SelectAsync("user-role", "镇级用户");
        await Page.GetByTestId("user-jurisdiction").FillAsync("440883109");
        await Page.GetByTestId("user-password").FillAsync("huangpo-2023");
        await Page.GetByTestId("user-password").PressAsync("Tab");
        await Page.GetByTestId("user-submit").ClickAsync();

        await Expect(Page.Locator("[data-testid=user-table] tr[data-username='huangpo.officer']")).ToContainTextAsync("440883109");
        await ShotAsync("08-users");

        await Page.GetByTestId("sign-out").ClickAsync();
        await Session.SignInAsync("huangpo.officer", "huangpo-2023");
        await Expect(Page).ToHaveURLAsync(new Regex("/towns/440883109$"));
        await Expect(Page.GetByTestId("page-title")).ToContainTextAsync("黄坡镇");
    }

    [Fact]
    public async Task ThePortalRunsUnderItsContentSecurityPolicyAndALeaderSeesNoFinancingList()
    {
        var console = new List<string>();
        Page.Console += (_, message) => console.Add(message.Text);
        Page.PageError += (_, error) => console.Add(error);

        await Session.SignInAsync("leader.secretary");
        await Page.GotoAsync("/counties/440883");
        await Session.WaitInteractiveAsync();
        await Expect(Page.GetByTestId("page-title")).ToContainTextAsync("吴川市");

        await Expect(Page.GetByTestId("finance-panel")).ToHaveCountAsync(0);
        Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Contains("Refused to", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOpenPageOfAnAccountThatIsDisabledFallsBackToTheSignInPage()
    {
        using var admin = await Platform.SignedInAsync("city.admin");
        var created = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            username = "browser.disabled", displayName = "将被停用", role = "countyOfficer", jurisdiction = "440881", password = "lianjiang-2023",
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        await Session.SignInAsync("browser.disabled", "lianjiang-2023");
        await Page.GotoAsync("/counties/440881"); // Lianjiang may have work waiting: the landing is then its work list
        await Expect(Page).ToHaveURLAsync(new Regex("/counties/440881$"));
        await Session.WaitInteractiveAsync();

        var disabled = await admin.PutAsJsonAsync("/api/v1/users/browser.disabled/disabled", new { disabled = true });

        Assert.Equal(System.Net.HttpStatusCode.OK, disabled.StatusCode);
        await Expect(Page).ToHaveURLAsync(new Regex("/login"), new() { Timeout = 45_000 });
    }

    /// <summary>Picks an item of a MudSelect by its text.</summary>
    private async Task SelectAsync(string testId, string item)
    {
        await Page.GetByTestId(testId).ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").GetByText(item, new() { Exact = true }).ClickAsync();
        await Expect(Page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }

    /// <summary>A MudBlazor field around an input: where its label, value and error text are.</summary>
    private ILocator Field(string testId) => Session.Field(testId);

    private Task ShotAsync(string name) => Session.ShotAsync(name);

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
