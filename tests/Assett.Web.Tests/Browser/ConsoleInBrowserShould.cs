using Assett.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Assett.Web.Tests.Browser;

/// <summary>
/// The Cerema console in Chromium, on a desktop and on a phone: the territories' state, the national
/// figures, a version diff and the printable bilan of the scheme. axe-core finds no serious or critical violation.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class ConsoleInBrowserShould(PostgresServer server, Chromium chromium) : WebHostTest(server)
{
    private const string Administrator = "cerema@exemple.fr";
    private Uri _site = null!;
    private readonly AxeAudit _axe = new();

    protected override async Task ArrangeAsync()
    {
        _site = LiveServer.Start(Factory);
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserManager<AssettUser>>().CreateAsync(
            new AssettUser { Id = Guid.NewGuid(), UserName = Administrator, Email = Administrator, EmailConfirmed = true, IsPlatformAdministrator = true },
            AssettWebFactory.OfficerPassword);
    }

    [Theory]
    [InlineData(1280, 800, false)]
    [InlineData(390, 844, true)]
    public async Task WalkTheTerritoriesTheNationalFiguresAVersionDiffAndTheBilan(int width, int height, bool phone)
    {
        await using var context = await chromium.Browser.NewContextAsync(new()
        {
            BaseURL = _site.ToString(), ViewportSize = new() { Width = width, Height = height }, IsMobile = phone, HasTouch = phone, Locale = "fr-FR",
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await _axe.VisitAsync(page, "/connexion?ReturnUrl=%2Fplateforme");
        await page.GetByLabel("Adresse électronique").FillAsync(Administrator);
        await page.GetByLabel("Mot de passe").FillAsync(AssettWebFactory.OfficerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).LeadsToAsync("**/plateforme");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { NameRegex = new(TestTerritories.FirstName) })).ToBeVisibleAsync();
        await _axe.CheckAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Chiffres nationaux" }).LeadsToAsync("**/plateforme/chiffres");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Parcours des organisations" })).ToBeVisibleAsync();
        await _axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Bilan du dispositif (à imprimer)" }).LeadsToAsync("**handler=Bilan**");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bilan du dispositif ASSETT" })).ToBeVisibleAsync();
        await _axe.CheckAsync(page);

        await _axe.VisitAsync(page, "/plateforme/referentiels");
        var overseas = await Factory.InTerritoryAsync(TestTerritories.Overseas, db => db.ReferentialVersions.Select(v => v.Id).SingleAsync());
        var north = await Factory.InTerritoryAsync(TestTerritories.First, db => db.ReferentialVersions.Select(v => v.Id).SingleAsync());
        await page.GetByLabel("Version de départ").SelectOptionAsync($"{TestTerritories.Overseas}:{overseas}");
        await page.GetByLabel("Version d’arrivée").SelectOptionAsync($"{TestTerritories.First}:{north}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Comparer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = "assett_1.L1", Exact = true })).ToBeVisibleAsync();
        await _axe.CheckAsync(page);

        _axe.AssertNone();
    }
}
