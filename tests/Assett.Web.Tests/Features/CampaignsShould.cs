using System.Net;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Tests.Features;

/// <summary>An officer admin creates, opens and closes campaigns; one is open at a time; a reader only reads.</summary>
public sealed class CampaignsShould(PostgresServer server) : WebHostTest(server)
{
    private const string Page = $"/t/{TestTerritories.First}/territoire/campagnes";

    private Task<T> InTerritoryAsync<T>(Func<AssettDbContext, Task<T>> work) => Factory.InTerritoryAsync(TestTerritories.First, work);

    [Fact]
    public async Task CreateOpenAndCloseACampaignOneOpenAtATime()
    {
        var admin = await OfficerAsync("admin@territoire.example", MembershipRole.OfficerAdmin);
        var planned = await InTerritoryAsync(db => db.Campaigns.Select(c => c.Id).SingleAsync());

        var backwards = await (await admin.SubmitAsync($"{Page}?handler=Create", new()
        {
            ["Input.Name"] = "Campagne de test 2028", ["Input.OpensOn"] = "2028-06-30", ["Input.ClosesOn"] = "2028-01-15",
        })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var created = await admin.SubmitAsync($"{Page}?handler=Create", new()
        {
            ["Input.Name"] = "Campagne de test 2028", ["Input.OpensOn"] = "2028-01-15", ["Input.ClosesOn"] = "2028-06-30",
        });
        var duplicate = await (await admin.SubmitAsync($"{Page}?handler=Create", new()
        {
            ["Input.Name"] = "campagne de test 2028", ["Input.OpensOn"] = "2028-01-15", ["Input.ClosesOn"] = "2028-06-30",
        })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var next = await InTerritoryAsync(db => db.Campaigns.Where(c => c.Name == "Campagne de test 2028").Select(c => c.Id).SingleAsync());
        var opened = await admin.SubmitAsync($"{Page}?handler=Open&id={planned}", []);
        var secondOpen = await (await admin.SubmitAsync($"{Page}?handler=Open&id={next}", []))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var closed = await admin.SubmitAsync($"{Page}?handler=Close&id={planned}", []);
        var reopened = await (await admin.SubmitAsync($"{Page}?handler=Open&id={planned}", []))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("La clôture ne peut pas précéder l’ouverture.", backwards);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("Une campagne s’appelle déjà « campagne de test 2028 »", duplicate);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Contains($"« {TestTerritories.Campaign} » est encore ouverte : fermez-la avant d’ouvrir « Campagne de test 2028 ».", secondOpen);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Contains($"« {TestTerritories.Campaign} » est close : elle ne peut pas devenir ouverte.", reopened);
        Assert.Equal([(TestTerritories.Campaign, CampaignState.Closed), ("Campagne de test 2028", CampaignState.Planned)],
            (await InTerritoryAsync(db => db.Campaigns.OrderBy(c => c.Name).Select(c => new { c.Name, c.State }).ToListAsync()))
                .Select(c => (c.Name, c.State)));
    }

    [Fact]
    public async Task AskForAMissingNameInFrench()
    {
        var admin = await OfficerAsync("admin@territoire.example", MembershipRole.OfficerAdmin);

        var response = await admin.SubmitAsync($"{Page}?handler=Create", new()
        {
            ["Input.Name"] = "", ["Input.OpensOn"] = "2028-01-15", ["Input.ClosesOn"] = "",
        });
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Indiquez le nom de la campagne.", page);
        Assert.Contains("Indiquez la date de clôture.", page);
        Assert.Contains("value=\"2028-01-15\"", page);
        Assert.Equal(1, await InTerritoryAsync(db => db.Campaigns.CountAsync()));
    }

    [Fact]
    public async Task LetAReaderSeeTheCampaignsButChangeNothing()
    {
        var reader = await OfficerAsync("lecteur@territoire.example", MembershipRole.OfficerReader);
        var planned = await InTerritoryAsync(db => db.Campaigns.Select(c => c.Id).SingleAsync());

        var page = await reader.GetStringAsync(Page, TestContext.Current.CancellationToken);
        var open = await reader.PostAsync($"{Page}?handler=Open&id={planned}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Forms.AntiforgeryToken(page) }),
            TestContext.Current.CancellationToken);

        Assert.Contains(TestTerritories.Campaign, page);
        Assert.DoesNotContain("Nouvelle campagne", page);
        Assert.Equal(HttpStatusCode.Forbidden, open.StatusCode);
        Assert.Equal(CampaignState.Planned, await InTerritoryAsync(db => db.Campaigns.Select(c => c.State).SingleAsync()));
    }

    [Fact]
    public async Task PreviewEachReminderBeforeTheCampaignOpens()
    {
        var reader = await OfficerAsync("lecteur@territoire.example", MembershipRole.OfficerReader);

        var page = await reader.GetStringAsync($"/t/{TestTerritories.First}/territoire/rappels", TestContext.Current.CancellationToken);

        Assert.Contains("Cette campagne n’est pas ouverte : aucun rappel ne part pour l’instant.", page);
        Assert.Contains($"Rappel : {TestTerritories.FirstName} vous invite à rejoindre Assett", page);
        Assert.Contains($"Dernier rappel : « {TestTerritories.Campaign} » se termine le 30 juin 2027", page);
        Assert.Contains($"Ne plus recevoir de rappels pour « {TestTerritories.Campaign} »", page);
    }

    private Task<HttpClient> OfficerAsync(string email, MembershipRole role) => Factory.SignedInOfficerAsync(TestTerritories.First, email, role);
}
