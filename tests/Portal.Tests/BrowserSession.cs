using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Liandong.Portal.Tests;

/// <summary>
/// One test's browser on the platform: a fresh context (its own cookies) at a given screen size, its page, the
/// sign-in every browser test starts with, and a picture of what the browser showed when the test failed.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private BrowserSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Opens a context on the platform in Chinese at <paramref name="width"/> × <paramref name="height"/> (a phone with <paramref name="phone"/>).</summary>
    public static async Task<BrowserSession> OpenAsync(PlatformFixture platform, BrowserFixture browser, int width = 1440, int height = 900, bool phone = false)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = platform.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            IsMobile = phone,
            HasTouch = phone,
        });
        context.SetDefaultTimeout(20_000);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    /// <summary>
    /// Signs in through the login form and waits until the browser has left it; with <paramref name="pastLanding"/>,
    /// also until the landing redirect from <c>/</c> has happened (only the navigation committed, not loaded).
    /// </summary>
    public async Task SignInAsync(string username, string password = "demo", bool pastLanding = false)
    {
        await Page.GotoAsync("/login");
        await Page.GetByTestId("login-username").FillAsync(username);
        await Page.GetByTestId("login-password").FillAsync(password);
        await Page.GetByTestId("login-submit").ClickAsync();
        if (pastLanding)
        {
            await Page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal) && !url.EndsWith('/'), new() { WaitUntil = WaitUntilState.Commit });
        }
        else
        {
            await Page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        }
    }

    /// <summary>Waits until Blazor has connected, so that clicks reach their handlers.</summary>
    public Task WaitInteractiveAsync() =>
        Assertions.Expect(Page.Locator(".mud-layout[data-interactive='true']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });

    /// <summary>Opens a page of the portal and waits until it is interactive.</summary>
    public async Task GoToAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitInteractiveAsync();
    }

    /// <summary>Signs out through the menu bar and waits for the login page.</summary>
    public async Task SignOutAsync()
    {
        await WaitInteractiveAsync();
        await Page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/login"), new() { Timeout = 20_000 });
    }

    /// <summary>The MudBlazor input around the element with this test id, where its field message shows.</summary>
    public ILocator Field(string testId) => Page.Locator(".mud-input-control").Filter(new() { Has = Page.GetByTestId(testId) });

    /// <summary>The native field (a select) around the element with this test id, where its field message shows.</summary>
    public ILocator NativeField(string testId) => Page.Locator(".native-field").Filter(new() { Has = Page.GetByTestId(testId) });

    /// <summary>A full-page picture in the screenshot directory, once the page has settled.</summary>
    public async Task ShotAsync(string name)
    {
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        // A failed test leaves a picture of what the browser showed.
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            await Page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "failed-" + TestContext.Current.TestMethod?.MethodName + ".png"),
                FullPage = true,
            });
        }

        await _context.DisposeAsync();
    }
}
