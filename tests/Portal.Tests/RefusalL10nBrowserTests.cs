using System.Globalization;
using Liandong.Accounts;
using Liandong.Finance;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Liandong.Tasks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liandong.Portal.Tests;

/// <summary>
/// Refusals only a grain can decide, shown in the portal's language: a factor need met on a date still to come (要素保障)
/// and a meeting whose report period comes after it (现场办公会); and a monthly-report task's title on the work list in the
/// English portal. Every refusal is checked without saving anything; the demo data other tests count is left as it is.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RefusalL10nBrowserTests(PlatformFixture platform, BrowserFixture browser) : BrowserTest(platform, browser, 1280, 900)
{
    private const string ParkFactories = "2022-440883-47-01-219451"; // 产业转移工业园吴川园区标准厂房（二期）: its land need no other browser test moves
    private const string LandNeed = "标准厂房二期用地报批（农用地转用）";
    private const string Wuchuan = "440883";
    private const string ReportTown = "440902109";          // a town of Maoming's test county (PlatformFixture.OtherCounty) for this test alone
    private const string ReportProject = "TEST-440902-L10N";
    private const string ReportOfficer = "l10n.guandu";
    private const string ReportPassword = "guandu-2026-l10n";

    [Fact]
    public async Task AFactorNeedMetOnADateStillToComeIsRefusedByTheGrainInChinese()
    {
        var project = Platform.Grains.GetGrain<IProjectGrain>(ParkFactories);
        var need = (await project.GetFactorNeedsAsync()).Single(n => n.Detail == LandNeed);
        var later = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(2);

        await Session.SignInAsync("dept.zrzyj", pastLanding: true);
        await OpenAsync($"/projects/{ParkFactories}");
        await Page.Locator($"[data-testid=factor-move][data-need='{need.Id}']").ClickAsync();
        await Page.GetByTestId("factor-move-status").SelectOptionAsync("Met");
        await Page.GetByTestId("factor-move-metOn").FillAsync(later.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Page.GetByTestId("factor-move-submit").ClickAsync();

        // The API's field rules pass (a date met goes with status met); the grain refuses the date, on its field, in Chinese.
        await Expect(Field("factor-move-metOn")).ToContainTextAsync("保障日期不能晚于今天");
        await Expect(Field("factor-move-metOn")).Not.ToContainTextAsync("cannot be after today");
        var after = (await project.GetFactorNeedsAsync()).Single(n => n.Id == need.Id);
        Assert.Equal((need.Status, need.MetOn, need.UpdatedAt), (after.Status, after.MetOn, after.UpdatedAt));
    }

    [Fact]
    public async Task AMeetingWhoseReportPeriodComesAfterItIsRefusedByTheGrainInChinese()
    {
        var title = "吴川市重点项目现场办公会（月报期间校验）" + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture)[^6..];
        await Session.SignInAsync("city.admin", pastLanding: true);
        await OpenAsync($"/counties/{Wuchuan}");
        await Page.GetByTestId("meeting-new").ClickAsync();
        await Page.GetByTestId("meeting-title").FillAsync(title);
        await Page.GetByTestId("meeting-date").FillAsync("2023-06-08");
        await Page.GetByTestId("meeting-host").FillAsync("市委书记");
        await Page.GetByTestId("meeting-year").FillAsync("2023");
        await Page.GetByTestId("meeting-month").FillAsync("7");
        await Page.GetByTestId("meeting-month").PressAsync("Tab");
        await Page.GetByTestId("meeting-submit").ClickAsync();

        await Expect(Field("meeting-month")).ToContainTextAsync("月报期间不能晚于会议日期");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/counties/{Wuchuan}$"));
        await Expect(Page.GetByTestId("meeting-form")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AMonthlyReportTaskIsTitledInEnglishInTheEnglishPortal()
    {
        // The demo's projects plan 2023 only, so no demo town owes this month's reports: a town of Maoming's test county gets a
        // continuing project planned this year that has not reported the month falling due, and an officer (nothing of the
        // demo city changes).
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        if (await Platform.Grains.GetGrain<ITownGrain>(ReportTown).GetInfoAsync() is null)
        {
            await Platform.Grains.GetGrain<ITownGrain>(ReportTown).RegisterAsync("官渡街道", PlatformFixture.OtherCounty, "test");
        }

        var project = Platform.Grains.GetGrain<IProjectGrain>(ReportProject);
        if (!await project.ExistsAsync())
        {
            await project.RegisterAsync(new ProjectProfile(ReportProject, "茂名月报待办测试项目", ReportTown, ProjectCategory.Industry, null, ProjectStage.Continuing,
                5000m, [new AnnualPlan(today.Year - 1, 1200m), new AnnualPlan(today.Year, 2400m)], new DateOnly(today.Year - 1, 1, 1), null), "test");
        }

        var officer = Platform.Grains.GetGrain<IUserGrain>(ReportOfficer);
        if (await officer.GetAsync() is null)
        {
            await officer.CreateAsync(new NewUser("官渡街道办事处", UserRole.TownOfficer, ReportTown, PlatformFixture.OtherCity,
                new PasswordHasher<UserAccount>().HashPassword(null!, ReportPassword)), "test");
        }

        var open = await Platform.Grains.GetGrain<IReportDueGrain>(PlatformFixture.OtherCounty).RefreshAsync();
        Assert.Contains(open, t => t.Kind is TaskKinds.ReportsDueSoon or TaskKinds.ReportsMissing && t.Title.Contains("茂名月报待办测试项目", StringComparison.Ordinal));

        await Session.SignInAsync(ReportOfficer, ReportPassword, pastLanding: true);
        var reports = Page.Locator($"[data-testid=task-table] tr[data-kind='{TaskKinds.ReportsDueSoon}'], [data-testid=task-table] tr[data-kind='{TaskKinds.ReportsMissing}']");
        await OpenAsync("/tasks");
        await Expect(reports).ToHaveCountAsync(1);
        await Expect(reports).ToContainTextAsync("项目月报");

        await Page.GotoAsync($"/culture?c=en&redirectUri={Uri.EscapeDataString("/tasks")}");
        await Session.WaitInteractiveAsync();
        try
        {
            await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tasks$"));
            var month = today.AddMonths(-1);
            await Expect(reports.Locator("[data-testid=task-link]")).ToHaveTextAsync(
                new System.Text.RegularExpressions.Regex($"^Monthly reports for {month.Month}/{month.Year}: 茂名月报待办测试项目 not reported \\(due "));
            await Expect(reports).Not.ToContainTextAsync("项目月报");
        }
        finally
        {
            await Page.GotoAsync("/culture?c=zh-CN&redirectUri=%2F");
        }
    }

    private Task OpenAsync(string path) => Session.GoToAsync(path);

    private ILocator Field(string testId) => Session.Field(testId);
}
