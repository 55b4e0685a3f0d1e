using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Liandong.Finance;
using Liandong.Reporting;
using Liandong.Tenders;
using Microsoft.Playwright;

namespace Liandong.Portal.Tests;

/// <summary>
/// The two writes that were API-only: correcting an entered tender process on its page (更正, the entry form prefilled)
/// and setting a project's owner enterprise (项目业主) on the project page. Each is offered only to whom the service
/// lets do it, shows the API's field rules on the field in Chinese, changes nothing when refused, and records what
/// it was given. The projects are ones no other browser test reads: this test's own tender and a project without owner.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CorrectionFormsBrowserTests(PlatformFixture platform, BrowserFixture browser) : BrowserTest(platform, browser, 1280, 900)
{
    private const string TenderProject = "2021-440883-48-01-043383"; // 塘尾片区新型城镇化示范项目: no demo process, no other test's
    private const string OwnerProject = "2023-440883-48-01-290840";  // 鉴江西岸城市更新项目: no owner in the demo, no other test's

    [Fact]
    public async Task TheCommandOfficeCorrectsAnEnteredTenderAndItsShortWindowAlertIsCleared()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var title = $"片区道路及管网工程施工招标（{tag}）";
        var corrected = $"片区道路及管网工程施工招标（更正，{tag}）";
        var bidders = new[] { "湛江市港城市政工程有限公司", "吴川市鉴江建筑工程有限公司", "广东南海湾建设集团有限公司" }
            .Select((name, i) => new { id = NewCreditCode(), name, contactPhone = $"0759-55{i}0001", price = 590 - i * 5, status = "valid" })
            .ToArray();

        // The county enters the process through the API: 11 days from the sale to the deadline (the law asks for 20).
        using var county = await Platform.SignedInAsync("wuchuan.officer");
        var created = await county.PostAsJsonAsync($"/api/v1/projects/{TenderProject}/tenders", new
        {
            title,
            kind = "works",
            method = "open",
            budget = 600,
            stateFunded = true,
            noticeDate = "2023-05-04",
            documentsFrom = "2023-05-04",
            documentsTo = "2023-05-10",
            bidDeadline = "2023-05-15",
            bidBondPercent = 1,
            bidders,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var tender = Platform.Grains.GetGrain<ITenderGrain>(id);
        Assert.Contains(await OpenAlertsAsync(id), f => f.Indicator == "CN-window");

        // An inspector reads the process and its alerts but may not write the project: no correction offered.
        await SignInAsync("inspector.demo");
        await OpenAsync($"/tenders/{id}");
        await Expect(Page.GetByTestId("page-title")).ToHaveTextAsync(title);
        await Expect(Page.GetByTestId("tender-flags")).ToContainTextAsync("CN-window");
        await Expect(Page.GetByTestId("tender-correct")).ToHaveCountAsync(0);
        await SignOutAsync();

        await SignInAsync("city.admin");
        await OpenAsync($"/tenders/{id}");
        await Page.GetByTestId("tender-correct").ClickAsync();

        // The entry form, prefilled with the process as it stands.
        await Expect(Page.GetByTestId("tender-title")).ToHaveValueAsync(title);
        await Expect(Page.GetByTestId("tender-kind")).ToHaveValueAsync("Works");
        await Expect(Page.GetByTestId("tender-method")).ToHaveValueAsync("Open");
        await Expect(Page.GetByTestId("tender-budget")).ToHaveValueAsync("600");
        await Expect(Page.GetByTestId("tender-bidDeadline")).ToHaveValueAsync("2023-05-15");
        await Expect(Page.GetByTestId("tender-bidder-name-1")).ToHaveValueAsync(bidders[1].name);
        await Expect(Page.GetByTestId("tender-bidder-price-2")).ToHaveValueAsync("580");

        // A sale that ends before it starts: on its field, in Chinese; the process is not touched.
        await Page.GetByTestId("tender-documentsTo").FillAsync("2023-05-01");
        await Page.GetByTestId("tender-submit").ClickAsync();
        await Expect(Field("tender-documentsTo")).ToContainTextAsync("招标文件发售截止日期不能早于发售开始日期");
        await ShotAsync("correction-tender-refused");
        var unchanged = await tender.GetAsync();
        Assert.Equal((1L, 0, new DateOnly(2023, 5, 10)), (unchanged.Record.Version, unchanged.Corrections.Length, unchanged.Record.Data.DocumentsTo!.Value));

        // The correction: a 21-day window, a new budget and title.
        await Page.GetByTestId("tender-documentsTo").FillAsync("2023-05-10");
        await Page.GetByTestId("tender-bidDeadline").FillAsync("2023-05-25");
        await Page.GetByTestId("tender-budget").FillAsync("650");
        await Page.GetByTestId("tender-title").FillAsync(corrected);
        await Page.GetByTestId("tender-submit").ClickAsync();
        await Expect(Page.GetByTestId("tender-form")).ToHaveCountAsync(0);

        // The page shows the corrected process, its window no longer breached and its alert recomputed away.
        await Expect(Page.GetByTestId("page-title")).ToHaveTextAsync(corrected);
        await Expect(Page.Locator("[data-testid=timeline] tr[data-step=CN-window]")).ToContainTextAsync("2023年5月25日");
        await Expect(Page.Locator("[data-testid=timeline] tr.row-breach[data-step=CN-window]")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("tender-flags")).Not.ToContainTextAsync("CN-window");
        await ShotAsync("correction-tender-done");

        var saved = await tender.GetAsync();
        var d = saved.Record.Data;
        Assert.Equal((2L, 1, "city.admin"), (saved.Record.Version, saved.Corrections.Length, saved.Record.UpdatedBy));
        Assert.Equal((corrected, 650m, new DateOnly(2023, 5, 25), TenderSource.Entered), (d.Title, d.Budget!.Value, d.BidDeadline!.Value, saved.Record.Placement.Source));
        Assert.Equal(bidders.Select(b => (b.id, b.name, (string?)b.contactPhone, (decimal?)b.price)), d.Bidders.Select(b => (b.Id, b.Name, b.ContactPhone, b.Price)));
        Assert.Equal(title, saved.Corrections[0].Data.Title);
        Assert.DoesNotContain(await OpenAlertsAsync(id), f => f.Indicator == "CN-window");
    }

    [Fact]
    public async Task ACountyOfficerSetsAProjectsOwnerAndARefusedCodeChangesNothing()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var credit = NewCreditCode("440883");
        var name = $"吴川市鉴江西岸城市更新建设有限公司（{tag}）";
        await Platform.Grains.GetGrain<IEnterpriseGrain>(credit).RegisterAsync(name, "440883", "test");
        var project = Platform.Grains.GetGrain<IProjectGrain>(OwnerProject);
        Assert.Null((await project.GetOwnershipAsync()).Owner);

        // An inspector reads the project but does not decide its owner.
        await SignInAsync("inspector.demo");
        await OpenAsync($"/projects/{OwnerProject}");
        await Expect(Page.GetByTestId("page-title")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("project-owner-open")).ToHaveCountAsync(0);
        await SignOutAsync();

        await SignInAsync("wuchuan.officer");
        await OpenAsync($"/projects/{OwnerProject}");
        await Page.GetByTestId("project-owner-open").ClickAsync();

        // A wrong check character: on the field, in Chinese; no owner set.
        var wrong = credit[..17] + (credit[17] == '0' ? '1' : '0');
        await Page.GetByTestId("project-owner-creditCode").FillAsync(wrong);
        await Page.GetByTestId("project-owner-submit").ClickAsync();
        await Expect(Field("project-owner-creditCode")).ToContainTextAsync("统一社会信用代码不正确");
        Assert.Null((await project.GetOwnershipAsync()).Owner);

        // A well-formed code of no registered enterprise: the service's refusal, in Chinese; no owner set.
        var unknown = NewCreditCode("440883");
        await Page.GetByTestId("project-owner-creditCode").FillAsync(unknown);
        await Page.GetByTestId("project-owner-submit").ClickAsync();
        await Expect(Page.GetByTestId("project-owner-error")).ToContainTextAsync("尚未登记");
        await ShotAsync("correction-owner-refused");
        Assert.Null((await project.GetOwnershipAsync()).Owner);

        // Typed in lower case, the code is read as the API reads it.
        await Page.GetByTestId("project-owner-creditCode").FillAsync(credit.ToLowerInvariant());
        await Page.GetByTestId("project-owner-submit").ClickAsync();
        await Expect(Page.GetByTestId("project-owner-form")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("owner")).ToContainTextAsync(name);
        await ShotAsync("correction-owner-done");

        var owner = (await project.GetOwnershipAsync()).Owner;
        Assert.NotNull(owner);
        Assert.Equal((credit, name), (owner.CreditCode, owner.Name));
        Assert.Contains((await Platform.Grains.GetGrain<IEnterpriseGrain>(credit).GetAsync()).Projects, p => p.Code == OwnerProject);
    }

    private async Task<IEnumerable<IntegrityFlag>> OpenAlertsAsync(string tenderId)
    {
        var (flags, _) = await Platform.Grains.GetGrain<IIntegrityGrain>("440800").GetFlagsAsync();
        return flags.Where(f => f.Finding.TenderId == tenderId && f.Status != FlagStatus.Cleared);
    }

    /// <summary>A well-formed unified social credit code no demo enterprise holds.</summary>
    private static string NewCreditCode(string division = "440800")
    {
        var digits = string.Concat(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('0' + b % 10)));
        return CreditCodes.Complete("91" + division + digits + CreditCodes.OrganizationCheckCharacter(digits));
    }

    private Task OpenAsync(string path) => Session.GoToAsync(path);

    private Task SignInAsync(string username) => Session.SignInAsync(username, pastLanding: true);

    private Task SignOutAsync() => Session.SignOutAsync();

    private Task WaitInteractiveAsync() => Session.WaitInteractiveAsync();

    private ILocator Field(string testId) => Session.Field(testId);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private Task ShotAsync(string name) => Session.ShotAsync(name);
}
