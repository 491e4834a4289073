using Microsoft.Playwright;

namespace Assett.Web.Features.Shared.Printing;

/// <summary>
/// Prints a printable page's HTML to PDF with Chromium (through Playwright), so that the PDF and the
/// page never differ (docs/decisions.md). The HTML is self-contained: the browser fetches nothing and
/// runs no script. Chromium is <c>Assett:Chromium</c>, else Debian's; without it there is no PDF and
/// the pages say to print instead. One browser for the host, one page at a time.
/// </summary>
public sealed class PdfPrinter(IConfiguration configuration, ILogger<PdfPrinter> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _executable = configuration["Assett:Chromium"] ?? "/usr/lib/chromium/chromium";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public bool Available => File.Exists(_executable);

    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _playwright ??= await Playwright.CreateAsync();
            if (_browser is not { IsConnected: true })
            {
                logger.LogInformation("Starting Chromium ({Executable}) for PDFs", _executable);
                _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = _executable, Headless = true });
            }
            await using var context = await _browser.NewContextAsync(new() { JavaScriptEnabled = false, Locale = "fr-FR" });
            await context.RouteAsync("**/*", route => route.AbortAsync());
            var page = await context.NewPageAsync();
            await page.SetContentAsync(html);
            return await page.PdfAsync(new()
            {
                Format = "A4", PrintBackground = true, Margin = new() { Top = "15mm", Bottom = "15mm", Left = "15mm", Right = "15mm" },
            });
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        _gate.Dispose();
    }
}
