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
public sealed class WorkbenchFormsBrowserTests(PlatformFixture platform, BrowserFixture browser) : BrowserTest(platform, browser, 1280, 900)
{
    private const string ParkInfrastructure = "2021-440883-48-01-165184"; // owned by owner.demo's enterprise, linked to 市委书记
    private const string FactorProject = "2022-440883-13-03-079732";      // a Wuchuan project no other test gives factor needs
    private const string TangzhuiProject = "2021-440883-48-01-299737";    // 吴川机场进场路, linked to no leader in the demo

    [Fact]
    public async Task AFactorNeedIsAddedOnTheProjectPageThenMovedOnAndMetByItsDepartment()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var detail = $"厂房用地报批（{tag}）";

        // A department reads the project but raises no factor need there.
        await SignInAsync("dept.zrzyj");
        await OpenAsync($"/projects/{FactorProject}");
        await Expect(Page.GetByTestId("page-title")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("factor-new")).ToHaveCountAsync(0);
        await SignOutAsync();

        await SignInAsync("wuchuan.officer");
        await OpenAsync($"/projects/{FactorProject}");
        await Page.GetByTestId("factor-new").ClickAsync();

        // The API's rules, on their fields, in Chinese; nothing is added.
        await Page.GetByTestId("factor-quantity").FillAsync("-3");
        await Page.GetByTestId("factor-submit").ClickAsync();
        await Expect(Field("factor-detail")).ToContainTextAsync("请填写需求内容");
        await Expect(Field("factor-quantity")).ToContainTextAsync("数量不能为负数");
        await Expect(Page.Locator(".native-field").Filter(new() { Has = Page.GetByTestId("factor-kind") })).ToContainTextAsync("请选择要素类型");
        await Expect(Page.Locator(".native-field").Filter(new() { Has = Page.GetByTestId("factor-department") })).ToContainTextAsync("请选择市直单位");
        var project = Platform.Grains.GetGrain<IProjectGrain>(FactorProject);
        Assert.DoesNotContain(await project.GetFactorNeedsAsync(), n => n.Detail.Contains(tag, StringComparison.Ordinal));

        await Page.GetByTestId("factor-kind").SelectOptionAsync("Land");
        await Page.GetByTestId("factor-detail").FillAsync(detail);
        await Page.GetByTestId("factor-quantity").FillAsync("12.5");
        await Page.GetByTestId("factor-unit").FillAsync("亩");
        await Page.GetByTestId("factor-department").SelectOptionAsync("440800-zrzyj");
        await Page.GetByTestId("factor-due").FillAsync("2023-07-31");
        await Page.GetByTestId("factor-submit").ClickAsync();
        await Expect(Page.GetByTestId("factor-needs")).ToContainTextAsync(detail);

        var need = (await project.GetFactorNeedsAsync()).Single(n => n.Detail == detail);
        Assert.Equal((FactorKind.Land, 12.5m, "亩", "440800-zrzyj", new DateOnly(2023, 7, 31), FactorStatus.Open),
            (need.Kind, need.Quantity!.Value, need.Unit, need.DepartmentId, need.DueDate, need.Status));
        Assert.Equal("wuchuan.officer", need.RaisedBy);
        await SignOutAsync();

        // The responsible department moves it on, then meets it.
        await SignInAsync("dept.zrzyj");
        await OpenAsync($"/projects/{FactorProject}");
        await Page.Locator($"[data-testid=factor-move][data-need='{need.Id}']").ClickAsync();
        await Page.GetByTestId("factor-move-status").SelectOptionAsync("InProgress");
        await Page.GetByTestId("factor-move-note").FillAsync("已受理，正在组卷报批");
        await Page.GetByTestId("factor-move-metOn").FillAsync("2023-07-20");
        await Page.GetByTestId("factor-move-submit").ClickAsync();
        await Expect(Field("factor-move-metOn")).ToContainTextAsync("只有“已保障”才填写保障日期");
        Assert.Equal(FactorStatus.Open, (await project.GetFactorNeedsAsync()).Single(n => n.Id == need.Id).Status);

        await Page.GetByTestId("factor-move-metOn").FillAsync("");
        await Page.GetByTestId("factor-move-submit").ClickAsync();
        await Expect(Page.GetByTestId("factor-move-form")).ToHaveCountAsync(0);
        Assert.Equal((FactorStatus.InProgress, "已受理，正在组卷报批"),
            (await project.GetFactorNeedsAsync()).Single(n => n.Id == need.Id) is var moved ? (moved.Status, moved.Note) : default);

