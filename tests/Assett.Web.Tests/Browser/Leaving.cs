using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Assett.Web.Tests.Browser;

/// <summary>
/// Leaving a page by a button or a link, and arriving at the next one, without Playwright's load-state events: on a loaded
/// machine the client sometimes missed the new document's « domcontentloaded » and waited a minute with the page long
/// shown (issue 20's flaky runs; reproduced with one core kept busy, the log showing only « NetworkIdle event fired »).
/// Here the answer is awaited on the network, the address is read, and the document's own readyState is polled.
/// The control is pressed from the keyboard (focus, then Enter), as a keyboard user does, wherever it is drawn.
/// </summary>
public static class Leaving
{
    private const int Timeout = 30_000;

    /// <summary>Presses the control and waits for the page at <paramref name="url"/> (a glob: ** any text, * any text without a slash).</summary>
    public static Task LeadsToAsync(this ILocator control, string url) => control.LeadsToAsync(Glob(url));

    public static async Task LeadsToAsync(this ILocator control, Func<string, bool> url)
    {
        var page = control.Page;
        var name = (await control.TextContentAsync() ?? "").Trim();
        IResponse document;
        try
        {
            // Redirects are followed: the document is the first navigation answer that is not one.
            document = await page.RunAndWaitForResponseAsync(() => control.PressAsync("Enter"),
                r => r.Request.IsNavigationRequest && r.Frame == page.MainFrame && r.Status is < 300 or >= 400, new() { Timeout = Timeout });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Pressing « {name} » loaded no page in {Timeout / 1000} s: still at {page.Url}.");
            return;
        }
        if (document.Status >= 400)
            Assert.Fail($"Pressing « {name} » answered {document.Status} at {document.Url}.");
        await page.ArriveAsync(url);
    }

    /// <summary>Waits until the page shows a document at that address, parsed.</summary>
    public static Task ArriveAsync(this IPage page, string url) => page.ArriveAsync(Glob(url));

    public static async Task ArriveAsync(this IPage page, Func<string, bool> url)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(Timeout);
        while (!url(page.Url))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Still at {page.Url} after {Timeout / 1000} s.");
            await Task.Delay(50);
        }
        await page.WaitForFunctionAsync("() => document.readyState !== 'loading'", null, new() { Timeout = Timeout });
    }

    private static Func<string, bool> Glob(string glob)
    {
        var pattern = Regex.Escape(glob).Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*");
        var regex = new Regex($"^{pattern}$");
        return regex.IsMatch;
    }
}
