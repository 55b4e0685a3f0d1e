extern alias silo;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Liandong.Coordination;
using Liandong.Finance;
using Liandong.Reporting;
using Liandong.Tasks;
using Microsoft.Playwright;

namespace Liandong.Portal.Tests;

/// <summary>
/// The write forms that were API-only before (issue 14, second part): factor needs on the project page, linking a leader,
/// site visits and the matters raised from a visit or a project, each for the roles that may do it, with the API's field
/// rules shown on the field in the portal's language. The grains are read only to check what the forms did.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WorkbenchFormsBrowserTests(PlatformFixture platform, BrowserFixture browser) : IAsyncLifetime
{
    private const string ParkInfrastructure = "2021-440883-48-01-165184"; // owned by owner.demo's enterprise, linked to 市委书记
    private const string FactorProject = "2022-440883-13-03-079732";      // a Wuchuan project no other test gives factor needs
    private const string TangzhuiProject = "2021-440883-48-01-299737";    // 吴川机场进场路, linked to no leader in the demo

    private BrowserSession _session = null!;
    private IPage _page = null!;

    public async ValueTask InitializeAsync()
    {
        _session = await BrowserSession.OpenAsync(platform, browser, 1280, 900);
        _page = _session.Page;
    }

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task AFactorNeedIsAddedOnTheProjectPageThenMovedOnAndMetByItsDepartment()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var detail = $"厂房用地报批（{tag}）";

        // A department reads the project but raises no factor need there.
        await SignInAsync("dept.zrzyj");
        await OpenAsync($"/projects/{FactorProject}");
        await Expect(_page.GetByTestId("page-title")).ToBeVisibleAsync();
        await Expect(_page.GetByTestId("factor-new")).ToHaveCountAsync(0);
        await SignOutAsync();

        await SignInAsync("wuchuan.officer");
        await OpenAsync($"/projects/{FactorProject}");
        await _page.GetByTestId("factor-new").ClickAsync();

        // The API's rules, on their fields, in Chinese; nothing is added.
        await _page.GetByTestId("factor-quantity").FillAsync("-3");
        await _page.GetByTestId("factor-submit").ClickAsync();
        await Expect(Field("factor-detail")).ToContainTextAsync("请填写需求内容");
        await Expect(Field("factor-quantity")).ToContainTextAsync("数量不能为负数");
        await Expect(_page.Locator(".native-field").Filter(new() { Has = _page.GetByTestId("factor-kind") })).ToContainTextAsync("请选择要素类型");
        await Expect(_page.Locator(".native-field").Filter(new() { Has = _page.GetByTestId("factor-department") })).ToContainTextAsync("请选择市直单位");
        var project = platform.Grains.GetGrain<IProjectGrain>(FactorProject);
        Assert.DoesNotContain(await project.GetFactorNeedsAsync(), n => n.Detail.Contains(tag, StringComparison.Ordinal));

        await _page.GetByTestId("factor-kind").SelectOptionAsync("Land");
        await _page.GetByTestId("factor-detail").FillAsync(detail);
        await _page.GetByTestId("factor-quantity").FillAsync("12.5");
        await _page.GetByTestId("factor-unit").FillAsync("亩");
        await _page.GetByTestId("factor-department").SelectOptionAsync("440800-zrzyj");
        await _page.GetByTestId("factor-due").FillAsync("2023-07-31");
        await _page.GetByTestId("factor-submit").ClickAsync();
        await Expect(_page.GetByTestId("factor-needs")).ToContainTextAsync(detail);

        var need = (await project.GetFactorNeedsAsync()).Single(n => n.Detail == detail);
        Assert.Equal((FactorKind.Land, 12.5m, "亩", "440800-zrzyj", new DateOnly(2023, 7, 31), FactorStatus.Open),
            (need.Kind, need.Quantity!.Value, need.Unit, need.DepartmentId, need.DueDate, need.Status));
        Assert.Equal("wuchuan.officer", need.RaisedBy);
        await SignOutAsync();

        // The responsible department moves it on, then meets it.
        await SignInAsync("dept.zrzyj");
        await OpenAsync($"/projects/{FactorProject}");
        await _page.Locator($"[data-testid=factor-move][data-need='{need.Id}']").ClickAsync();
        await _page.GetByTestId("factor-move-status").SelectOptionAsync("InProgress");
        await _page.GetByTestId("factor-move-note").FillAsync("已受理，正在组卷报批");
        await _page.GetByTestId("factor-move-metOn").FillAsync("2023-07-20");
        await _page.GetByTestId("factor-move-submit").ClickAsync();
        await Expect(Field("factor-move-metOn")).ToContainTextAsync("只有“已保障”才填写保障日期");
        Assert.Equal(FactorStatus.Open, (await project.GetFactorNeedsAsync()).Single(n => n.Id == need.Id).Status);

        await _page.GetByTestId("factor-move-metOn").FillAsync("");
        await _page.GetByTestId("factor-move-submit").ClickAsync();
        await Expect(_page.GetByTestId("factor-move-form")).ToHaveCountAsync(0);
        Assert.Equal((FactorStatus.InProgress, "已受理，正在组卷报批"),
            (await project.GetFactorNeedsAsync()).Single(n => n.Id == need.Id) is var moved ? (moved.Status, moved.Note) : default);

        await _page.Locator($"[data-testid=factor-move][data-need='{need.Id}']").ClickAsync();
        await _page.GetByTestId("factor-move-status").SelectOptionAsync("Met");
        await _page.GetByTestId("factor-move-note").FillAsync("用地已批复");
        await _page.GetByTestId("factor-move-metOn").FillAsync("2023-07-20");
        await _page.GetByTestId("factor-move-submit").ClickAsync();
        await Expect(_page.GetByTestId("factor-needs").Locator("tr", new() { HasText = detail })).ToContainTextAsync("已保障");
        var met = (await project.GetFactorNeedsAsync()).Single(n => n.Id == need.Id);
        Assert.Equal((FactorStatus.Met, new DateOnly(2023, 7, 20), "dept.zrzyj"), (met.Status, met.MetOn, met.UpdatedBy));
        await ShotAsync("workbench-factor-met");
    }

    [Fact]
    public async Task TheCommandOfficeLinksALeaderToAProjectAndOnlyItIsOfferedTheForm()
    {
        await SignInAsync("wuchuan.officer");
        await OpenAsync($"/projects/{TangzhuiProject}");
        await Expect(_page.GetByTestId("page-title")).ToBeVisibleAsync();
        await Expect(_page.GetByTestId("leader-link-open")).ToHaveCountAsync(0);
        await SignOutAsync();

        await SignInAsync("city.admin");
        await OpenAsync($"/projects/{TangzhuiProject}");
        await _page.GetByTestId("leader-link-open").ClickAsync();
        await _page.GetByTestId("leader-link-submit").ClickAsync();
        await Expect(_page.Locator(".native-field").Filter(new() { Has = _page.GetByTestId("leader-link-leader") })).ToContainTextAsync("请选择已登记的联系领导");

        await _page.GetByTestId("leader-link-leader").SelectOptionAsync("440800-cwfsz");
        await _page.GetByTestId("leader-link-submit").ClickAsync();
        await Expect(_page.GetByTestId("leader")).ToContainTextAsync("常务副市长");
        Assert.Equal("440800-cwfsz", (await platform.Grains.GetGrain<IProjectGrain>(TangzhuiProject).GetScopeAsync()).LeaderId);

        await _page.GetByTestId("leader").Locator("a").ClickAsync();
        await Expect(_page.GetByTestId("leader-projects")).ToContainTextAsync("进场路");
    }

    [Fact]
    public async Task ALeaderRecordsAVisitAndRaisesAMatterFromItPrefilled()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var findings = $"园区基础设施二期管网未接通，企业入驻受影响（{tag}）";

        await SignInAsync("leader.secretary");
        await OpenAsync("/leaders/440800-swsj");
        await _page.GetByTestId("visit-new").ClickAsync();
        await _page.GetByTestId("visit-submit").ClickAsync();
        await Expect(Field("visit-date")).ToContainTextAsync("请填写调研日期");
        await Expect(Field("visit-findings")).ToContainTextAsync("请填写调研情况");

        await _page.GetByTestId("visit-date").FillAsync("2023-06-20");
        await _page.GetByTestId("visit-place").FillAsync("吴川产业转移园");
        await _page.GetByTestId("visit-projects").SelectOptionAsync(ParkInfrastructure);
        await _page.GetByTestId("visit-findings").FillAsync(findings);
        await _page.GetByTestId("visit-submit").ClickAsync();
        var visit = _page.Locator("[data-testid=visit]", new() { HasText = findings });
        await Expect(visit).ToBeVisibleAsync();
        var visitId = await visit.GetAttributeAsync("data-visit");
        Assert.NotNull(visitId);
        var recorded = await platform.Grains.GetGrain<IVisitGrain>(visitId).GetAsync();
        Assert.Equal(("440800-swsj", new DateOnly(2023, 6, 20), "吴川产业转移园"), (recorded.LeaderId, recorded.Date, recorded.Place));
        Assert.Equal([ParkInfrastructure], recorded.Projects.Select(p => p.Code));

        // The matter form opens from the visit with its findings as the detail, in the name of the visited project.
        await visit.GetByTestId("visit-raise").ClickAsync();
        await Expect(_page.GetByTestId("matter-detail")).ToHaveValueAsync(findings);
        await _page.GetByTestId("matter-title").FillAsync($"园区二期管网接通（{tag}）");
        await _page.GetByTestId("matter-departments").SelectOptionAsync(["440800-zjj"]);
        await _page.GetByTestId("matter-due").FillAsync("2023-07-10");
        await _page.GetByTestId("matter-submit").ClickAsync();
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("/matters/M-"), new() { Timeout = 20_000 });
        var matterId = _page.Url[(_page.Url.LastIndexOf('/') + 1)..];
        var matter = await platform.Grains.GetGrain<IMatterGrain>(matterId).GetAsync();
        Assert.Equal((visitId, ParkInfrastructure, ParkInfrastructure, findings), (matter.VisitId, matter.ProjectCode, matter.RaisedBy, matter.Detail));
    }

    [Fact]
    public async Task AMatterIsRaisedFromTheProjectPageWithItsFieldMessagesInChineseAndInEnglish()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];

        // An inspector reads the project and is offered no write form.
        await SignInAsync("inspector.demo");
        await OpenAsync($"/projects/{ParkInfrastructure}");
        await Expect(_page.GetByTestId("page-title")).ToBeVisibleAsync();
        await Expect(_page.GetByTestId("matter-new")).ToHaveCountAsync(0);
        await Expect(_page.GetByTestId("factor-new")).ToHaveCountAsync(0);
        await SignOutAsync();

        await SignInAsync("owner.demo");
        await OpenAsync($"/projects/{ParkInfrastructure}");
        await _page.GetByTestId("matter-new").ClickAsync();
        await _page.GetByTestId("matter-submit").ClickAsync();
        await Expect(Field("matter-title")).ToContainTextAsync("请填写标题（不超过200个字）。");
        await Expect(Field("matter-due")).ToContainTextAsync("请填写办结时限");
        await Expect(_page.Locator(".native-field").Filter(new() { Has = _page.GetByTestId("matter-departments") })).ToContainTextAsync("请选择一至十个交办单位");

        await _page.GotoAsync($"/culture?c=en&redirectUri={Uri.EscapeDataString($"/projects/{ParkInfrastructure}")}");
        await WaitInteractiveAsync();
        await _page.GetByTestId("matter-new").ClickAsync();
        await _page.GetByTestId("matter-submit").ClickAsync();
        await Expect(Field("matter-title")).ToContainTextAsync("The title is required (at most 200 characters).");
        await Expect(_page.Locator(".native-field").Filter(new() { Has = _page.GetByTestId("matter-departments") })).ToContainTextAsync("Assign the matter to between one and ten departments.");

        // The API answers in English whatever the portal's language, with the same rule.
        using var api = await platform.SignedInAsync("owner.demo");
        var refused = await api.PostAsJsonAsync("/api/v1/matters", new { raisedBy = ParkInfrastructure, projectCode = ParkInfrastructure, addressedTo = "440883107" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("The title is required (at most 200 characters).", errors.GetProperty("title")[0].GetString());

        var title = $"Park road drainage ({tag})";
        await _page.GetByTestId("matter-title").FillAsync(title);
        await _page.GetByTestId("matter-departments").SelectOptionAsync(["440800-swj"]);
        await _page.GetByTestId("matter-due").FillAsync("2023-07-15");
        await _page.GetByTestId("matter-submit").ClickAsync();
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("/matters/M-"), new() { Timeout = 20_000 });
        var matter = await platform.Grains.GetGrain<IMatterGrain>(_page.Url[(_page.Url.LastIndexOf('/') + 1)..]).GetAsync();
        Assert.Equal((title, ParkInfrastructure, ParkInfrastructure), (matter.Title, matter.RaisedBy, matter.ProjectCode));
        await _page.GotoAsync($"/culture?c=zh-CN&redirectUri=%2F");
    }

    [Fact]
    public async Task TheCommandOfficeRegistersAnEnterpriseAndABankACountyOfficerOnlyItsEnterprisesAndOthersAreRefused()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var digits = string.Concat(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('0' + b % 10)));
        var credit = CreditCodes.Complete("91" + "440881" + digits + CreditCodes.OrganizationCheckCharacter(digits));
        var bankCode = $"test-bank-{tag}";

        // A county officer registers enterprises of its own county only, and no bank; a town officer neither.
        await SignInAsync("wuchuan.officer");
        await OpenAsync("/admin/registry");
        await Expect(_page.GetByTestId("enterprise-form")).ToHaveCountAsync(1);
        await Expect(_page.GetByTestId("enterprise-county")).ToHaveValueAsync("440883");
        await Expect(_page.GetByTestId("enterprise-county").Locator("option[value='440881']")).ToHaveCountAsync(0);
        await Expect(_page.GetByTestId("bank-form")).ToHaveCountAsync(0);
        await SignOutAsync();

        await SignInAsync("tangzhui.officer");
        await OpenAsync("/admin/registry");
        await Expect(_page.GetByTestId("enterprise-form")).ToHaveCountAsync(0);
        await SignOutAsync();

        await SignInAsync("city.admin");
        await OpenAsync("/admin/registry");

        // A wrong check character, on its field, in Chinese; nothing registered.
        var wrong = credit[..17] + (credit[17] == '0' ? '1' : '0');
        await _page.GetByTestId("enterprise-creditCode").FillAsync(wrong);
        await _page.GetByTestId("enterprise-submit").ClickAsync();
        await Expect(Field("enterprise-creditCode")).ToContainTextAsync("统一社会信用代码不正确");
        await Expect(_page.Locator(".native-field").Filter(new() { Has = _page.GetByTestId("enterprise-county") })).ToContainTextAsync("请选择县（市、区）");
        Assert.False(await platform.Grains.GetGrain<IEnterpriseGrain>(wrong).ExistsAsync());

        await _page.GetByTestId("enterprise-creditCode").FillAsync(credit);
        await _page.GetByTestId("enterprise-name").FillAsync($"廉江市测试实业有限公司（{tag}）");
        await _page.GetByTestId("enterprise-county").SelectOptionAsync("440881");
        await _page.GetByTestId("enterprise-submit").ClickAsync();
        await Expect(_page.GetByTestId("enterprise-result")).ToContainTextAsync(credit);
        var enterprise = await platform.Grains.GetGrain<IEnterpriseGrain>(credit).GetAsync();
        Assert.Equal(($"廉江市测试实业有限公司（{tag}）", "440881"), (enterprise.Name, enterprise.CountyCode));

        await _page.GetByTestId("bank-code").FillAsync("Not A Slug");
        await _page.GetByTestId("bank-submit").ClickAsync();
        await Expect(Field("bank-code")).ToContainTextAsync("银行代码由小写字母");
        await Expect(Field("bank-name")).ToContainTextAsync("请填写名称");
        await _page.GetByTestId("bank-code").FillAsync(bankCode);
        await _page.GetByTestId("bank-name").FillAsync($"测试银行湛江分行（{tag}）");
        await _page.GetByTestId("bank-submit").ClickAsync();
        await Expect(_page.GetByTestId("bank-result")).ToContainTextAsync(bankCode);
        var bank = await platform.Grains.GetGrain<IBankGrain>(bankCode).GetAsync();
        Assert.Equal(($"测试银行湛江分行（{tag}）", "440800"), (bank.Name, bank.CityCode));
    }

    [Fact]
    public async Task TheCommandOfficeSetsACountysRobotSendsATestMessageAndRemovesIt()
    {
        using var robot = new LocalRobot();
        const string Lianjiang = "440881";

        await SignInAsync("lianjiang.officer");
        await OpenAsync("/admin/robots");
        await Expect(_page.GetByTestId("robot-form")).ToHaveCountAsync(0);
        await SignOutAsync();

        await SignInAsync("city.admin");
        await OpenAsync("/admin/robots");
        await _page.GetByTestId("robot-target").SelectOptionAsync(Lianjiang);
        await _page.GetByTestId("robot-url").FillAsync("http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=plain");
        await _page.GetByTestId("robot-submit").ClickAsync();
        await Expect(Field("robot-url")).ToContainTextAsync("请填写以 https:// 开头");
        var outbox = platform.Grains.GetGrain<INotificationOutboxGrain>("440800");
        Assert.False((await outbox.GetAsync()).Webhooks.ContainsKey(Lianjiang));

        // http is refused except to this machine (a local receiver stands in for WeCom here).
        await _page.GetByTestId("robot-url").FillAsync(robot.Url);
        await _page.GetByTestId("robot-submit").ClickAsync();
        await Expect(_page.Locator($"[data-testid=robot-table] tr[data-target='{Lianjiang}']")).ToBeVisibleAsync();
        Assert.Equal(robot.Url, (await outbox.GetAsync()).Webhooks[Lianjiang]);

        await _page.Locator($"[data-testid=robot-test][data-target='{Lianjiang}']").ClickAsync();
        await Expect(_page.GetByTestId("robot-test-result")).ToContainTextAsync("测试消息已送达");
        var test = Assert.Single(robot.Bodies, b => b.Contains("测试消息", StringComparison.Ordinal));
        using (var json = JsonDocument.Parse(test))
        {
            Assert.Equal("markdown", json.RootElement.GetProperty("msgtype").GetString());
            Assert.Contains("湛江市", json.RootElement.GetProperty("markdown").GetProperty("content").GetString());
        }

        // An empty address removes the robot.
        await _page.GetByTestId("robot-target").SelectOptionAsync(Lianjiang);
        await _page.GetByTestId("robot-url").FillAsync("");
        await _page.GetByTestId("robot-submit").ClickAsync();
        await Expect(_page.Locator($"[data-testid=robot-table] tr[data-target='{Lianjiang}']")).ToHaveCountAsync(0);
        Assert.False((await outbox.GetAsync()).Webhooks.ContainsKey(Lianjiang));
    }

    [Fact]
    public async Task ACountyEntersATenderProcessInThePortalAndTheInspectorSeesItsShortWindowFlagged()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var title = $"厂区道路及配套工程施工招标（{tag}）";

        // An inspector reads the project's processes but enters none.
        await SignInAsync("inspector.demo");
        await OpenAsync($"/projects/{FactorProject}");
        await Expect(_page.GetByTestId("page-title")).ToBeVisibleAsync();
        await Expect(_page.GetByTestId("tender-new")).ToHaveCountAsync(0);
        await SignOutAsync();

        await SignInAsync("wuchuan.officer");
        await OpenAsync($"/projects/{FactorProject}");
        await _page.GetByTestId("tender-new").ClickAsync();
        await _page.GetByTestId("tender-budget").FillAsync("八百万");
        await _page.GetByTestId("tender-submit").ClickAsync();
        await Expect(Field("tender-budget")).ToContainTextAsync("请填写数字");
        await _page.GetByTestId("tender-budget").FillAsync("800");
        await _page.GetByTestId("tender-submit").ClickAsync();
        await Expect(Field("tender-title")).ToContainTextAsync("请填写招标名称");
        await Expect(_page.Locator(".native-field").Filter(new() { Has = _page.GetByTestId("tender-kind") })).ToContainTextAsync("请选择类型");

        await _page.GetByTestId("tender-title").FillAsync(title);
        await _page.GetByTestId("tender-kind").SelectOptionAsync("Works");
        await _page.GetByTestId("tender-method").SelectOptionAsync("Open");
        await _page.GetByTestId("tender-noticeDate").FillAsync("2023-05-04");
        await _page.GetByTestId("tender-documentsFrom").FillAsync("2023-05-04");
        await _page.GetByTestId("tender-documentsTo").FillAsync("2023-05-09");
        await _page.GetByTestId("tender-bidDeadline").FillAsync("2023-05-15"); // 11 days from the sale: the law asks for 20
        string[] names = ["湛江市港城市政工程有限公司", "吴川市鉴江建筑工程有限公司", "广东南海湾建设集团有限公司"];
        for (var i = 0; i < names.Length; i++)
        {
            var digits = string.Concat(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('0' + b % 10)));
            await _page.GetByTestId($"tender-bidder-name-{i}").FillAsync(names[i]);
            await _page.GetByTestId($"tender-bidder-id-{i}").FillAsync(CreditCodes.Complete("91" + "440800" + digits + CreditCodes.OrganizationCheckCharacter(digits)));
            await _page.GetByTestId($"tender-bidder-price-{i}").FillAsync((790 - i * 5).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await _page.GetByTestId("tender-submit").ClickAsync();
        await Expect(_page.GetByTestId("tender-form")).ToHaveCountAsync(0);
        await Expect(_page.GetByTestId("project-tenders")).ToContainTextAsync(title);

        using var api = await platform.SignedInAsync("wuchuan.officer");
        var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{FactorProject}/tenders");
        var entered = list.GetProperty("tenders").EnumerateArray().Single(t => t.GetProperty("title").GetString() == title);
        Assert.Equal((800m, 3, "entered"), (entered.GetProperty("budget").GetDecimal(), entered.GetProperty("bidderCount").GetInt32(),
            entered.GetProperty("source").GetString()!.ToLowerInvariant()));
        var id = entered.GetProperty("id").GetString()!;
        await SignOutAsync();

        await SignInAsync("inspector.demo");
        await OpenAsync($"/tenders/{Uri.EscapeDataString(id)}");
        await Expect(_page.GetByTestId("bidders")).ToContainTextAsync("吴川市鉴江建筑工程有限公司");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await _page.GetByTestId("tender-flags").InnerTextAsync()).Contains("CN-window", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
            await OpenAsync($"/tenders/{Uri.EscapeDataString(id)}");
        }

        await Expect(_page.GetByTestId("tender-flags")).ToContainTextAsync("CN-window");
    }

    private Task OpenAsync(string path) => _session.GoToAsync(path);

    private Task SignInAsync(string username) => _session.SignInAsync(username, pastLanding: true);

    private Task SignOutAsync() => _session.SignOutAsync();

    private Task WaitInteractiveAsync() => _session.WaitInteractiveAsync();

    private ILocator Field(string testId) => _session.Field(testId);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private Task ShotAsync(string name) => _session.ShotAsync(name);
}
