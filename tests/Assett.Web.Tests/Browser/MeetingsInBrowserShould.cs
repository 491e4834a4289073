using System.Text.RegularExpressions;
using Assett.Data.Accounts;
using Assett.Web.Tests.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Assett.Web.Tests.Browser;

/// <summary>
/// A meeting in Chromium, on a desktop and on a phone: an officer plans and publishes it, an owner
/// registers, the officer records attendance on the day and sends the follow-up. Every page passes
/// axe-core with no serious or critical violation.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class MeetingsInBrowserShould(PostgresServer server, Chromium chromium) : WebHostTest(server)
{
    private const string Officer = "agente@essai-nord.example";
    private Uri _site = null!;
    private readonly AxeAudit _axe = new();

    protected override async Task ArrangeAsync()
    {
        _site = LiveServer.Start(Factory);
        await Boulangerie.SeedAsync(Factory);
        await Factory.CreateOfficerAsync(TestTerritories.First, Officer, MembershipRole.OfficerAdmin);
    }

    [Theory]
    [InlineData(1280, 800, false)]
    [InlineData(390, 844, true)]
    public async Task PlanAMeetingRegisterAnOwnerRecordAttendanceAndSendTheFollowUp(int width, int height, bool phone)
    {
        var territory = $"/t/{TestTerritories.First}";
        var officer = await SignedInAsync(width, height, phone, Officer, AssettWebFactory.OfficerPassword);
        await _axe.VisitAsync(officer, $"{territory}/territoire/rencontres");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Planifier une rencontre" }).LeadsToAsync("**/territoire/rencontres/planifier");
        await _axe.CheckAsync(officer);
        await officer.GetByLabel("Titre").FillAsync("Atelier sobriété énergétique");
        await officer.GetByLabel("Date").FillAsync(DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd"));
        await officer.GetByLabel("Heure de début").FillAsync("14:00");
        await officer.GetByLabel("Durée (minutes)").FillAsync("90");
        await officer.GetByLabel("Lieu", new() { Exact = false }).First.FillAsync("Salle du conseil, hôtel de ville");
        await officer.GetByLabel("Nombre de places").FillAsync("12");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Assertions.Expect(officer.GetByText("La rencontre est enregistrée en brouillon")).ToBeVisibleAsync();
        await _axe.CheckAsync(officer);
        await officer.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Publier et inviter") }).ClickAsync();
        await Assertions.Expect(officer.GetByText("Rencontre publiée")).ToBeVisibleAsync();
        var meetingPage = officer.Url;

        var owner = await SignedInAsync(width, height, phone, Boulangerie.Owner, Boulangerie.Password);
        await _axe.VisitAsync(owner, $"{territory}/rencontres");
        await owner.GetByRole(AriaRole.Link, new() { Name = "Atelier sobriété énergétique" }).LeadsToAsync("**/rencontres/*");
        await _axe.CheckAsync(owner);
        await owner.GetByLabel("Nom et prénom").FillAsync("Léa Martin");
        await owner.GetByLabel("Adresse électronique").FillAsync("lea.martin@boulangerie.example");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Inscrire cette personne" }).ClickAsync();
        await Assertions.Expect(owner.GetByText("Léa Martin est inscrite")).ToBeVisibleAsync();
        await _axe.CheckAsync(owner);

        // The day comes.
        await Factory.InTerritoryAsync(TestTerritories.First, db => db.Meetings.ExecuteUpdateAsync(m =>
            m.SetProperty(x => x.StartsAt, DateTimeOffset.UtcNow.AddHours(-2))));
        await _axe.VisitAsync(officer, meetingPage);
        // The DSFR draws its own box over the input: a person clicks the label.
        await officer.Locator("label[for^='present-']").ClickAsync();
        await Assertions.Expect(officer.GetByLabel(new Regex("^Présent\\(e\\)"))).ToBeCheckedAsync();
        await officer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la présence" }).ClickAsync();
        await Assertions.Expect(officer.GetByText("Présence enregistrée : 1 personne(s) présente(s) sur 1.")).ToBeVisibleAsync();
        await _axe.CheckAsync(officer);
        await officer.GetByLabel(new Regex("^Suites")).FillAsync("Merci à tous : les fiches de relevé de compteurs sont en ligne.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Envoyer les suites aux participants" }).ClickAsync();
        await Assertions.Expect(officer.GetByText("Suites enregistrées et envoyées à 1 participant(s).")).ToBeVisibleAsync();
        await _axe.CheckAsync(officer);

        await _axe.VisitAsync(owner, $"{territory}/rencontres");
        await Assertions.Expect(owner.GetByRole(AriaRole.Heading, new() { Name = "Rencontres auxquelles votre organisation a participé" })).ToBeVisibleAsync();
        await Assertions.Expect(owner.GetByRole(AriaRole.Cell, new() { Name = "Léa Martin" })).ToBeVisibleAsync();
        var mail = await Factory.InTerritoryAsync(TestTerritories.First, db =>
            db.OutboxMessages.SingleAsync(m => m.Subject == "Suites de « Atelier sobriété énergétique »"));
        Assert.Equal("lea.martin@boulangerie.example", mail.ToAddress);

        _axe.AssertNone();
    }

    private async Task<IPage> SignedInAsync(int width, int height, bool phone, string email, string password)
    {
        var context = await chromium.Browser.NewContextAsync(new()
        {
            BaseURL = _site.ToString(), ViewportSize = new() { Width = width, Height = height }, IsMobile = phone, HasTouch = phone, Locale = "fr-FR",
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await _axe.VisitAsync(page, $"/t/{TestTerritories.First}/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).LeadsToAsync(url => !url.Contains("/connexion"));
        return page;
    }
}
