using Microsoft.Playwright;

namespace Liandong.Portal.Tests;

/// <summary>
/// A browser test on the shared platform: each test gets its own <see cref="BrowserSession"/> at the given screen size,
/// opened before the test and closed after it (with a picture of the page when the test failed).
/// </summary>
public abstract class BrowserTest(PlatformFixture platform, BrowserFixture browser, int width = 1440, int height = 900, bool phone = false)
    : IAsyncLifetime
{
    private BrowserSession? _session;

    protected PlatformFixture Platform { get; } = platform;

    protected BrowserSession Session => _session ?? throw new InvalidOperationException("The browser session opens in InitializeAsync.");

    protected IPage Page => Session.Page;

    public async ValueTask InitializeAsync() => _session = await BrowserSession.OpenAsync(Platform, browser, width, height, phone);

    public ValueTask DisposeAsync() => _session?.DisposeAsync() ?? ValueTask.CompletedTask;
}
