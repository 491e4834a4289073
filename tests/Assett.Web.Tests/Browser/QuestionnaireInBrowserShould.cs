using Assett.Web.Tests.Features;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Assett.Web.Tests.Browser;

/// <summary>
/// The questionnaire in Chromium, on a phone-sized screen: an answer is saved as it is clicked (the
/// autosave script), survives a reload, and the journey's pages have no serious or critical axe violation.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class QuestionnaireInBrowserShould(PostgresServer server, Chromium chromium) : IAsyncLifetime
{
    private AssettWebFactory _factory = null!;
    private Uri _site = null!;

    public async ValueTask InitializeAsync()
    {
        _factory = new AssettWebFactory(await server.CreateDatabaseAsync());
        _site = LiveServer.Start(_factory);
        await Boulangerie.SeedAsync(_factory);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task SaveAnAnswerAsItIsClickedOnAPhone()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = _site.ToString(), ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/t/grand-poitiers/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(Boulangerie.Owner);
        await page.GetByLabel("Mot de passe").FillAsync(Boulangerie.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync("**/t/grand-poitiers/");

        await page.GotoAsync("/t/grand-poitiers/evaluation");
        var home = await ViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new("^Commencer") }).ClickAsync();
        var task = page.Locator("fieldset#assett_1-1-1-1");
        await task.GetByText("Fait", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(task.Locator("[data-state]")).ToContainTextAsync("Enregistré à");
        var measure = await ViolationsAsync(page);
        await page.ReloadAsync();
        var checkedAfterReload = await page.Locator("#assett_1-1-1-1-fait").IsCheckedAsync();
        var others = new List<string>();
        foreach (var path in new[] { "resultats", "organisation/profil", "boite-a-outils", "plan-action", "resultats/progression" })
        {
            await page.GotoAsync($"/t/grand-poitiers/{path}");
            others.AddRange(await ViolationsAsync(page));
        }

        Assert.True(checkedAfterReload);
        Assert.True(home.Count + measure.Count + others.Count == 0, string.Join("\n", home.Concat(measure).Concat(others)));
    }

    /// <summary>The serious and critical violations of axe-core on the page, as readable lines.</summary>
    private static async Task<List<string>> ViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
    }
}
