extern alias silo;

using System.Globalization;
using Liandong.Client.Portal;
using Liandong.Promotion;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using PromotionDemo = silo::Liandong.Silo.Demo.PromotionDemo;

namespace Liandong.Portal.Tests;

/// <summary>
/// The city's referrer list (引荐人, /promotion/{city}/referrers) in the browser: reached from the promotion page, it lists the
/// demo's referrers with the figures of their own pages; the command office registers one through its form (a bad field
/// refused on that field in Chinese, nothing registered; a good one listed at once); a leader, who reads the city but may
/// not register referrers, sees the list without the form. Rows are found by the referrer's id, never by position.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ReferrersBrowserTests(PlatformFixture platform, BrowserFixture browser) : BrowserTest(platform, browser)
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    private ILocator Field(string testId) => Session.Field(testId);

    private ILocator Row(string id) => Page.GetByTestId($"referrer-row-{id}");

    private async Task FillAsync(string testId, string value)
    {
        await Page.GetByTestId(testId).FillAsync(value);
        await Page.GetByTestId(testId).PressAsync("Tab");
    }

    [Fact]
    public async Task TheCommandOfficeFindsTheDemoReferrersAndRegistersOneThroughTheForm()
    {
        await Session.SignInAsync("city.admin");
        await Page.GotoAsync("/promotion/440800");
        await Session.WaitInteractiveAsync();
        await Page.GetByTestId("referrers-link").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/promotion/440800/referrers$"));
        await Expect(Page.GetByTestId("page-title")).ToHaveTextAsync("引荐人");

        // Each demo referrer, with the figures its own page shows (read from the grain: other tests may move demo leads).
        foreach (var (id, name) in new[]
                 {
                     (PromotionDemo.ShenzhenChamber, "深圳市吴川商会（演示）"), (PromotionDemo.ChenXiangxian, "陈先生（乡贤，演示）"),
                     (PromotionDemo.LiXiangxian, "李女士（乡贤，演示）"),
                 })
        {
            var view = await Platform.Grains.GetGrain<IReferrerGrain>(id).GetAsync();
            await Expect(Row(id)).ToContainTextAsync(name);
            await Expect(Row(id).Locator("td").Nth(3)).ToHaveTextAsync(view.Leads.Length.ToString(CultureInfo.InvariantCulture));
            await Expect(Row(id).Locator("td").Nth(4)).ToHaveTextAsync(Formatting.Money(view.SignedAmount, Chinese));
            await Expect(Row(id).Locator("td").Nth(5)).ToHaveTextAsync(view.Projects.ToString(CultureInfo.InvariantCulture));
            await Expect(Row(id).Locator("td").Nth(6)).ToHaveTextAsync(Formatting.Money(view.ProjectInvestment, Chinese));
            Assert.Equal($"/referrers/{id}", await Row(id).Locator("a").GetAttributeAsync("href"));
        }

        await Expect(Row(PromotionDemo.ShenzhenChamber)).ToContainTextAsync("商会");
        await Session.ShotAsync("promotion-referrers");

        // A home town that is no code of the city: refused on its field in Chinese, and nothing is registered.
        var suffix = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture)[^6..];
        var id2 = $"440800-test-huang-{suffix}";
        var name2 = $"黄先生（测试{suffix}）";
        await Expect(Page.GetByTestId("referrer-id")).ToHaveValueAsync("440800-");
        await FillAsync("referrer-id", id2);
        await FillAsync("referrer-name", name2);
        await Page.GetByTestId("referrer-kind").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").GetByText("乡贤", new() { Exact = true }).ClickAsync();
        await Expect(Page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await FillAsync("referrer-hometownCode", "441802");
        await Page.GetByTestId("referrer-submit").ClickAsync();
        await Expect(Field("referrer-hometownCode")).ToContainTextAsync("家乡须为本市的县（市、区）代码或镇街代码");
        await Expect(Field("referrer-name")).Not.ToContainTextAsync("请填写");
        Assert.Null(await Platform.Grains.GetGrain<IReferrerGrain>(id2).GetInfoAsync());
        await Expect(Row(id2)).ToHaveCountAsync(0);

        // Wuchuan's 塘㙍镇 as its home town: registered, and listed at once with nothing brought yet.
        await FillAsync("referrer-hometownCode", PromotionDemo.DownTown);
        await Page.GetByTestId("referrer-submit").ClickAsync();
        await Expect(Row(id2)).ToContainTextAsync(name2);
        await Expect(Row(id2)).ToContainTextAsync("乡贤");
        await Expect(Row(id2).Locator("td").Nth(3)).ToHaveTextAsync("0");
        await Expect(Row(id2).GetByTestId("referrer-hometown")).ToHaveTextAsync("吴川市塘㙍镇");
        var info = await Platform.Grains.GetGrain<IReferrerGrain>(id2).GetInfoAsync();
        Assert.Equal((name2, ReferrerKind.Xiangxian, PromotionDemo.DownTown), (info!.Name, info.Kind, info.HometownCode));

        // The row opens the referrer's own page.
        await Row(id2).Locator("a").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/referrers/{id2}$"));
        await Expect(Page.GetByTestId("page-title")).ToContainTextAsync(name2);
    }

    [Fact]
    public async Task ALeaderReadsTheCitysReferrersButIsNotOfferedTheForm()
    {
        await Session.SignInAsync("leader.secretary");
        await Page.GotoAsync("/promotion/440800/referrers");
        await Session.WaitInteractiveAsync();
        await Expect(Row(PromotionDemo.ChenXiangxian)).ToContainTextAsync("陈先生（乡贤，演示）");
        await Expect(Row(PromotionDemo.ShenzhenChamber)).ToContainTextAsync("深圳市吴川商会（演示）");
        await Expect(Page.GetByTestId("referrer-form")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("referrer-submit")).ToHaveCountAsync(0);
    }
}
