using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Organisations;
using Assett.Tenancy;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Assett.Web.Tests.Browser;

/// <summary>
/// The questionnaire in Chromium, on a phone-sized screen: an answer is saved as it is clicked (the
/// autosave script), survives a reload, and the pages have no serious or critical axe violation.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class QuestionnaireInBrowserShould(PostgresServer server, Chromium chromium) : IAsyncLifetime
{
    private const string Password = "Clé-Secrète-2026";
    private AssettWebFactory _factory = null!;
    private Uri _site = null!;

    public async ValueTask InitializeAsync()
    {
        _factory = new AssettWebFactory(await server.CreateDatabaseAsync());
        _site = LiveServer.Start(_factory);
        var user = new AssettUser { Id = Guid.NewGuid(), UserName = "gerante@boulangerie.example", Email = "gerante@boulangerie.example", EmailConfirmed = true };
        await using (var scope = _factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UserManager<AssettUser>>().CreateAsync(user, Password);
        var tenant = await _factory.Services.GetRequiredService<ITenantStore>().FindByIdentifierAsync("grand-poitiers");
        using var current = new MultiTenantContextAccessor().Change(tenant);
        await using var db = AssettDbContextOptions.Create(_factory.Services.GetRequiredService<AssettDatabase>().AppConnectionString);
        var organisation = new Organisation { Id = Guid.NewGuid(), Siret = "73282932000074", Name = "Boulangerie du Clain" };
        db.Organisations.Add(organisation);
        db.Memberships.Add(new Membership { Id = Guid.NewGuid(), UserId = user.Id, OrganisationId = organisation.Id, Role = MembershipRole.OrganisationOwner });
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task SaveAnAnswerAsItIsClickedOnAPhone()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = _site.ToString(), ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/t/grand-poitiers/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync("gerante@boulangerie.example");
        await page.GetByLabel("Mot de passe").FillAsync(Password);
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
        await page.GotoAsync("/t/grand-poitiers/resultats");
        var results = await ViolationsAsync(page);

        Assert.True(checkedAfterReload);
        Assert.True(home.Count + measure.Count + results.Count == 0, string.Join("\n", home.Concat(measure).Concat(results)));
    }

    /// <summary>The serious and critical violations of axe-core on the page, as readable lines.</summary>
    private static async Task<List<string>> ViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
    }
}