        await Page.Locator($"[data-testid=factor-move][data-need='{need.Id}']").ClickAsync();
        await Page.GetByTestId("factor-move-status").SelectOptionAsync("Met");
        await Page.GetByTestId("factor-move-note").FillAsync("用地已批复");
        await Page.GetByTestId("factor-move-metOn").FillAsync("2023-07-20");
        await Page.GetByTestId("factor-move-submit").ClickAsync();
        await Expect(Page.GetByTestId("factor-needs").Locator("tr", new() { HasText = detail })).ToContainTextAsync("已保障");
        var met = (await project.GetFactorNeedsAsync()).Single(n => n.Id == need.Id);
        Assert.Equal((FactorStatus.Met, new DateOnly(2023, 7, 20), "dept.zrzyj"), (met.Status, met.MetOn, met.UpdatedBy));
        await ShotAsync("workbench-factor-met");
    }

    [Fact]
    public async Task TheCommandOfficeLinksALeaderToAProjectAndOnlyItIsOfferedTheForm()
    {
        await SignInAsync("wuchuan.officer");
        await OpenAsync($"/projects/{TangzhuiProject}");
        await Expect(Page.GetByTestId("page-title")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("leader-link-open")).ToHaveCountAsync(0);
        await SignOutAsync();

        await SignInAsync("city.admin");
        await OpenAsync($"/projects/{TangzhuiProject}");
        await Page.GetByTestId("leader-link-open").ClickAsync();
        await Page.GetByTestId("leader-link-submit").ClickAsync();
        await Expect(Page.Locator(".native-field").Filter(new() { Has = Page.GetByTestId("leader-link-leader") })).ToContainTextAsync("请选择已登记的联系领导");

        await Page.GetByTestId("leader-link-leader").SelectOptionAsync("440800-cwfsz");
        await Page.GetByTestId("leader-link-submit").ClickAsync();
        await Expect(Page.GetByTestId("leader")).ToContainTextAsync("常务副市长");
        Assert.Equal("440800-cwfsz", (await Platform.Grains.GetGrain<IProjectGrain>(TangzhuiProject).GetScopeAsync()).LeaderId);

        await Page.GetByTestId("leader").Locator("a").ClickAsync();
        await Expect(Page.GetByTestId("leader-projects")).ToContainTextAsync("进场路");
    }

    [Fact]
    public async Task ALeaderRecordsAVisitAndRaisesAMatterFromItPrefilled()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var findings = $"园区基础设施二期管网未接通，企业入驻受影响（{tag}）";

        await SignInAsync("leader.secretary");
        await OpenAsync("/leaders/440800-swsj");
        await Page.GetByTestId("visit-new").ClickAsync();
        await Page.GetByTestId("visit-submit").ClickAsync();
        await Expect(Field("visit-date")).ToContainTextAsync("请填写调研日期");
        await Expect(Field("visit-findings")).ToContainTextAsync("请填写调研情况");

        await Page.GetByTestId("visit-date").FillAsync("2023-06-20");
        await Page.GetByTestId("visit-place").FillAsync("吴川产业转移园");
        await Page.GetByTestId("visit-projects").SelectOptionAsync(ParkInfrastructure);
        await Page.GetByTestId("visit-findings").FillAsync(findings);
        await Page.GetByTestId("visit-submit").ClickAsync();
        var visit = Page.Locator("[data-testid=visit]", new() { HasText = findings });
        await Expect(visit).ToBeVisibleAsync();
        var visitId = await visit.GetAttributeAsync("data-visit");
        Assert.NotNull(visitId);
        var recorded = await Platform.Grains.GetGrain<IVisitGrain>(visitId).GetAsync();
        Assert.Equal(("440800-swsj", new DateOnly(2023, 6, 20), "吴川产业转移园"), (recorded.LeaderId, recorded.Date, recorded.Place));
        Assert.Equal([ParkInfrastructure], recorded.Projects.Select(p => p.Code));

        // The matter form opens from the visit with its findings as the detail, in the name of the visited project.
        await visit.GetByTestId("visit-raise").ClickAsync();
        await Expect(Page.GetByTestId("matter-detail")).ToHaveValueAsync(findings);
        await Page.GetByTestId("matter-title").FillAsync($"园区二期管网接通（{tag}）");
        await Page.GetByTestId("matter-departments").SelectOptionAsync(["440800-zjj"]);
        await Page.GetByTestId("matter-due").FillAsync("2023-07-10");
        await Page.GetByTestId("matter-submit").ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/matters/M-"), new() { Timeout = 20_000 });
        var matterId = Page.Url[(Page.Url.LastIndexOf('/') + 1)..];
        var matter = await Platform.Grains.GetGrain<IMatterGrain>(matterId).GetAsync();
        Assert.Equal((visitId, ParkInfrastructure, ParkInfrastructure, findings), (matter.VisitId, matter.ProjectCode, matter.RaisedBy, matter.Detail));
    }

    [Fact]
    public async Task AMatterIsRaisedFromTheProjectPageWithItsFieldMessagesInChineseAndInEnglish()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];

        // An inspector reads the project and is offered no write form.
        await SignInAsync("inspector.demo");
        await OpenAsync($"/projects/{ParkInfrastructure}");
        await Expect(Page.GetByTestId("page-title")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("matter-new")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("factor-new")).ToHaveCountAsync(0);
        await SignOutAsync();

        await SignInAsync("owner.demo");
        await OpenAsync($"/projects/{ParkInfrastructure}");
        await Page.GetByTestId("matter-new").ClickAsync();
        await Page.GetByTestId("matter-submit").ClickAsync();
        await Expect(Field("matter-title")).ToContainTextAsync("请填写标题（不超过200个字）。");
        await Expect(Field("matter-due")).ToContainTextAsync("请填写办结时限");
        await Expect(Page.Locator(".native-field").Filter(new() { Has = Page.GetByTestId("matter-departments") })).ToContainTextAsync("请选择一至十个交办单位");

        await Page.GotoAsync($"/culture?c=en&redirectUri={Uri.EscapeDataString($"/projects/{ParkInfrastructure}")}");
        await WaitInteractiveAsync();
        await Page.GetByTestId("matter-new").ClickAsync();
        await Page.GetByTestId("matter-submit").ClickAsync();
        await Expect(Field("matter-title")).ToContainTextAsync("The title is required (at most 200 characters).");
        await Expect(Page.Locator(".native-field").Filter(new() { Has = Page.GetByTestId("matter-departments") })).ToContainTextAsync("Assign the matter to between one and ten departments.");

        // The API answers in English whatever the portal's language, with the same rule.
        using var api = await Platform.SignedInAsync("owner.demo");
        var refused = await api.PostAsJsonAsync("/api/v1/matters", new { raisedBy = ParkInfrastructure, projectCode = ParkInfrastructure, addressedTo = "440883107" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("The title is required (at most 200 characters).", errors.GetProperty("title")[0].GetString());

        var title = $"Park road drainage ({tag})";
        await Page.GetByTestId("matter-title").FillAsync(title);
        await Page.GetByTestId("matter-departments").SelectOptionAsync(["440800-swj"]);
        await Page.GetByTestId("matter-due").FillAsync("2023-07-15");
        await Page.GetByTestId("matter-submit").ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/matters/M-"), new() { Timeout = 20_000 });
        var matter = await Platform.Grains.GetGrain<IMatterGrain>(Page.Url[(Page.Url.LastIndexOf('/') + 1)..]).GetAsync();
        Assert.Equal((title, ParkInfrastructure, ParkInfrastructure), (matter.Title, matter.RaisedBy, matter.ProjectCode));
        await Page.GotoAsync($"/culture?c=zh-CN&redirectUri=%2F");
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
        await Expect(Page.GetByTestId("enterprise-form")).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("enterprise-county")).ToHaveValueAsync("440883");
        await Expect(Page.GetByTestId("enterprise-county").Locator("option[value='440881']")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("bank-form")).ToHaveCountAsync(0);
        await SignOutAsync();

        await SignInAsync("tangzhui.officer");
        await OpenAsync("/admin/registry");
        await Expect(Page.GetByTestId("enterprise-form")).ToHaveCountAsync(0);
        await SignOutAsync();

        await SignInAsync("city.admin");
        await OpenAsync("/admin/registry");

        // A wrong check character, on its field, in Chinese; nothing registered.
        var wrong = credit[..17] + (credit[17] == '0' ? '1' : '0');
        await Page.GetByTestId("enterprise-creditCode").FillAsync(wrong);
        await Page.GetByTestId("enterprise-submit").ClickAsync();
        await Expect(Field("enterprise-creditCode")).ToContainTextAsync("统一社会信用代码不正确");
        await Expect(Page.Locator(".native-field").Filter(new() { Has = Page.GetByTestId("enterprise-county") })).ToContainTextAsync("请选择县（市、区）");
        Assert.False(await Platform.Grains.GetGrain<IEnterpriseGrain>(wrong).ExistsAsync());

        await Page.GetByTestId("enterprise-creditCode").FillAsync(credit);
        await Page.GetByTestId("enterprise-name").FillAsync($"廉江市测试实业有限公司（{tag}）");
        await Page.GetByTestId("enterprise-county").SelectOptionAsync("440881");
        await Page.GetByTestId("enterprise-submit").ClickAsync();
        await Expect(Page.GetByTestId("enterprise-result")).ToContainTextAsync(credit);
        var enterprise = await Platform.Grains.GetGrain<IEnterpriseGrain>(credit).GetAsync();
        Assert.Equal(($"廉江市测试实业有限公司（{tag}）", "440881"), (enterprise.Name, enterprise.CountyCode));

        await Page.GetByTestId("bank-code").FillAsync("Not A Slug");
        await Page.GetByTestId("bank-submit").ClickAsync();
        await Expect(Field("bank-code")).ToContainTextAsync("银行代码由小写字母");
        await Expect(Field("bank-name")).ToContainTextAsync("请填写名称");
        await Page.GetByTestId("bank-code").FillAsync(bankCode);
        await Page.GetByTestId("bank-name").FillAsync($"测试银行湛江分行（{tag}）");
        await Page.GetByTestId("bank-submit").ClickAsync();
        await Expect(Page.GetByTestId("bank-result")).ToContainTextAsync(bankCode);
        var bank = await Platform.Grains.GetGrain<IBankGrain>(bankCode).GetAsync();
        Assert.Equal(($"测试银行湛江分行（{tag}）", "440800"), (bank.Name, bank.CityCode));
    }

    [Fact]
    public async Task TheCommandOfficeSetsACountysRobotSendsATestMessageAndRemovesIt()
    {
        using var robot = new LocalRobot();
        const string Lianjiang = "440881";

        await SignInAsync("lianjiang.officer");
        await OpenAsync("/admin/robots");
        await Expect(Page.GetByTestId("robot-form")).ToHaveCountAsync(0);
        await SignOutAsync();

        await SignInAsync("city.admin");
        await OpenAsync("/admin/robots");
        await Page.GetByTestId("robot-target").SelectOptionAsync(Lianjiang);
        await Page.GetByTestId("robot-url").FillAsync("http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=plain");
        await Page.GetByTestId("robot-submit").ClickAsync();
        await Expect(Field("robot-url")).ToContainTextAsync("请填写以 https:// 开头");
        var outbox = Platform.Grains.GetGrain<INotificationOutboxGrain>("440800");
        Assert.False((await outbox.GetAsync()).Webhooks.ContainsKey(Lianjiang));

        // http is refused except to this machine (a local receiver stands in for WeCom here).
        await Page.GetByTestId("robot-url").FillAsync(robot.Url);
        await Page.GetByTestId("robot-submit").ClickAsync();
        await Expect(Page.Locator($"[data-testid=robot-table] tr[data-target='{Lianjiang}']")).ToBeVisibleAsync();
        Assert.Equal(robot.Url, (await outbox.GetAsync()).Webhooks[Lianjiang]);

        await Page.Locator($"[data-testid=robot-test][data-target='{Lianjiang}']").ClickAsync();
        await Expect(Page.GetByTestId("robot-test-result")).ToContainTextAsync("测试消息已送达");
        var test = Assert.Single(robot.Bodies, b => b.Contains("测试消息", StringComparison.Ordinal));
        using (var json = JsonDocument.Parse(test))
        {
            Assert.Equal("markdown", json.RootElement.GetProperty("msgtype").GetString());
            Assert.Contains("湛江市", json.RootElement.GetProperty("markdown").GetProperty("content").GetString());
        }

        // An empty address removes the robot.
        await Page.GetByTestId("robot-target").SelectOptionAsync(Lianjiang);
        await Page.GetByTestId("robot-url").FillAsync("");
        await Page.GetByTestId("robot-submit").ClickAsync();
        await Expect(Page.Locator($"[data-testid=robot-table] tr[data-target='{Lianjiang}']")).ToHaveCountAsync(0);
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
        await Expect(Page.GetByTestId("page-title")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("tender-new")).ToHaveCountAsync(0);
        await SignOutAsync();

        await SignInAsync("wuchuan.officer");
        await OpenAsync($"/projects/{FactorProject}");
        await Page.GetByTestId("tender-new").ClickAsync();
        await Page.GetByTestId("tender-budget").FillAsync("八百万");
        await Page.GetByTestId("tender-submit").ClickAsync();
        await Expect(Field("tender-budget")).ToContainTextAsync("请填写数字");
        await Page.GetByTestId("tender-budget").FillAsync("800");
        await Page.GetByTestId("tender-submit").ClickAsync();
        await Expect(Field("tender-title")).ToContainTextAsync("请填写招标名称");
        await Expect(Page.Locator(".native-field").Filter(new() { Has = Page.GetByTestId("tender-kind") })).ToContainTextAsync("请选择类型");

        await Page.GetByTestId("tender-title").FillAsync(title);
        await Page.GetByTestId("tender-kind").SelectOptionAsync("Works");
        await Page.GetByTestId("tender-method").SelectOptionAsync("Open");
        await Page.GetByTestId("tender-noticeDate").FillAsync("2023-05-04");
        await Page.GetByTestId("tender-documentsFrom").FillAsync("2023-05-04");
        await Page.GetByTestId("tender-documentsTo").FillAsync("2023-05-09");
        await Page.GetByTestId("tender-bidDeadline").FillAsync("2023-05-15"); // 11 days from the sale: the law asks for 20
        string[] names = ["湛江市港城市政工程有限公司", "吴川市鉴江建筑工程有限公司", "广东南海湾建设集团有限公司"];
        for (var i = 0; i < names.Length; i++)
        {
            var digits = string.Concat(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('0' + b % 10)));
            await Page.GetByTestId($"tender-bidder-name-{i}").FillAsync(names[i]);
            await Page.GetByTestId($"tender-bidder-id-{i}").FillAsync(CreditCodes.Complete("91" + "440800" + digits + CreditCodes.OrganizationCheckCharacter(digits)));
            await Page.GetByTestId($"tender-bidder-price-{i}").FillAsync((790 - i * 5).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await Page.GetByTestId("tender-submit").ClickAsync();
        await Expect(Page.GetByTestId("tender-form")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("project-tenders")).ToContainTextAsync(title);

        using var api = await Platform.SignedInAsync("wuchuan.officer");
        var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{FactorProject}/tenders");
        var entered = list.GetProperty("tenders").EnumerateArray().Single(t => t.GetProperty("title").GetString() == title);
        Assert.Equal((800m, 3, "entered"), (entered.GetProperty("budget").GetDecimal(), entered.GetProperty("bidderCount").GetInt32(),
            entered.GetProperty("source").GetString()!.ToLowerInvariant()));
        var id = entered.GetProperty("id").GetString()!;
        await SignOutAsync();

        await SignInAsync("inspector.demo");
        await OpenAsync($"/tenders/{Uri.EscapeDataString(id)}");
        await Expect(Page.GetByTestId("bidders")).ToContainTextAsync("吴川市鉴江建筑工程有限公司");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await Page.GetByTestId("tender-flags").InnerTextAsync()).Contains("CN-window", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
            await OpenAsync($"/tenders/{Uri.EscapeDataString(id)}");
        }

        await Expect(Page.GetByTestId("tender-flags")).ToContainTextAsync("CN-window");
    }

    private Task OpenAsync(string path) => Session.GoToAsync(path);

    private Task SignInAsync(string username) => Session.SignInAsync(username, pastLanding: true);

    private Task SignOutAsync() => Session.SignOutAsync();

    private Task WaitInteractiveAsync() => Session.WaitInteractiveAsync();

    private ILocator Field(string testId) => Session.Field(testId);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private Task ShotAsync(string name) => Session.ShotAsync(name);
}
