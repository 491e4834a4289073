using Assett.Data.Accounts;
using Assett.Data.Invitations;
using Assett.Data.Organisations;
using Microsoft.Playwright;

namespace Assett.Web.Tests.Browser;

/// <summary>
/// The business owner's journey in Chromium, on a desktop and on a phone: from the invitation link to
/// the results, through the questionnaire (answers saved as they are clicked, and still there after a
/// reload), the profile, the toolbox and the action plan. Every page passes axe-core with no serious
/// or critical violation.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class JourneyInBrowserShould(PostgresServer server, Chromium chromium) : WebHostTest(server)
{
    private const string Email = "gerante@boulangerie.example";

    private Uri _site = null!;
    private string _invitation = "";
    private readonly AxeAudit _axe = new();

    protected override async Task ArrangeAsync()
    {
        _site = LiveServer.Start(Factory);
        var (token, hash) = InvitationTokens.Create();
        _invitation = $"/t/{TestTerritories.First}/invitation?code={token}";
        await Factory.InTerritoryAsync(TestTerritories.First, async db =>
        {
            var organisation = new Organisation { Id = Guid.NewGuid(), Siret = "73282932000074", Name = "Boulangerie du Clain" };
            db.Organisations.Add(organisation);
            db.Invitations.Add(new Invitation
            {
                Id = Guid.NewGuid(), Email = Email, OrganisationId = organisation.Id, Role = MembershipRole.OrganisationOwner, TokenHash = hash,
                ExpiresAt = DateTimeOffset.UtcNow.AddDays(14), CreatedBy = "chargee@territoire.example",
            });
            return await db.SaveChangesAsync();
        });
    }

    [Theory]
    [InlineData(1280, 800, false)]
    [InlineData(390, 844, true)]
    public async Task GoFromTheInvitationToTheResults(int width, int height, bool phone)
    {
        await using var context = await chromium.Browser.NewContextAsync(new()
        {
            BaseURL = _site.ToString(), ViewportSize = new() { Width = width, Height = height }, IsMobile = phone, HasTouch = phone, Locale = "fr-FR",
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();

        await _axe.VisitAsync(page, _invitation);
        await page.Locator("label[for=Password-afficher]").ClickAsync(); // the DSFR's password toggle, its box drawn by its label
        await Assertions.Expect(page.GetByLabel("Choisissez un mot de passe")).ToHaveAttributeAsync("type", "text");
        await page.GetByLabel("Choisissez un mot de passe").FillAsync("Clé-Secrète-2026");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Rejoindre") }).LeadsToAsync($"**/t/{TestTerritories.First}/evaluation");
        await _axe.CheckAsync(page);

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new("^Commencer") }).LeadsToAsync("**/evaluation/1.1");
        // The detailed percentages wait for « Avancement détaillé »; the referential's context stays folded.
        Assert.Equal(0, await page.Locator("[data-split]:visible").CountAsync());
        Assert.Equal(0, await page.Locator(".fr-accordion__btn[aria-expanded=true]").CountAsync());
        var first = page.Locator("fieldset#assett_1-1-1-1");
        await first.GetByText("Fait", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(first.Locator("[data-state]")).ToContainTextAsync("Enregistré à");
        var second = page.Locator("fieldset#assett_1-1-1-2");
        await second.GetByText("Programmé", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(second.Locator("[data-state]")).ToContainTextAsync("Enregistré à");
        await _axe.CheckAsync(page);
        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.True(await page.Locator("#assett_1-1-1-1-fait").IsCheckedAsync());
        Assert.True(await page.Locator("#assett_1-1-1-2-programme").IsCheckedAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et continuer" }).LeadsToAsync("**/evaluation/1.2");

        await _axe.VisitAsync(page, $"/t/{TestTerritories.First}/organisation/profil");
        // A refused form, corrected, then the back button: the page, not « Confirm Form Resubmission » (docs/reliability.md).
        await page.GetByLabel("Nom de l’organisation").FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le profil" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Indiquez le nom de l’organisation.")).ToBeVisibleAsync();
        await page.GetByLabel("Nom de l’organisation").FillAsync("Boulangerie du Clain");
        await page.GetByText("Non", new() { Exact = true }).First.ClickAsync(); // the first yes/no question
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le profil" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Le profil est enregistré.")).ToBeVisibleAsync();
        await page.GoBackAsync(new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(page.GetByLabel("Nom de l’organisation")).ToHaveValueAsync("Boulangerie du Clain");

        await _axe.VisitAsync(page, $"/t/{TestTerritories.First}/boite-a-outils");
        await page.GetByRole(AriaRole.Link, new() { Name = "M’engager sur cette étape" }).First.LeadsToAsync("**/plan-action?tache=*");
        await _axe.CheckAsync(page);
        await page.Locator("label[for=kind-deliverable]").ClickAsync();
        await page.GetByLabel("Livrable (si livrable)").FillAsync("Plan de mobilité adopté");
        await page.GetByLabel("Date d’échéance").FillAsync(DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd"));
        await page.GetByLabel("Porté par").FillAsync("Léa Martin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter au plan d’action" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Léa Martin", new() { Exact = true })).ToBeVisibleAsync();

        await _axe.VisitAsync(page, $"/t/{TestTerritories.First}/resultats");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Score global" })).ToBeVisibleAsync();
        // Every label of the radar inside its picture, on a phone too.
        var cutLabels = await page.EvaluateAsync<string[]>("""
            () => { const box = document.querySelector('svg.assett-radar').getBoundingClientRect();
                return [...document.querySelectorAll('svg.assett-radar text')].filter(t => { const r = t.getBoundingClientRect();
                    return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1; })
                    .map(t => t.textContent); }
            """);
        Assert.Empty(cutLabels);
        await _axe.VisitAsync(page, $"/t/{TestTerritories.First}/resultats/progression");
        if (phone)
        {
            // The header's menu is behind its button on a phone.
            await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Plan d’action" }).LeadsToAsync("**/plan-action");
            await _axe.CheckAsync(page);
        }

        _axe.AssertNone();
    }
}
