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
public sealed class WorkbenchBrowserTests(PlatformFixture platform, BrowserFixture browser) : IAsyncLifetime
{
    private const string Wuchuan = "440883";
    private const string ParkInfrastructure = "2021-440883-48-01-165184"; // owned by owner.demo's enterprise

    private BrowserSession _session = null!;
    private IPage _page = null!;

    public async ValueTask InitializeAsync()
    {
        _session = await BrowserSession.OpenAsync(platform, browser, 1280, 900);
        _page = _session.Page;
    }

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task TheSeedsDayIsWalkedInThePortalFromMeetingToDisbursement()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var land = $"空港大道长岐段征地协调（{tag}）";
        var power = $"园区220千伏变电站接入（{tag}）";

        // The command office adds the second department's account (the demo has one department account).
        await _session.SignInAsync("city.admin", pastLanding: true);
        await _page.GotoAsync("/admin/users");
        await _session.WaitInteractiveAsync();
        var jtysj = "dept.jtysj." + tag;
        await _page.GetByTestId("user-username").FillAsync(jtysj);
        await _page.GetByTestId("user-display").FillAsync("市交通运输局");
        await _page.GetByTestId("user-role").ClickAsync();
        await _page.Locator(".mud-popover-open .mud-list-item").GetByText("市直单位", new() { Exact = true }).ClickAsync();
        await _page.GetByTestId("user-jurisdiction").FillAsync("440800-jtysj");
        await _page.GetByTestId("user-password").FillAsync("jtysj-2023");
        await _page.GetByTestId("user-password").PressAsync("Tab");
        await _page.GetByTestId("user-submit").ClickAsync();
        await Expect(_page.Locator($"[data-testid=user-table] tr[data-username='{jtysj}']")).ToBeVisibleAsync();

