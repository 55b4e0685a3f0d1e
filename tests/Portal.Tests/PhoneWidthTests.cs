using Liandong.Coordination;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liandong.Portal.Tests;

/// <summary>Every page usable on a phone: at 390 px the page itself never scrolls sideways (wide tables scroll inside their card).</summary>
[Collection(PlatformCollection.Name)]
public sealed class PhoneWidthTests(PlatformFixture platform, BrowserFixture browser) : BrowserTest(platform, browser, 390, 844, phone: true)
{
    [Fact]
    public async Task EveryPageFitsA390PixelScreen()
    {
        var meeting = (await Platform.Grains.GetGrain<IMeetingIndexGrain>("440883").ListAsync())[0].Id;
        var directive = (await Platform.Grains.GetGrain<IDirectiveIndexGrain>("440800").ListAsync())[0].Id;
        var matter = (await Platform.Grains.GetGrain<IMatterIndexGrain>("440800").ListAsync(null))[0].Id;
        string[] pages =
        [
            "/tasks", "/cities/440800", "/counties/440883", "/towns/440883107", "/projects/2023-440883-48-01-000123",
            "/matters", $"/matters/{matter}", $"/meetings/{meeting}", $"/directives/{directive}", "/financing/FR-2023-WC-001",
            "/admin/users", "/me", "/ops", "/missing-reports/440883?year=2023&month=5",
        ];

        await Session.SignInAsync("city.admin", pastLanding: true);
        var wide = new List<string>();
        foreach (var path in pages)
        {
            await Page.GotoAsync(path);
            await Assertions.Expect(Page.Locator(".mud-layout[data-interactive='true']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var width = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 390)
            {
                wide.Add($"{path}: {width}px");
                await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "phone-wide-" + path.Trim('/').Replace('/', '-') + ".png"), FullPage = true });
            }
        }

        await Page.GotoAsync("/counties/440883");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "30-phone-county.png"), FullPage = true });
        Assert.Empty(wide);

        // The county's financing table keeps request, project, amount and status on a phone: it fits its card, no sideways scroll.
        var finance = Page.GetByTestId("finance-panel");
        await Assertions.Expect(finance.GetByTestId("financing-table")).ToBeVisibleAsync();
        var widths = await finance.EvaluateAsync<int[]>("p => [Math.ceil(p.querySelector('table').getBoundingClientRect().width), p.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the financing table is {widths[0]} px wide in a card of {widths[1]} px at 390 px");
        await finance.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "31-phone-county-financing.png") });

        // The towns of the county, and the projects of a town, stay tables on a phone: one line per row with its name,
        // completion and light(s), within the card; not every cell stacked on a line of its own.
        await AssertOneLinePerRowAsync("child-table", visibleCells: 4);
        await Page.GotoAsync("/towns/440883107");
        await Assertions.Expect(Page.Locator(".mud-layout[data-interactive='true']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await AssertOneLinePerRowAsync("project-table", visibleCells: 3);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "32-phone-town.png"), FullPage = true });
    }

    /// <summary>The table's first body row shows <paramref name="visibleCells"/> cells side by side (their tops level, not stacked), within its card.</summary>
    private async Task AssertOneLinePerRowAsync(string testId, int visibleCells)
    {
        var table = Page.GetByTestId(testId);
        await Assertions.Expect(table.Locator("tbody tr").First).ToBeVisibleAsync();
        var shape = await table.EvaluateAsync<int[]>("""
            t => {
                const row = t.querySelector('tbody tr');
                const cells = [...row.children].filter(c => getComputedStyle(c).display !== 'none');
                const tops = new Set(cells.map(c => Math.round(c.getBoundingClientRect().top)));
                return [cells.length, tops.size,
                        Math.ceil(t.querySelector('table').getBoundingClientRect().width), t.closest('.panel, .mud-paper, main').clientWidth];
            }
            """);
        Assert.True(shape[0] == visibleCells && shape[1] == 1 && shape[2] <= shape[3],
            $"{testId} at 390 px: {shape[0]} visible cells (expected {visibleCells}) on {shape[1]} line(s) (expected side by side), table {shape[2]} px in a card of {shape[3]} px");
    }

    [Fact]
    public async Task TheNewWriteFormsFitA390PixelScreenWhenOpen()
    {
        (string Path, string[] Open)[] screens =
        [
            ("/projects/2021-440883-48-01-165184", ["matter-new", "factor-new", "tender-new", "project-owner-open", "leader-link-open"]),
            ("/tenders/WC-T-101", ["tender-correct"]),
            ("/leaders/440800-swsj", ["visit-new"]),
            ("/admin/registry", []),
            ("/admin/robots", []),
            ("/promotion/440881", []), // the lead form with its optional figures and the leader select
            ("/promotion/440800/referrers", []), // the referrer list and its registration form
        ];

        await Session.SignInAsync("city.admin", pastLanding: true);
        var wide = new List<string>();
        foreach (var (path, open) in screens)
        {
            await Page.GotoAsync(path);
            await Assertions.Expect(Page.Locator(".mud-layout[data-interactive='true']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            foreach (var button in open)
            {
                await Page.GetByTestId(button).ClickAsync();
            }

            if (await Page.GetByTestId("factor-move").CountAsync() > 0)
            {
                await Page.GetByTestId("factor-move").First.ClickAsync();
                await Assertions.Expect(Page.GetByTestId("factor-move-form")).ToBeVisibleAsync();
            }

            await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var width = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 390)
            {
                wide.Add($"{path}: {width}px");
                await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "phone-wide-forms-" + path.Trim('/').Replace('/', '-') + ".png"), FullPage = true });
            }
        }

        Assert.Empty(wide);
    }
}
