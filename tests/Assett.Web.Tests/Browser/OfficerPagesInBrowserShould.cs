using Assett.Data.Accounts;
using Assett.Data.Assessments;
using Assett.Data.Campaigns;
using Assett.Data.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Assett.Web.Tests.Browser;

/// <summary>
/// The territory officer's pages in Chromium, on a desktop and on a phone, with a status of « Territoire engagé » confirmed
/// and its printable page opened: each passes axe-core with no serious or critical violation.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class OfficerPagesInBrowserShould(PostgresServer server, Chromium chromium) : WebHostTest(server)
{
    private const string Email = "chargee@territoire.example";
    private Uri _site = null!;
    private Guid _organisation;

    protected override async Task ArrangeAsync()
    {
        _site = LiveServer.Start(Factory);
        await Factory.CreateOfficerAsync(TestTerritories.First, Email, MembershipRole.OfficerAdmin);
        await Factory.InTerritoryAsync(TestTerritories.First, async db =>
        {
            var campaign = await db.Campaigns.SingleAsync();
            campaign.State = CampaignState.Open;
            var organisation = new Organisation
            {
                Id = Guid.NewGuid(), Siret = "73282932000074", Name = "Boulangerie du Clain", Headcount = HeadcountBand.From0To9,
            };
            var assessment = new Assessment
            {
                Id = Guid.NewGuid(), OrganisationId = organisation.Id, CampaignId = campaign.Id, State = AssessmentState.InProgress,
            };
            var snapshot = new ScoreSnapshot
            {
                Id = Guid.NewGuid(), AssessmentId = assessment.Id, ReferentialVersionId = campaign.ReferentialVersionId, Kind = SnapshotKind.Current,
                TakenAt = DateTimeOffset.UtcNow, PointFait = 30, PointPotentiel = 100, ScorePercent = 30,
            };
            db.AddRange(organisation, assessment, snapshot);
            db.ScoreNodeTotals.Add(new ScoreNodeTotal
            {
                Id = Guid.NewGuid(), SnapshotId = snapshot.Id, NodeId = "assett_1", PointFait = 30, PointPotentiel = 100,
            });
            _organisation = organisation.Id;
            return await db.SaveChangesAsync();
        });
    }

    [Theory]
    [InlineData(1280, 800, false)]
    [InlineData(390, 844, true)]
    public async Task PassAxeCoreOnEveryPage(int width, int height, bool phone)
    {
        await using var context = await chromium.Browser.NewContextAsync(new()
        {
            BaseURL = _site.ToString(), ViewportSize = new() { Width = width, Height = height }, IsMobile = phone, HasTouch = phone, Locale = "fr-FR",
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/t/{TestTerritories.First}/connexion", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.GetByLabel("Adresse électronique").FillAsync(Email);
        await page.GetByLabel("Mot de passe").FillAsync(AssettWebFactory.OfficerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).LeadsToAsync(url => !url.Contains("/connexion"));
        Assert.EndsWith($"/t/{TestTerritories.First}/territoire", new Uri(page.Url).AbsolutePath); // an officer lands on the dashboard

        var axe = new AxeAudit();
        foreach (var path in new[]
        {
            "territoire", "territoire?axe=taille", "territoire/organisations", $"territoire/organisations/{_organisation}",
            "territoire/campagnes", "territoire/invitations", "territoire/rappels", "territoire/rapports",
        })
        {
            await axe.VisitAsync(page, $"/t/{TestTerritories.First}/{path}");
            Assert.DoesNotContain("/connexion", page.Url);
            if (path == "territoire") await AssertFunnelBarsToScaleAsync(page);
            if (path == "territoire/rappels") Assert.DoesNotContain("schedules.", await page.Locator("main").InnerTextAsync());
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Produire un rapport maintenant" }).LeadsToAsync("**/territoire/rapports/*");
        await axe.CheckAsync(page);

        // « Preuves Territoire engagé »: confirm a status other than the proposed one, then open the task's printable page.
        await axe.VisitAsync(page, $"/t/{TestTerritories.First}/territoire/preuves");
        var task = page.GetByRole(AriaRole.Group, new() { Name = "Statut à retenir pour la tâche 6.1.1.3.1" });
        await task.GetByText("Programmé", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer le statut de la tâche 6.1.1.3.1" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Statut de la tâche 6.1.1.3.1 confirmé : programmé.")).ToBeVisibleAsync();
        await axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Preuve 6.1.1.3.1 à imprimer" }).LeadsToAsync("**handler=Print**");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Tâche 6.1.1.3.1");
        await Assertions.Expect(page.GetByText("Statut confirmé par le territoire le ")).ToBeVisibleAsync();
        await axe.CheckAsync(page);

        axe.AssertNone();
    }

    /// <summary>Each funnel bar, as drawn, is its figure's share of the invited organisations (the first row's figure).</summary>
    private static async Task AssertFunnelBarsToScaleAsync(IPage page)
    {
        var bars = await page.EvaluateAsync<double[][]>("""
            () => [...document.querySelectorAll('td.assett-bar-cell')].map(cell => [
                parseInt(cell.closest('tr').cells[1].textContent.replace(/\s/g, ''), 10),
                cell.querySelector('rect').getBoundingClientRect().width / cell.querySelector('svg').getBoundingClientRect().width])
            """);
        Assert.Equal(4, bars.Length);
        Assert.True(bars[0][0] > 0, "no organisation invited: the bars would show nothing");
        Assert.All(bars, bar => Assert.Equal(bar[0] / bars[0][0], bar[1], 0.02));
    }
}