        // The city opens the 8 June meeting at Wuchuan.
        await _page.GotoAsync($"/counties/{Wuchuan}");
        await _session.WaitInteractiveAsync();
        await _page.GetByTestId("meeting-new").ClickAsync();
        await _page.GetByTestId("meeting-title").FillAsync($"吴川市重点项目现场办公会（{tag}）");
        await _page.GetByTestId("meeting-date").FillAsync("2023-06-08");
        await _page.GetByTestId("meeting-host").FillAsync("市委书记");
        await _page.GetByTestId("meeting-place").FillAsync("吴川市人民政府");
        await _page.GetByTestId("meeting-submit").ClickAsync();
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("/meetings/MT-"), new() { Timeout = 20_000 });
        var meetingUrl = new Uri(_page.Url).AbsolutePath;
        await SignOutAsync();

        // Wuchuan raises two matters there; an empty title is refused on its field first.
        await _session.SignInAsync("wuchuan.officer", pastLanding: true);
        await _page.GotoAsync(meetingUrl);
        await _session.WaitInteractiveAsync();
        await _page.GetByTestId("matter-new").ClickAsync();
        await _page.GetByTestId("matter-submit").ClickAsync();
        await Expect(Field("matter-title")).ToContainTextAsync("请填写标题"); // the API's rule, in the portal's language
        await RaiseAsync(land, ["440800-zrzyj"]);
        await RaiseAsync(power, ["440800-zrzyj", "440800-jtysj"]);
        await Expect(_page.GetByTestId("matter-table")).ToContainTextAsync(land);
        await Expect(_page.GetByTestId("matter-table")).ToContainTextAsync(power);
        await SignOutAsync();

        // Each department answers from its work list; an answered matter leaves the list at once.
        await _session.SignInAsync("dept.zrzyj", pastLanding: true);
        await Expect(_page).ToHaveURLAsync(new Regex("/tasks$"));
        await AnswerFromWorkListAsync(land, "已完成长岐段征地补偿方案审核，6月20日前交地。");
        await AnswerFromWorkListAsync(power, "用地预审已批复。");
        await _page.GotoAsync("/tasks");
        await Expect(TaskRow(TaskKinds.AnswerMatter, land)).ToHaveCountAsync(0);
        await SignOutAsync();
        await _session.SignInAsync(jtysj, "jtysj-2023");
        await AnswerFromWorkListAsync(power, "接入道路纳入空港大道配套同步实施。");
        await SignOutAsync();

        // Wuchuan confirms one and reopens the other, from its work list.
        await _session.SignInAsync("wuchuan.officer", pastLanding: true);
        await OpenTaskAsync(TaskKinds.ConfirmMatter, land);
        await _page.GetByTestId("resolve").ClickAsync();
        await Expect(_page.GetByTestId("page-title")).ToContainTextAsync("已办结");
        await OpenTaskAsync(TaskKinds.ConfirmMatter, power);
        await _page.GetByTestId("reopen-reason").FillAsync("变电站接入线路路径尚未明确，请进一步答复。");
        await _page.GetByTestId("reopen-submit").ClickAsync();
        await Expect(_page.GetByTestId("page-title")).ToContainTextAsync("重新办理");
        await SignOutAsync();

        // The city issues a directive to Wuchuan; Wuchuan splits it to two towns; a town reports progress.
        await _session.SignInAsync("city.admin", pastLanding: true);
        await _page.GotoAsync("/cities/440800");
        await _session.WaitInteractiveAsync();
        await _page.GetByTestId("directive-new").ClickAsync();
        var directive = $"空港大道沿线征地攻坚（{tag}）";
        await _page.GetByTestId("directive-title").FillAsync(directive);
        await _page.GetByTestId("directive-detail").FillAsync("7月底前完成沿线征地交地。");
        await _page.GetByTestId("directive-counties").SelectOptionAsync([Wuchuan]);
        await _page.GetByTestId("directive-due").FillAsync("2023-07-31");
        await _page.GetByTestId("directive-submit").ClickAsync();
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("/directives/D-"), new() { Timeout = 20_000 });
        await SignOutAsync();

        await _session.SignInAsync("wuchuan.officer", pastLanding: true);
        await OpenTaskAsync(TaskKinds.SplitDirective, directive);
        await _page.GetByTestId("split-towns").SelectOptionAsync(["440883107", "440883101"]);
        await _page.GetByTestId("split-submit").ClickAsync();
        await Expect(_page.GetByTestId("shares")).ToContainTextAsync("塘㙍镇");
        await Expect(_page.GetByTestId("shares")).ToContainTextAsync("长岐镇");
        await SignOutAsync();

        await _session.SignInAsync("tangzhui.officer", pastLanding: true);
        await OpenTaskAsync(TaskKinds.ReportDirective, directive);
        await _page.GetByTestId("progress-percent").FillAsync("40");
        await _page.GetByTestId("progress-note").FillAsync("已交地120亩");
        await _page.GetByTestId("progress-submit").ClickAsync();
        await Expect(_page.GetByTestId("shares")).ToContainTextAsync("已交地120亩");
        await SignOutAsync();

        // Financing: the enterprise asks, the county recommends, the bank offers, the enterprise accepts, the bank disburses.
        await _session.SignInAsync("owner.demo", pastLanding: true);
        await _page.GotoAsync("/enterprises/" + Uri.EscapeDataString(silo::Liandong.Silo.Demo.UsersDemo.ParkEnterprise));
        await _session.WaitInteractiveAsync();
        await _page.GetByTestId("financing-new").ClickAsync();
        await _page.GetByTestId("financing-project").SelectOptionAsync([ParkInfrastructure]);
        await _page.GetByTestId("financing-amount").FillAsync("3000");
        await _page.GetByTestId("financing-term").FillAsync("36");
        await _page.GetByTestId("financing-purpose").FillAsync($"园区道路及管网建设（{tag}）");
        await _page.GetByTestId("financing-submit").ClickAsync();
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("/financing/"), new() { Timeout = 20_000 });
        var financingId = new Uri(_page.Url).AbsolutePath.Split('/')[^1];
        await SignOutAsync();

        await _session.SignInAsync("wuchuan.officer", pastLanding: true);
        await OpenTaskAsync(TaskKinds.RecommendFinancing, null, financingId);
        await _page.GetByTestId("recommend-banks").FillAsync("icbc-zhanjiang");
        await _page.GetByTestId("recommend-submit").ClickAsync();
        await Expect(_page.GetByTestId("bank-channels")).ToContainTextAsync("工商银行");
        await SignOutAsync();

        await _session.SignInAsync("bank.icbc", pastLanding: true);
        await OpenTaskAsync(TaskKinds.OfferFinancing, null, financingId);
        await _page.GetByTestId("offer-amount").FillAsync("3000");
        await _page.GetByTestId("offer-rate").FillAsync("3.45");
        await _page.GetByTestId("offer-term").FillAsync("36");
        await _page.GetByTestId("offer-submit").ClickAsync();
        await Expect(_page.GetByTestId("offers")).ToContainTextAsync("3.45%");
        await SignOutAsync();

        await _session.SignInAsync("owner.demo", pastLanding: true);
        await OpenTaskAsync(TaskKinds.AcceptOffer, null, financingId);
        await _page.GetByTestId("accept-submit").ClickAsync();
        await Expect(_page.GetByTestId("page-title")).ToContainTextAsync("已签约");
        await SignOutAsync();

        await _session.SignInAsync("bank.icbc", pastLanding: true);
        await OpenTaskAsync(TaskKinds.Disburse, null, financingId);
        await _page.GetByTestId("disburse-amount").FillAsync("3000");
        await _page.GetByTestId("disburse-date").FillAsync("2023-07-10");
        await _page.GetByTestId("disburse-submit").ClickAsync();
        await Expect(_page.GetByTestId("page-title")).ToContainTextAsync("已放款");
        var request = await platform.Grains.GetGrain<IFinancingRequestGrain>(financingId).GetAsync();
        Assert.Equal(FinancingStatus.Disbursed, request.Status);
        await _page.GotoAsync("/tasks");
        await Expect(_page.Locator($"[data-testid=task-table] tr[data-id='{financingId}']")).ToHaveCountAsync(0);
        await SignOutAsync();

        // The minutes show it all: both matters with every answer and where each stands.
        await _session.SignInAsync("city.admin", pastLanding: true);
        await _page.GotoAsync(meetingUrl);
        var minutes = _page.GetByTestId("minutes");
        await Expect(minutes).ToContainTextAsync(land);
        await Expect(minutes).ToContainTextAsync(power);
        await Expect(minutes).ToContainTextAsync("已完成长岐段征地补偿方案审核");
        await Expect(minutes).ToContainTextAsync("接入道路纳入空港大道配套同步实施");
        var meetingId = meetingUrl.Split('/')[^1];
        var meeting = await platform.Grains.GetGrain<IMeetingGrain>(meetingId).GetAsync();
        Assert.Equal([MatterStatus.Resolved, MatterStatus.Reopened], meeting.Matters.OrderBy(m => m.Title == power).Select(m => m.Status));
        await ShotAsync("20-walk-minutes");
    }

    private async Task RaiseAsync(string title, string[] departments)
    {
        if (!await _page.GetByTestId("matter-form").IsVisibleAsync())
        {
            await _page.GetByTestId("matter-new").ClickAsync();
        }

        await _page.GetByTestId("matter-title").FillAsync(title);
        await _page.GetByTestId("matter-detail").FillAsync("请相关单位限时答复。");
        await _page.GetByTestId("matter-departments").SelectOptionAsync(departments);
        await _page.GetByTestId("matter-due").FillAsync("2023-06-30");
        await _page.GetByTestId("matter-submit").ClickAsync();
        await Expect(_page.GetByTestId("matter-form")).ToHaveCountAsync(0);
    }

    private async Task AnswerFromWorkListAsync(string title, string answer)
    {
        await OpenTaskAsync(TaskKinds.AnswerMatter, title);
        await _page.GetByTestId("answer-text").FillAsync(answer);
        await _page.GetByTestId("answer-submit").ClickAsync();
        await Expect(_page.GetByTestId("answers")).ToContainTextAsync(answer);
    }

    /// <summary>Opens the work list and follows the task of that kind (by its subject's title or id) to its form.</summary>
    private async Task OpenTaskAsync(string kind, string? title, string? id = null)
    {
        await _page.GotoAsync("/tasks");
        await _session.WaitInteractiveAsync();
        var row = id is null ? TaskRow(kind, title!) : _page.Locator($"[data-testid=task-table] tr[data-kind='{kind}'][data-id='{id}']");
        await row.Locator("a").ClickAsync();
        await _page.WaitForURLAsync(url => !url.EndsWith("/tasks", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await _session.WaitInteractiveAsync();
    }

    private ILocator TaskRow(string kind, string title) =>
        _page.Locator($"[data-testid=task-table] tr[data-kind='{kind}']").Filter(new() { HasText = title });

    private Task SignOutAsync() => _session.SignOutAsync();

    private ILocator Field(string testId) => _session.Field(testId);

    private Task ShotAsync(string name) => _session.ShotAsync(name);
}
