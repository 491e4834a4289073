using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Assett.Web.Tests.Browser;

/// <summary>
/// axe-core on each page a browser test shows, and the finish of issue 20: nothing wider than the viewport, one current
/// item in the header's menu, no error message on a page just opened. Violations are collected as the test walks, then
/// asserted once at its end, so that one run lists them all.
/// </summary>
public sealed class AxeAudit
{
    private readonly List<string> _violations = [];

    /// <summary>Opens the page (the document is enough: a busy machine may never fire every resource's load event in time), then checks it.</summary>
    public async Task VisitAsync(IPage page, string path)
    {
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        // The DSFR's pattern: a field shows its error once a submit found one, never before.
        var errors = await page.Locator(".fr-error-text, .fr-message--error").AllInnerTextsAsync();
        if (errors.Count > 0) _violations.Add($"{page.Url}: error text before any submit: {string.Join(" | ", errors)}");
        await CheckAsync(page);
    }

    public async Task CheckAsync(IPage page)
    {
        // Nothing wider than the viewport: at 390 px, a cut column or button is as bad as a contrast error.
        var widest = await page.EvaluateAsync<string?>(WidestElement);
        if (widest is not null) _violations.Add($"{page.Url}: wider than the viewport: {widest}");
        var current = await page.Locator(".fr-header [aria-current=page]").CountAsync();
        if (current > 1) _violations.Add($"{page.Url}: {current} items of the header's menu are aria-current");
        var result = await page.RunAxe();
        _violations.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
    }

    /// <summary>The page's widest element beyond the viewport's width (outside scrollable boxes), or null when everything fits.</summary>
    private const string WidestElement = """
        () => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width + 1) return null;
            const inScroller = e => {
                for (let p = e.parentElement; p; p = p.parentElement)
                    if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
                return false;
            };
            const over = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 1 && !inScroller(e));
            const e = over.sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)[0];
            if (!e) return `document ${document.documentElement.scrollWidth} px of ${width}`;
            const right = Math.round(e.getBoundingClientRect().right);
            return `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (${right} px of ${width}): ${(e.textContent || '').trim().slice(0, 60)}`;
        }
        """;

    public void AssertNone() => Assert.True(_violations.Count == 0, string.Join("\n", _violations));
}
