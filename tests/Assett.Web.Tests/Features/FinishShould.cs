using System.Net;
using System.Text.RegularExpressions;
using Assett.Data.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Assett.Web.Tests.Features;

/// <summary>
/// The finish a French public service is held to: the legal pages linked from every footer, no error shown before a
/// submit, one current menu item, and each person landing on their own page after signing in.
/// </summary>
public sealed partial class FinishShould(PostgresServer server) : WebHostTest(server)
{
    private static readonly string[] LegalPages = ["mentions-legales", "donnees-personnelles", "accessibilite", "plan-du-site"];

    [Fact]
    public async Task PublishTheLegalPagesAtTheRootAndForEveryTerritoryAndLinkThemFromEveryFooter()
    {
        var visitor = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var site in new[] { "", $"/t/{TestTerritories.First}" })
        {
            foreach (var page in LegalPages)
                Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"{site}/{page}", TestContext.Current.CancellationToken)).StatusCode);
            var home = await visitor.GetStringAsync($"{site}/connexion", TestContext.Current.CancellationToken);
            Assert.Contains($"href=\"{site}/mentions-legales\">Mentions légales</a>", home);
            Assert.Contains($"href=\"{site}/donnees-personnelles\">Données personnelles</a>", home);
            Assert.Contains($"href=\"{site}/accessibilite\">Accessibilité : non conforme</a>", home);
        }
        var statement = await visitor.GetStringAsync($"/t/{TestTerritories.First}/accessibilite", TestContext.Current.CancellationToken);
        Assert.Contains("<strong>non conforme</strong>", statement);
        Assert.Contains("axe-core", statement); // what the tests check
        Assert.Contains("390 pixels", statement);
        Assert.Contains("Défenseur des droits", statement);
        Assert.Contains(TestTerritories.FirstName, statement);
        var data = await visitor.GetStringAsync("/donnees-personnelles", TestContext.Current.CancellationToken);
        Assert.Contains("par courrier au délégué à la protection des données du Cerema", data); // no DPO address configured
    }

    [Fact]
    public async Task NameTheDpoAndTheConformityLevelFromConfiguration()
    {
        var configured = Factory.WithWebHostBuilder(host => host
            .UseSetting("Assett:Legal:DpoEmail", "dpd@cerema.example")
            .UseSetting("Assett:Legal:Conformity", "partiellement conforme")).CreateClient();

        var data = await configured.GetStringAsync($"/t/{TestTerritories.First}/donnees-personnelles", TestContext.Current.CancellationToken);
        var footer = await configured.GetStringAsync($"/t/{TestTerritories.First}/acteurs-engages", TestContext.Current.CancellationToken);

        Assert.Contains("dpd@cerema.example", data);
        Assert.Contains("Accessibilité : partiellement conforme", footer);
    }

    [Fact]
    public async Task NameTheTerritorysOwnDirectorAndDpoOnItsPages()
    {
        var visitor = Factory.CreateClient();

        var data = await visitor.GetStringAsync($"/t/{TestTerritories.Second}/donnees-personnelles", TestContext.Current.CancellationToken);
        var mentions = await visitor.GetStringAsync($"/t/{TestTerritories.Second}/mentions-legales", TestContext.Current.CancellationToken);
        var elsewhere = await visitor.GetStringAsync($"/t/{TestTerritories.First}/donnees-personnelles", TestContext.Current.CancellationToken);

        Assert.Contains("dpo@essai-sud.example", data); // from its tenant.yaml's « legal »
        Assert.Contains("Directeur ou directrice de la publication : la présidente d’Essai Sud.", mentions);
        Assert.DoesNotContain("essai-sud", elsewhere);
    }

    [Fact]
    public async Task ShowNoErrorUnderAFieldBeforeTheFormIsSent()
    {
        var visitor = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var path = $"/t/{TestTerritories.First}/connexion";

        var empty = await visitor.GetStringAsync(path, TestContext.Current.CancellationToken);
        var sent = await (await visitor.SubmitAsync(path, new() { ["Input.Email"] = "", ["Input.Password"] = "" }))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.DoesNotContain("fr-error-text", empty);
        Assert.Contains("Afficher</label>", empty); // the DSFR's password component, with its « Afficher » box
        Assert.Contains("Indiquez votre adresse électronique.", sent);
        Assert.Contains("Indiquez votre mot de passe.", sent);
        Assert.Equal(2, ErrorText().Matches(sent).Count);
    }

    [Theory]
    [InlineData(MembershipRole.OfficerReader, "territoire/rencontres", "/territoire")]
    [InlineData(MembershipRole.OfficerAdmin, "territoire/preuves", "/territoire")]
    public async Task MarkOneMenuItemCurrentAndLandOfficersOnTheirDashboard(MembershipRole role, string page, string landing)
    {
        var email = $"{role}@essai-nord.example".ToLowerInvariant();
        await Factory.CreateOfficerAsync(TestTerritories.First, email, role);
        var officer = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var signedIn = await officer.SubmitAsync($"/t/{TestTerritories.First}/connexion",
            new() { ["Input.Email"] = email, ["Input.Password"] = AssettWebFactory.OfficerPassword });
        var html = await officer.GetStringAsync($"/t/{TestTerritories.First}/{page}", TestContext.Current.CancellationToken);

        Assert.Equal($"/t/{TestTerritories.First}{landing}", signedIn.Headers.Location?.OriginalString);
        Assert.Single(CurrentItem().Matches(html).Cast<Match>(), m => m.Value.Contains($"/{page}\""));
        Assert.Single(CurrentItem().Matches(html));
    }

    [Fact]
    public async Task LandAnOrganisationsMemberOnTheQuestionnaire()
    {
        await Boulangerie.SeedAsync(Factory);
        var owner = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var signedIn = await owner.SubmitAsync($"/t/{TestTerritories.First}/connexion",
            new() { ["Input.Email"] = Boulangerie.Owner, ["Input.Password"] = Boulangerie.Password });

        Assert.Equal($"/t/{TestTerritories.First}/evaluation", signedIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task LinkTheTerritorysResourcesFromTheMeasurePageFolded()
    {
        await Boulangerie.SeedAsync(Factory);
        var owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);

        var measure = await owner.GetStringAsync($"/t/{TestTerritories.First}/evaluation/4.2", TestContext.Current.CancellationToken);

        Assert.Contains("aria-controls=\"partie-territoire\">Sur votre territoire</button>", measure);
        Assert.Contains("<a href=\"https://bus.essai-nord.example\" rel=\"noopener\">Réseau de bus de test</a>", measure); // its overlay's url
        Assert.DoesNotContain("aria-expanded=\"true\"", measure);
    }

    [GeneratedRegex("class=\"fr-error-text[ \"]")]
    private static partial Regex ErrorText();

    [GeneratedRegex("<a class=\"fr-nav__link\" href=\"[^\"]+\" aria-current=\"page\"")]
    private static partial Regex CurrentItem();
}
