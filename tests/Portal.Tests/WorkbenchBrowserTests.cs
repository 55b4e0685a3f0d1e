extern alias silo;

using System.Text.RegularExpressions;
using Liandong.Coordination;
using Liandong.Finance;
using Liandong.Tasks;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liandong.Portal.Tests;

/// <summary>
/// The seed's day walked in the portal only (issue 14): every step is a click in a form of the account whose work it is,
/// found through its work list (待办); the grains are read only to check what the forms did.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WorkbenchBrowserTests(PlatformFixture platform, BrowserFixture browser) : BrowserTest(platform, browser, 1280, 900)
{
    private const string Wuchuan = "440883";
    private const string ParkInfrastructure = "2021-440883-48-01-165184"; // owned by owner.demo's enterprise

    [Fact]
    public async Task TheSeedsDayIsWalkedInThePortalFromMeetingToDisbursement()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var land = $"空港大道长岐段征地协调（{tag}）";
        var power = $"园区220千伏变电站接入（{tag}）";

        // The command office adds the second department's account (the demo has one department account).
        await Session.SignInAsync("city.admin", pastLanding: true);
        await Page.GotoAsync("/admin/users");
        await Session.WaitInteractiveAsync();
        var jtysj = "dept.jtysj." + tag;
        await Page.GetByTestId("user-username").FillAsync(jtysj);
        await Page.GetByTestId("user-display").FillAsync("市交通运输局");
        await Page.GetByTestId("user-role").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").GetByText("市直单位", new() { Exact = true }).ClickAsync();
        await Page.GetByTestId("user-jurisdiction").FillAsync("440800-jtysj");
        await Page.GetByTestId("user-password").FillAsync("jtysj-2023");
        await Page.GetByTestId("user-password").PressAsync("Tab");
        await Page.GetByTestId("user-submit").ClickAsync();
        await Expect(Page.Locator($"[data-testid=user-table] tr[data-username='{jtysj}']")).ToBeVisibleAsync();

        // The city opens the 8 June meeting at Wuchuan.
        await Page.GotoAsync($"/counties/{Wuchuan}");
        await Session.WaitInteractiveAsync();
        await Page.GetByTestId("meeting-new").ClickAsync();
        await Page.GetByTestId("meeting-title").FillAsync($"吴川市重点项目现场办公会（{tag}）");
        await Page.GetByTestId("meeting-date").FillAsync("2023-06-08");
        await Page.GetByTestId("meeting-host").FillAsync("市委书记");
        await Page.GetByTestId("meeting-place").FillAsync("吴川市人民政府");
        await Page.GetByTestId("meeting-submit").ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/meetings/MT-"), new() { Timeout = 20_000 });
        var meetingUrl = new Uri(Page.Url).AbsolutePath;
        await SignOutAsync();

        // Wuchuan raises two matters there; an empty title is refused on its field first.
        await Session.SignInAsync("wuchuan.officer", pastLanding: true);
        await Page.GotoAsync(meetingUrl);
        await Session.WaitInteractiveAsync();
        await Page.GetByTestId("matter-new").ClickAsync();
        await Page.GetByTestId("matter-submit").ClickAsync();
        await Expect(Field("matter-title")).ToContainTextAsync("请填写标题"); // the API's rule, in the portal's language
        await RaiseAsync(land, ["440800-zrzyj"]);
        await RaiseAsync(power, ["440800-zrzyj", "440800-jtysj"]);
        await Expect(Page.GetByTestId("matter-table")).ToContainTextAsync(land);
        await Expect(Page.GetByTestId("matter-table")).ToContainTextAsync(power);
        await SignOutAsync();

        // Each department answers from its work list; an answered matter leaves the list at once.
        await Session.SignInAsync("dept.zrzyj", pastLanding: true);
        await Expect(Page).ToHaveURLAsync(new Regex("/tasks$"));
        await AnswerFromWorkListAsync(land, "已完成长岐段征地补偿方案审核，6月20日前交地。");
        await AnswerFromWorkListAsync(power, "用地预审已批复。");
        await Page.GotoAsync("/tasks");
        await Expect(TaskRow(TaskKinds.AnswerMatter, land)).ToHaveCountAsync(0);
        await SignOutAsync();
        await Session.SignInAsync(jtysj, "jtysj-2023");
        await AnswerFromWorkListAsync(power, "接入道路纳入空港大道配套同步实施。");
        await SignOutAsync();

        // Wuchuan confirms one and reopens the other, from its work list.
        await Session.SignInAsync("wuchuan.officer", pastLanding: true);
        await OpenTaskAsync(TaskKinds.ConfirmMatter, land);
        await Page.GetByTestId("resolve").ClickAsync();
        await Expect(Page.GetByTestId("page-title")).ToContainTextAsync("已办结");
        await OpenTaskAsync(TaskKinds.ConfirmMatter, power);
        await Page.GetByTestId("reopen-reason").FillAsync("变电站接入线路路径尚未明确，请进一步答复。");
        await Page.GetByTestId("reopen-submit").ClickAsync();
        await Expect(Page.GetByTestId("page-title")).ToContainTextAsync("重新办理");
        await SignOutAsync();

        // The city issues a directive to Wuchuan; Wuchuan splits it to two towns; a town reports progress.
        await Session.SignInAsync("city.admin", pastLanding: true);
        await Page.GotoAsync("/cities/440800");
        await Session.WaitInteractiveAsync();
        await Page.GetByTestId("directive-new").ClickAsync();
        var directive = $"空港大道沿线征地攻坚（{tag}）";
        await Page.GetByTestId("directive-title").FillAsync(directive);
        await Page.GetByTestId("directive-detail").FillAsync("7月底前完成沿线征地交地。");
        await Page.GetByTestId("directive-counties").SelectOptionAsync([Wuchuan]);
        await Page.GetByTestId("directive-due").FillAsync("2023-07-31");
        await Page.GetByTestId("directive-submit").ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/directives/D-"), new() { Timeout = 20_000 });
        await SignOutAsync();

        await Session.SignInAsync("wuchuan.officer", pastLanding: true);
        await OpenTaskAsync(TaskKinds.SplitDirective, directive);
        await Page.GetByTestId("split-towns").SelectOptionAsync(["440883107", "440883101"]);
        await Page.GetByTestId("split-submit").ClickAsync();
        await Expect(Page.GetByTestId("shares")).ToContainTextAsync("塘㙍镇");
        await Expect(Page.GetByTestId("shares")).ToContainTextAsync("长岐镇");
        await SignOutAsync();

        await Session.SignInAsync("tangzhui.officer", pastLanding: true);
        await OpenTaskAsync(TaskKinds.ReportDirective, directive);
        await Page.GetByTestId("progress-percent").FillAsync("40");
        await Page.GetByTestId("progress-note").FillAsync("已交地120亩");
        await Page.GetByTestId("progress-submit").ClickAsync();
        await Expect(Page.GetByTestId("shares")).ToContainTextAsync("已交地120亩");
        await SignOutAsync();

        // Financing: the enterprise asks, the county recommends, the bank offers, the enterprise accepts, the bank disburses.
        await Session.SignInAsync("owner.demo", pastLanding: true);
        await Page.GotoAsync("/enterprises/" + Uri.EscapeDataString(silo::Liandong.Silo.Demo.UsersDemo.ParkEnterprise));
        await Session.WaitInteractiveAsync();
        await Page.GetByTestId("financing-new").ClickAsync();
        await Page.GetByTestId("financing-project").SelectOptionAsync([ParkInfrastructure]);
        await Page.GetByTestId("financing-amount").FillAsync("3000");
        await Page.GetByTestId("financing-term").FillAsync("36");
        await Page.GetByTestId("financing-purpose").FillAsync($"园区道路及管网建设（{tag}）");
        await Page.GetByTestId("financing-submit").ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/financing/"), new() { Timeout = 20_000 });
        var financingId = new Uri(Page.Url).AbsolutePath.Split('/')[^1];
        await SignOutAsync();

        await Session.SignInAsync("wuchuan.officer", pastLanding: true);
        await OpenTaskAsync(TaskKinds.RecommendFinancing, null, financingId);
        await Page.GetByTestId("recommend-banks").FillAsync("icbc-zhanjiang");
        await Page.GetByTestId("recommend-submit").ClickAsync();
        await Expect(Page.GetByTestId("bank-channels")).ToContainTextAsync("工商银行");
        await SignOutAsync();

        await Session.SignInAsync("bank.icbc", pastLanding: true);
        await OpenTaskAsync(TaskKinds.OfferFinancing, null, financingId);
        await Page.GetByTestId("offer-amount").FillAsync("3000");
        await Page.GetByTestId("offer-rate").FillAsync("3.45");
        await Page.GetByTestId("offer-term").FillAsync("36");
        await Page.GetByTestId("offer-submit").ClickAsync();
        await Expect(Page.GetByTestId("offers")).ToContainTextAsync("3.45%");
        await SignOutAsync();

        await Session.SignInAsync("owner.demo", pastLanding: true);
        await OpenTaskAsync(TaskKinds.AcceptOffer, null, financingId);
        await Page.GetByTestId("accept-submit").ClickAsync();
        await Expect(Page.GetByTestId("page-title")).ToContainTextAsync("已签约");
        await SignOutAsync();

        await Session.SignInAsync("bank.icbc", pastLanding: true);
        await OpenTaskAsync(TaskKinds.Disburse, null, financingId);
        await Page.GetByTestId("disburse-amount").FillAsync("3000");
        await Page.GetByTestId("disburse-date").FillAsync("2023-07-10");
        await Page.GetByTestId("disburse-submit").ClickAsync();
        await Expect(Page.GetByTestId("page-title")).ToContainTextAsync("已放款");
        var request = await Platform.Grains.GetGrain<IFinancingRequestGrain>(financingId).GetAsync();
        Assert.Equal(FinancingStatus.Disbursed, request.Status);
        await Page.GotoAsync("/tasks");
        await Expect(Page.Locator($"[data-testid=task-table] tr[data-id='{financingId}']")).ToHaveCountAsync(0);
        await SignOutAsync();

        // The minutes show it all: both matters with every answer and where each stands.
        await Session.SignInAsync("city.admin", pastLanding: true);
        await Page.GotoAsync(meetingUrl);
        var minutes = Page.GetByTestId("minutes");
        await Expect(minutes).ToContainTextAsync(land);
        await Expect(minutes).ToContainTextAsync(power);
        await Expect(minutes).ToContainTextAsync("已完成长岐段征地补偿方案审核");
        await Expect(minutes).ToContainTextAsync("接入道路纳入空港大道配套同步实施");
        var meetingId = meetingUrl.Split('/')[^1];
        var meeting = await Platform.Grains.GetGrain<IMeetingGrain>(meetingId).GetAsync();
        Assert.Equal([MatterStatus.Resolved, MatterStatus.Reopened], meeting.Matters.OrderBy(m => m.Title == power).Select(m => m.Status));
        await ShotAsync("20-walk-minutes");
    }

    private async Task RaiseAsync(string title, string[] departments)
    {
        if (!await Page.GetByTestId("matter-form").IsVisibleAsync())
        {
            await Page.GetByTestId("matter-new").ClickAsync();
        }

        await Page.GetByTestId("matter-title").FillAsync(title);
        await Page.GetByTestId("matter-detail").FillAsync("请相关单位限时答复。");
        await Page.GetByTestId("matter-departments").SelectOptionAsync(departments);
        await Page.GetByTestId("matter-due").FillAsync("2023-06-30");
        await Page.GetByTestId("matter-submit").ClickAsync();
        await Expect(Page.GetByTestId("matter-form")).ToHaveCountAsync(0);
    }

    private async Task AnswerFromWorkListAsync(string title, string answer)
    {
        await OpenTaskAsync(TaskKinds.AnswerMatter, title);
        await Page.GetByTestId("answer-text").FillAsync(answer);
        await Page.GetByTestId("answer-submit").ClickAsync();
        await Expect(Page.GetByTestId("answers")).ToContainTextAsync(answer);
    }

    /// <summary>Opens the work list and follows the task of that kind (by its subject's title or id) to its form.</summary>
    private async Task OpenTaskAsync(string kind, string? title, string? id = null)
    {
        await Page.GotoAsync("/tasks");
        await Session.WaitInteractiveAsync();
        var row = id is null ? TaskRow(kind, title!) : Page.Locator($"[data-testid=task-table] tr[data-kind='{kind}'][data-id='{id}']");
        await row.Locator("a").ClickAsync();
        await Page.WaitForURLAsync(url => !url.EndsWith("/tasks", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await Session.WaitInteractiveAsync();
    }

    private ILocator TaskRow(string kind, string title) =>
        Page.Locator($"[data-testid=task-table] tr[data-kind='{kind}']").Filter(new() { HasText = title });

    private Task SignOutAsync() => Session.SignOutAsync();

    private ILocator Field(string testId) => Session.Field(testId);

    private Task ShotAsync(string name) => Session.ShotAsync(name);
}
