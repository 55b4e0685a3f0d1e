extern alias silo;

using Liandong.Promotion;
using static Microsoft.Playwright.Assertions;
using PromotionDemo = silo::Liandong.Silo.Demo.PromotionDemo;

namespace Liandong.Portal.Tests;

/// <summary>The investment-promotion pages in the browser: a follow-up through the lead page's form.</summary>
public sealed partial class PortalBrowserTests
{
    [Fact]
    public async Task AFollowUpRecordedThroughTheLeadPageFormShowsInItsTimeline()
    {
        var lead = Platform.Grains.GetGrain<ILeadGrain>(PromotionDemo.ShoeFactory);
        var before = await lead.GetAsync();
        await Session.SignInAsync("wuchuan.officer");
        await Page.GotoAsync($"/leads/{PromotionDemo.ShoeFactory}");
        await Session.WaitInteractiveAsync();
        await Expect(Page.GetByTestId("page-title")).ToContainTextAsync("EVA环保鞋");
        await Expect(Page.GetByTestId("lead-timeline")).ToContainTextAsync("开工");

        // An empty note is refused on its field, and nothing is recorded.
        await Page.GetByTestId("followup-submit").ClickAsync();
        await Expect(Field("followup-note")).ToContainTextAsync("请填写说明");
        Assert.Equal(before.Version, (await lead.GetAsync()).Version);

        await Page.GetByTestId("followup-note").FillAsync("二期设备已到厂，协调电力增容（测试）");
        await Page.GetByTestId("followup-note").PressAsync("Tab");
        await Page.GetByTestId("followup-submit").ClickAsync();

        await Expect(Page.GetByTestId("lead-timeline")).ToContainTextAsync("二期设备已到厂，协调电力增容（测试）");
        await ShotAsync("promotion-lead-followup");
        var after = await lead.GetAsync();
        var recorded = Assert.Single(after.FollowUps, f => f.Note == "二期设备已到厂，协调电力增容（测试）");
        Assert.Equal(("wuchuan.officer", FollowUpKind.Progress), (recorded.By, recorded.Kind));
    }

