using Assett.Data.Campaigns;
using Assett.Web.Tests.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Assett.Web.Tests.Browser;

/// <summary>
/// The engagement in Chromium, on a desktop and on a phone: the charter, a commitment from its creation
/// to done, the submission with its confirmation, and the bilan. Every page passes axe-core with no
/// serious or critical violation.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class EngagementInBrowserShould(PostgresServer server, Chromium chromium) : WebHostTest(server)
{
    private Uri _site = null!;
    private readonly AxeAudit _axe = new();

    protected override async Task ArrangeAsync()
    {
        _site = LiveServer.Start(Factory);
        await Boulangerie.SeedAsync(Factory);
        await Factory.InTerritoryAsync(TestTerritories.First, async db =>
        {
            var territory = await db.Tenants.SingleAsync(t => t.Identifier == TestTerritories.First);
            territory.Settings = new Data.Tenants.TenantSettings
            {
                BaseReferential = territory.Settings.BaseReferential, CurrentReferentialVersionId = territory.Settings.CurrentReferentialVersionId,
                Charter = "## Nos engagements\n\n- Nous nous autoévaluons chaque année.\n- Nous suivons un plan d’action daté.", CharterVersion = 1,
            };
            await db.Campaigns.ExecuteUpdateAsync(c => c.SetProperty(x => x.State, CampaignState.Open));
            return await db.SaveChangesAsync();
        });
    }

    [Theory]
    [InlineData(1280, 800, false)]
    [InlineData(390, 844, true)]
    public async Task WalkTheCharterACommitmentTheSubmissionAndTheBilan(int width, int height, bool phone)
    {
        await using var context = await chromium.Browser.NewContextAsync(new()
        {
            BaseURL = _site.ToString(), ViewportSize = new() { Width = width, Height = height }, IsMobile = phone, HasTouch = phone, Locale = "fr-FR",
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var territory = $"/t/{TestTerritories.First}";

        await _axe.VisitAsync(page, $"{territory}/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(Boulangerie.Owner);
        await page.GetByLabel("Mot de passe").FillAsync(Boulangerie.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).LeadsToAsync(url => !url.Contains("/connexion"));

        await _axe.VisitAsync(page, $"{territory}/evaluation");
        await page.ArriveAsync("**/organisation/charte");
        await Assertions.Expect(page.GetByText("Nous suivons un plan d’action daté.")).ToBeVisibleAsync();
        await _axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^J’accepte la charte") }).LeadsToAsync("**/evaluation");

        await _axe.VisitAsync(page, $"{territory}/plan-action");
        await page.GetByLabel("Action", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = "assett_1.1.1.1" });
        await page.GetByLabel("Indicateur (si objectif chiffré)").FillAsync("Consommation d’électricité");
        await page.GetByLabel("Unité").FillAsync("MWh par an");
        await page.Locator("#Form_Baseline").FillAsync("120");
        await page.Locator("#Form_Target").FillAsync("90");
        await page.GetByLabel("Date d’échéance").FillAsync(DateTime.UtcNow.AddDays(90).ToString("yyyy-MM-dd"));
        await page.GetByLabel("Porté par").FillAsync("Léa Martin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter au plan d’action" }).ClickAsync();
        await Assertions.Expect(page.GetByText("est maintenant « programmé »")).ToBeVisibleAsync();
        await _axe.CheckAsync(page);
        await page.GetByLabel("Valeur atteinte (MWh par an)").FillAsync("95");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^C’est fait") }).ClickAsync();
        await Assertions.Expect(page.GetByText("Bravo : l’engagement est réalisé.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Réalisé", new() { Exact = true })).ToBeVisibleAsync();
        await _axe.CheckAsync(page);

        await _axe.VisitAsync(page, $"{territory}/resultats");
        await page.GetByRole(AriaRole.Link, new() { Name = "Transmettre mon autoévaluation" }).LeadsToAsync("**/resultats/transmettre");
        await Assertions.Expect(page.GetByText("sans réponse").First).ToBeVisibleAsync();
        await _axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Confirmer la transmission") }).LeadsToAsync("**/resultats");
        await Assertions.Expect(page.GetByText("est transmise à").First).ToBeVisibleAsync();

        await _axe.VisitAsync(page, $"{territory}/bilan");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Établir mon bilan") }).LeadsToAsync("**/bilan/*");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Scores par thème" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Consommation d’électricité : de 120 à 90 MWh par an", new() { Exact = false })).ToBeVisibleAsync();
        await _axe.CheckAsync(page);

        _axe.AssertNone();
    }
}
