using Microsoft.Playwright;

namespace Assett.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright, launched once for every browser test (a launch takes 2 to
/// 3 seconds). The binary is <c>/usr/lib/chromium/chromium</c> unless <c>ASSETT_CHROMIUM</c> names another.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium is not started.");

    public async ValueTask InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("ASSETT_CHROMIUM") ?? "/usr/lib/chromium/chromium";
        if (!File.Exists(executable))
            throw new InvalidOperationException(
                $"Chromium is missing at {executable}: run `apt-get install -y chromium` (tests/run.sh does it) or set ASSETT_CHROMIUM.");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = executable, Headless = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>Browser tests share one Chromium, and run one after the other.</summary>
[CollectionDefinition(nameof(BrowserTests))]
public sealed class BrowserTests : ICollectionFixture<Chromium>;
