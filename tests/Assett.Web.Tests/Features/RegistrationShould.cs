using System.Net;
using Assett.Data.Organisations;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Tests.Features;

/// <summary>
/// Registration with the company directory (a local stand-in for the API Recherche d'entreprises) and by RNA: the SIRET
/// fills the form, a closed establishment is refused, a directory that does not answer leaves the form to type by hand.
/// </summary>
public sealed class RegistrationShould(PostgresServer server) : WebHostTest(server)
{
    private const string Bakery = "73282932000074";
    private const string ClosedWorkshop = "55208131766522";
    private static readonly string Page = $"/t/{TestTerritories.First}/inscription";

    private readonly SireneStandIn _directory = new();
    private HttpClient _client = null!;

    protected override AssettWebFactory CreateFactory(TestDatabase database) =>
        new(database) { SireneAddress = _directory.Address };

    protected override Task ArrangeAsync()
    {
        _directory.Add(Bakery, "Boulangerie du Clain", "10.71C", "11", TestTerritories.FirstCommune, "CHAMONIX-MONT-BLANC");
        _directory.Add(ClosedWorkshop, "Atelier fermé", "25.62B", "01", TestTerritories.FirstCommune, "CHAMONIX-MONT-BLANC", closed: true);
        _client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _directory.DisposeAsync();
    }

