using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Assett.Web.Tests.Browser;

/// <summary>
/// axe-core on each page a browser test shows: serious and critical violations are collected as the test walks,
/// then asserted once at its end, so that one run lists them all.
/// </summary>
public sealed class AxeAudit
{
    private readonly List<string> _violations = [];

    /// <summary>Opens the page (the document is enough: a busy machine may never fire every resource's load event in time), then checks it.</summary>
    public async Task VisitAsync(IPage page, string path)
    {
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await CheckAsync(page);
    }

    public async Task CheckAsync(IPage page)
    {
        var result = await page.RunAxe();
        _violations.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
    }

    public void AssertNone() => Assert.True(_violations.Count == 0, string.Join("\n", _violations));
}