    [Fact]
    public async Task TheCountyPromotionPageShowsTheFunnelAndTheOverdueLeads()
    {
        await Session.SignInAsync("wuchuan.officer");
        await Page.GotoAsync("/promotion/440883?year=2023&month=6");
        await Session.WaitInteractiveAsync();
        await Expect(Page.GetByTestId("page-title")).ToContainTextAsync("招商引资");
        await Expect(Page.GetByTestId("promotion-leads")).ToHaveTextAsync("8");
        await Expect(Page.GetByTestId("promotion-funnel").Locator("svg")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("overdue-leads").Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(Page.GetByTestId("by-channel")).ToContainTextAsync("乡贤招商");
    }

    [Fact]
    public async Task TheLeadersPageListsTheLeadsItIsResponsibleForOverdueFirst()
    {
        await Session.SignInAsync("leader.secretary");
        await Page.GotoAsync("/leaders/440800-swsj");
        await Session.WaitInteractiveAsync();
        await Expect(Page.GetByTestId("leader-leads").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("leader-leads")).ToContainTextAsync("空港经济区航空物流分拨中心");
        await Expect(Page.GetByTestId("leader-leads")).ToContainTextAsync("已超期");
    }

    [Fact]
    public async Task KeyListFormsApplySubmitRaiseANeedFromAFailedCheckAndTheCityDecides()
    {
        var shoePark = Platform.Grains.GetGrain<Liandong.Reporting.IProjectGrain>(PromotionDemo.ShoePark);
        await Session.SignInAsync("wuchuan.officer");
        await Page.GotoAsync($"/projects/{PromotionDemo.ShoePark}");
        await Session.WaitInteractiveAsync();
        var provincial = Page.Locator($"[data-application='{PromotionDemo.ShoeParkApplication}']");

        // Submitting with its land not secured is refused, naming the check; nothing changes.
        await provincial.GetByTestId("listsubmit-submit").ClickAsync();
        await Expect(Page.GetByTestId("key-lists-error")).ToContainTextAsync("申报条件未齐备，不能提交：用地");
        await Expect(provincial.GetByTestId("list-status")).ToHaveTextAsync("草稿");

        // The failed land check becomes a factor need of the project in one form.
        var needsBefore = (await shoePark.GetAsync(Liandong.Reporting.PeriodQuery.Latest)).FactorNeeds.Length;
        await provincial.Locator("[data-check='land']").GetByTestId("checkneed-open").ClickAsync();
        await Page.GetByTestId("checkneed-submit").ClickAsync();
        await Expect(Page.Locator("#checkneed-departmentId + .native-field-message")).ToHaveTextAsync("请选择市直单位。");
        await Page.GetByTestId("checkneed-departmentId").SelectOptionAsync([$"440800-zrzyj"]);
        await Page.GetByTestId("checkneed-dueDate").FillAsync("2023-07-31");
        await Page.GetByTestId("checkneed-submit").ClickAsync();
        await Expect(Page.GetByTestId("checkneed-form")).ToHaveCountAsync(0);
        var needs = (await shoePark.GetAsync(Liandong.Reporting.PeriodQuery.Latest)).FactorNeeds;
        Assert.Equal(needsBefore + 1, needs.Length);
        var raised = needs.OrderBy(n => n.RaisedAt).Last();
        Assert.Equal((Liandong.Finance.FactorKind.Land, "440800-zrzyj", new DateOnly(2023, 7, 31), "wuchuan.officer"),
            (raised.Kind, raised.DepartmentId, raised.DueDate, raised.RaisedBy));

        // Apply for next year's provincial list: a missing year is refused on its field, then the draft appears with its checks.
        var next = ListApplicationIds.Of(KeyList.Provincial, 2024, PromotionDemo.ShoePark);
        await Page.GetByTestId("listapply-list").SelectOptionAsync(["Provincial"]);
        await Page.GetByTestId("listapply-kind").SelectOptionAsync(["Continuing"]);
        await Page.GetByTestId("listapply-submit").ClickAsync();
        await Expect(Field("listapply-year")).ToContainTextAsync("请填写年度");
        await Page.GetByTestId("listapply-year").FillAsync("2024");
        await Page.GetByTestId("listapply-year").PressAsync("Tab");
        await Page.GetByTestId("listapply-submit").ClickAsync();
        await Expect(Page.Locator($"[data-application='{next}'] [data-testid=list-status]")).ToHaveTextAsync("草稿");
        Assert.Equal(ListApplicationStatus.Draft, (await Platform.Grains.GetGrain<IListApplicationGrain>(next).GetAsync()).Status);

        // A ready project: the county submits it, and only the city's command office sees the decision form and records it.
        var downApplication = ListApplicationIds.Of(KeyList.Provincial, 2023, PromotionDemo.DownProject);
        await Page.GotoAsync($"/projects/{PromotionDemo.DownProject}");
        await Session.WaitInteractiveAsync();
        await Page.GetByTestId("listapply-list").SelectOptionAsync(["Provincial"]);
        await Page.GetByTestId("listapply-kind").SelectOptionAsync(["Preparatory"]);
        await Page.GetByTestId("listapply-year").FillAsync("2023");
        await Page.GetByTestId("listapply-year").PressAsync("Tab");
        await Page.GetByTestId("listapply-submit").ClickAsync();
        var down = Page.Locator($"[data-application='{downApplication}']");
        await down.GetByTestId("listsubmit-submit").ClickAsync();
        await Expect(down.GetByTestId("list-status")).ToHaveTextAsync("已申报");
        await Expect(down.GetByTestId("listdecide-form")).ToHaveCountAsync(0);

        await Session.SignInAsync("city.admin");
        await Page.GotoAsync($"/projects/{PromotionDemo.DownProject}");
        await Session.WaitInteractiveAsync();
        await down.GetByTestId("listdecide-included").SelectOptionAsync(["true"]);
        await down.GetByTestId("listdecide-date").FillAsync("2023-06-28");
        await down.GetByTestId("listdecide-note").FillAsync("列入2023年省重点建设前期预备项目（测试）");
        await down.GetByTestId("listdecide-submit").ClickAsync();
        await Expect(down.GetByTestId("list-status")).ToHaveTextAsync("已列入");
        await ShotAsync("promotion-key-list-forms");
        var decided = await Platform.Grains.GetGrain<IListApplicationGrain>(downApplication).GetAsync();
        Assert.Equal((ListApplicationStatus.Included, new DateOnly(2023, 6, 28)), (decided.Status, decided.DecisionDate));
    }

    [Fact]
    public async Task TheCommandOfficeSetsTheCitysDeadlinesThroughThePromotionPageAndACountyOfficerOnlyReadsThem()
    {
        var rules = Platform.Grains.GetGrain<IPromotionRulesGrain>("440800");
        await Session.SignInAsync("wuchuan.officer");
        await Page.GotoAsync("/promotion/440883");
        await Session.WaitInteractiveAsync();
        await Expect(Page.GetByTestId("promotion-rules")).ToHaveCountAsync(0); // the city's page carries them

        await Session.SignInAsync("city.admin");
        await Page.GotoAsync("/promotion/440800");
        await Session.WaitInteractiveAsync();
        await Expect(Page.GetByTestId("rules-respondDays")).ToHaveValueAsync("1");

        // A zero is refused on its field, nothing stored; two days to respond become the next version, with who set it.
        var before = (await rules.GetAsync()).Version;
        await Page.GetByTestId("rules-respondDays").FillAsync("0");
        await Page.GetByTestId("rules-respondDays").PressAsync("Tab");
        await Page.GetByTestId("rules-submit").ClickAsync();
        await Expect(Field("rules-respondDays")).ToContainTextAsync("须在1至366天之间"); // the shared rule (PromotionRules.Rules), in the portal's language
        Assert.Equal(before, (await rules.GetAsync()).Version);

        await Page.GetByTestId("rules-respondDays").FillAsync("2");
        await Page.GetByTestId("rules-respondDays").PressAsync("Tab");
        await Page.GetByTestId("rules-submit").ClickAsync();
        await Expect(Page.GetByTestId("promotion-rules-version")).ToContainTextAsync("city.admin");
        var after = await rules.GetAsync();
        Assert.Equal((before + 1, PromotionRules.Default with { RespondDays = 2 }, "city.admin"), (after.Version, after.Rules, after.History[^1].By));
        await rules.SetAsync(PromotionRules.Default, "test"); // the demo's rules again, for the tests that follow
    }
}