    private async Task<string> PostAsync(string handler, Dictionary<string, string> fields)
    {
        var form = await _client.GetStringAsync(Page, TestContext.Current.CancellationToken);
        fields["__RequestVerificationToken"] = Forms.AntiforgeryToken(form);
        var response = await _client.PostAsync(handler.Length == 0 ? Page : $"{Page}?handler={handler}", new FormUrlEncodedContent(fields),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private Task<string> LookUpAsync(string siret) => PostAsync("Lookup", new() { ["Input.Siret"] = siret });

    private Task<string> RegisterAsync(Dictionary<string, string> fields) => PostAsync("", new(fields)
    {
        ["Input.Email"] = "contact@organisation.example", ["Input.Password"] = "Clé-Secrète-2026",
    });

    private Task<List<Organisation>> OrganisationsAsync() =>
        Factory.InTerritoryAsync(TestTerritories.First, db => db.Organisations.ToListAsync(TestContext.Current.CancellationToken));

    [Fact]
    public async Task FillTheFormFromTheSiretThenRecordWhatTheDirectorySays()
    {
        var filled = await LookUpAsync("732 829 320 00074");
        var page = await RegisterAsync(new() { ["Input.Siret"] = Bakery, ["Input.Name"] = "Boulangerie du Clain", ["Input.Kind"] = "Entreprise" });

        Assert.Contains("Établissement trouvé dans le répertoire Sirene", filled);
        Assert.Contains("value=\"Boulangerie du Clain\"", filled);
        Assert.Contains("10.71C – Boulangerie et boulangerie-pâtisserie", filled);
        Assert.Contains("De 10 à 49", filled);
        Assert.DoesNotContain("fr-error-text", filled); // the other fields are not judged before a submit
        Assert.Contains("Vérifiez votre messagerie", page);
        var organisation = Assert.Single(await OrganisationsAsync());
        Assert.Equal(("10.71C", "C", HeadcountBand.From10To49, TestTerritories.FirstCommune, false),
            (organisation.NafCode, organisation.NafSection, organisation.Headcount, organisation.CommuneInsee, organisation.AwaitingApproval));
        Assert.Single(_directory.Requests, Bakery); // the second look-up came from the cache
    }

    [Fact]
    public async Task RefuseAClosedEstablishment()
    {
        var looked = await LookUpAsync(ClosedWorkshop);
        var page = await RegisterAsync(new()
        {
            ["Input.Siret"] = ClosedWorkshop, ["Input.Name"] = "Atelier", ["Input.Kind"] = "Entreprise", ["Input.Commune"] = TestTerritories.FirstCommune,
        });

        Assert.Contains("Cet établissement est fermé depuis le 12/03/2021 (répertoire Sirene)", looked);
        Assert.Contains("Cet établissement est fermé depuis le 12/03/2021 (répertoire Sirene)", page);
        Assert.Empty(await OrganisationsAsync());
    }

    [Fact]
    public async Task LetTheFormBeTypedByHandWhenTheDirectoryIsDown()
    {
        await _directory.StopAsync();
        var looked = await LookUpAsync(Bakery);
        var page = await RegisterAsync(new()
        {
            ["Input.Siret"] = Bakery, ["Input.Name"] = "Boulangerie du Clain", ["Input.Kind"] = "Entreprise", ["Input.Commune"] = TestTerritories.FirstCommune,
        });

        Assert.Contains("Remplissez les champs vous-même", looked);
        Assert.Contains("le répertoire des entreprises ne répond pas", looked);
        Assert.Contains("Vérifiez votre messagerie", page);
        var organisation = Assert.Single(await OrganisationsAsync());
        Assert.Equal((TestTerritories.FirstCommune, null), (organisation.CommuneInsee, organisation.NafCode));
    }

    [Fact]
    public async Task SayWhenTheDirectoryIsTooSlowOrAsksToWait()
    {
        _directory.Delay = TimeSpan.FromSeconds(5);
        var slow = await LookUpAsync(Bakery);
        (_directory.Delay, _directory.TooManyRequests) = (TimeSpan.Zero, true);
        var limited = await LookUpAsync(ClosedWorkshop);
        var asked = _directory.Requests.Count;
        var waiting = await LookUpAsync("55208131766530");

        Assert.Contains("le répertoire des entreprises n’a pas répondu dans les 3 secondes", slow);
        Assert.Contains("le répertoire des entreprises reçoit trop de demandes en ce moment", limited);
        Assert.Contains("le répertoire des entreprises reçoit trop de demandes en ce moment", waiting);
        Assert.Equal(asked, _directory.Requests.Count); // its Retry-After is respected: nothing asked while it runs
    }

    [Fact]
    public async Task RegisterAnAssociationByItsRnaAlone()
    {
        var wrongKind = await RegisterAsync(new()
        {
            ["Input.Rna"] = "W863001234", ["Input.Name"] = "Les Amis du Clain", ["Input.Kind"] = "Entreprise",
            ["Input.Commune"] = TestTerritories.FirstCommune
        });
        var malformed = await RegisterAsync(new()
        {
            ["Input.Rna"] = "W86300", ["Input.Name"] = "Les Amis du Clain", ["Input.Kind"] = "Association",
            ["Input.Commune"] = TestTerritories.FirstCommune
        });
        var neither = await RegisterAsync(new() { ["Input.Name"] = "Les Amis du Clain", ["Input.Kind"] = "Association" });
        var page = await RegisterAsync(new()
        {
            ["Input.Rna"] = "w 863 001 234", ["Input.Name"] = "Les Amis du Clain", ["Input.Kind"] = "Association",
            ["Input.Commune"] = TestTerritories.FirstCommune
        });

        Assert.Contains("Un numéro RNA est celui d’une association", wrongKind);
        Assert.Contains("Ce numéro RNA n’est pas valide : il s’écrit W suivi de 9 chiffres", malformed);
        Assert.Contains("une association sans SIRET indique son numéro RNA", neither);
        Assert.Contains("Vérifiez votre messagerie", page);
        var association = Assert.Single(await OrganisationsAsync());
        Assert.Equal((null, "W863001234", OrganisationKind.Association), (association.Siret, association.Rna, association.Kind));
        Assert.Empty(_directory.Requests); // an RNA is not a SIRET to look up
    }

    [Fact]
    public async Task SendASecondRegistrationOfTheSameRnaToItsOwners()
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Rna"] = "W863001234", ["Input.Name"] = "Les Amis du Clain", ["Input.Kind"] = "Association",
            ["Input.Commune"] = TestTerritories.FirstCommune,
        };
        await RegisterAsync(fields);
        var again = await PostAsync("", new(fields) { ["Input.Email"] = "autre@organisation.example", ["Input.Password"] = "Clé-Secrète-2026" });

        Assert.Contains("déjà inscrite", again); // its owner is asked to let the person in, or the person to ask the territory
        Assert.Single(await OrganisationsAsync());
    }
}
