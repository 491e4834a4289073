using System.Net;
using System.Text.RegularExpressions;
using Assett.Data;
using Assett.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Web.Tests.Features;

/// <summary>Self-registration with a SIRET, email confirmation, sign-in, lockout and throttling, through the real pages.</summary>
public sealed partial class AccountShould(PostgresServer server) : WebHostTest(server)
{
    private const string Password = "Clé-Secrète-2026";
    private HttpClient _client = null!;

    protected override Task ArrangeAsync()
    {
        _client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return Task.CompletedTask;
    }

    private Task<HttpResponseMessage> SubmitAsync(string path, Dictionary<string, string> fields) => _client.SubmitAsync(path, fields);

    private Task<HttpResponseMessage> RegisterAsync(string siret = "73282932000074", string password = Password,
        string commune = TestTerritories.FirstCommune) =>
        SubmitAsync($"/t/{TestTerritories.First}/inscription", new()
        {
            ["Input.Siret"] = siret, ["Input.Name"] = "Boulangerie du Clain", ["Input.Kind"] = "Entreprise", ["Input.Commune"] = commune,
            ["Input.Email"] = "gerante@boulangerie.example", ["Input.Password"] = password,
        });

    private Task<HttpResponseMessage> SignInAsync(string password = Password) =>
        SubmitAsync($"/t/{TestTerritories.First}/connexion", new() { ["Input.Email"] = "gerante@boulangerie.example", ["Input.Password"] = password });

    private Task<T> InTerritoryAsync<T>(Func<AssettDbContext, Task<T>> work) => Factory.InTerritoryAsync(TestTerritories.First, work);

    [Fact]
    public async Task RegisterConfirmTheAddressThenSignIn()
    {
        var registered = await (await RegisterAsync()).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var mail = await InTerritoryAsync(db => db.OutboxMessages.SingleAsync());
        var link = new Uri(ConfirmationLink().Match(mail.TextBody).Value).PathAndQuery;
        var opened = await _client.GetStringAsync(link, TestContext.Current.CancellationToken);
        var beforeTheButton = await SignInAsync();
        var confirmed = await (await SubmitAsync(link, [])).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var reused = await _client.GetStringAsync(link, TestContext.Current.CancellationToken);
        var signedIn = await SignInAsync();
        var home = await _client.GetStringAsync($"/t/{TestTerritories.First}/", TestContext.Current.CancellationToken);

        Assert.Contains("Vérifiez votre messagerie", registered);
        Assert.Equal("gerante@boulangerie.example", mail.ToAddress);
        // Opening the link (as a mail scanner would) confirms nothing: the button does.
        Assert.Contains("Confirmer mon adresse", opened);
        Assert.Equal(HttpStatusCode.OK, beforeTheButton.StatusCode);
        Assert.Contains("Adresse confirmée", confirmed);
        Assert.Contains("Ce lien n’est plus valable", reused);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal($"/t/{TestTerritories.First}/evaluation", signedIn.Headers.Location?.OriginalString); // a member lands on the questionnaire
        Assert.Contains("gerante@boulangerie.example", home);
        Assert.Contains("Se déconnecter", home);
        var membership = await InTerritoryAsync(db => db.Memberships.SingleAsync());
        Assert.Equal(MembershipRole.OrganisationOwner, membership.Role);
    }

    [Fact]
    public async Task OfferTheTerritorysCommunesAndRefuseOneFromElsewhereInTheList()
    {
        var form = await _client.GetStringAsync($"/t/{TestTerritories.First}/inscription", TestContext.Current.CancellationToken);
        var page = await (await RegisterAsync(commune: "31555")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken); // Toulouse, elsewhere

        Assert.Contains($"<option value=\"{TestTerritories.FirstCommune}\">{TestTerritories.FirstCommuneName}</option>", form);
        Assert.Contains("Autre commune, hors du territoire", form);
        Assert.Contains("Choisissez la commune de votre établissement dans la liste.", page);
        Assert.Equal(0, await InTerritoryAsync(db => db.Organisations.CountAsync()));
    }

    [Fact]
    public async Task RecordTheCommuneOfAnOrganisationOfTheTerritory()
    {
        await RegisterAsync();

        var organisation = await InTerritoryAsync(db => db.Organisations.SingleAsync());
        Assert.Equal(TestTerritories.FirstCommune, organisation.CommuneInsee);
        Assert.False(organisation.AwaitingApproval);
    }

    [Fact]
    public async Task AskForAMissingSiretInFrenchAndKeepWhatWasTyped()
    {
        var response = await RegisterAsync(siret: "");
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Indiquez le numéro SIRET de votre établissement (14 chiffres) ; une association sans SIRET indique son numéro RNA.", page);
        Assert.Contains("value=\"Boulangerie du Clain\"", page);
        Assert.Contains("value=\"gerante@boulangerie.example\"", page);
        Assert.Equal(0, await InTerritoryAsync(db => db.Organisations.CountAsync()));
    }

    [Fact]
    public async Task RejectAnInvalidSiretAndKeepNothing()
    {
        var page = await (await RegisterAsync(siret: "73282932000075")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("Ce numéro SIRET n’est pas valide", page);
        Assert.Equal(0, await InTerritoryAsync(db => db.Organisations.CountAsync()));
    }

    [Fact]
    public async Task RejectAWeakPasswordAndKeepNothing()
    {
        var page = await (await RegisterAsync(password: "court")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("Le mot de passe doit compter au moins 12 caractères.", page);
        Assert.Equal(0, await InTerritoryAsync(db => db.Organisations.CountAsync()));
        Assert.Equal(0, await InTerritoryAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task RefuseToSignInBeforeTheAddressIsConfirmed()
    {
        await RegisterAsync();

        var page = await (await SignInAsync()).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("Confirmez d’abord votre adresse électronique", page);
    }

    [Fact]
    public async Task LockTheAccountAfterFiveWrongPasswords()
    {
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AssettUser>>();
            await users.CreateAsync(new AssettUser
            {
                UserName = "gerante@boulangerie.example", Email = "gerante@boulangerie.example", EmailConfirmed = true,
            }, Password);
        }

        for (var i = 0; i < 5; i++) await SignInAsync("mauvais-mot-de-passe");
        var page = await (await SignInAsync()).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("Votre compte est verrouillé", page);
    }

    [Fact]
    public async Task ThrottleSignInAttempts()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++) statuses.Add((await SignInAsync("mauvais-mot-de-passe")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Theory]
    [InlineData($"/t/{TestTerritories.First}/connexion/")]
    [InlineData("/T/{TERRITORY}/CONNEXION")]
    public async Task ThrottleSignInAttemptsWhateverTheSpellingOfTheAddress(string path)
    {
        path = path.Replace("{TERRITORY}", TestTerritories.First.ToUpperInvariant());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
            statuses.Add((await SubmitAsync(path, new()
            {
                ["Input.Email"] = $"personne{i}@exemple.fr", ["Input.Password"] = "mauvais-mot-de-passe",
            })).StatusCode);

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public void ThrottleEachAccountOnItsOwn()
    {
        using var limits = new Assett.Web.Features.Account.AccountFormLimits();

        var first = Enumerable.Range(0, 10).Select(_ => limits.TryPostFor("gerante@boulangerie.example")).ToList();
        var eleventh = limits.TryPostFor(" Gerante@Boulangerie.example ");
        var another = limits.TryPostFor("comptable@boulangerie.example");

        Assert.All(first, Assert.True);
        Assert.False(eleventh);
        Assert.True(another);
    }

    [Fact]
    public async Task SendANewConfirmationLinkWhenTheFirstNoLongerWorks()
    {
        await RegisterAsync();
        var page = await _client.GetStringAsync($"/t/{TestTerritories.First}/confirmation?utilisateur={Guid.NewGuid()}&code=perdu",
            TestContext.Current.CancellationToken);

        var asked = await (await SubmitAsync($"/t/{TestTerritories.First}/confirmation?handler=Resend", new() { ["Email"] = "gerante@boulangerie.example" }))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var mails = await InTerritoryAsync(db => db.OutboxMessages.OrderBy(m => m.CreatedAt).ToListAsync());
        var confirmed = await (await SubmitAsync(new Uri(ConfirmationLink().Match(mails[^1].TextBody).Value).PathAndQuery, []))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("Recevoir un nouveau lien", page);
        Assert.Contains("nous venons d’y envoyer un nouveau lien", asked);
        Assert.Equal(2, mails.Count);
        Assert.Contains("Adresse confirmée", confirmed);
    }

    [Fact]
    public async Task LetTheRealOwnerOfAnAddressNeverConfirmedReclaimItThroughTheReset()
    {
        await RegisterAsync(); // registered by someone who does not own the mailbox, who never confirms it

        await SubmitAsync($"/t/{TestTerritories.First}/mot-de-passe-oublie", new() { ["Email"] = "gerante@boulangerie.example" });
        var reset = (await InTerritoryAsync(db => db.OutboxMessages.OrderBy(m => m.CreatedAt).ToListAsync()))[^1];
        var chosen = await (await SubmitAsync(new Uri(ResetLink().Match(reset.TextBody).Value).PathAndQuery, new() { ["Password"] = "Secret-Du-Vrai-2026" }))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var intruder = await SignInAsync();
        var owner = await SignInAsync("Secret-Du-Vrai-2026");

        Assert.Contains("nouveau-mot-de-passe", reset.TextBody);
        Assert.Equal(HttpStatusCode.OK, intruder.StatusCode); // the first password no longer works
        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
    }

    [Fact]
    public async Task ResetAForgottenPasswordOnceWithTheEmailedLink()
    {
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AssettUser>>();
            await users.CreateAsync(new AssettUser
            {
                UserName = "gerante@boulangerie.example", Email = "gerante@boulangerie.example", EmailConfirmed = true,
            }, "Ancien-Secret-2025");
        }

        var asked = await (await SubmitAsync($"/t/{TestTerritories.First}/mot-de-passe-oublie", new() { ["Email"] = "gerante@boulangerie.example" }))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var unknown = await (await SubmitAsync($"/t/{TestTerritories.First}/mot-de-passe-oublie", new() { ["Email"] = "personne@exemple.fr" }))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var mail = await InTerritoryAsync(db => db.OutboxMessages.SingleAsync());
        var link = new Uri(ResetLink().Match(mail.TextBody).Value).PathAndQuery;
        var reset = await (await SubmitAsync(link, new() { ["Password"] = Password }))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var again = await (await SubmitAsync(link, new() { ["Password"] = "Autre-Secret-2027" }))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var signedIn = await SignInAsync();

        Assert.Contains("Si un compte existe pour cette adresse", asked);
        Assert.Contains("Si un compte existe pour cette adresse", unknown);
        Assert.Contains("Votre mot de passe est changé", reset);
        Assert.Contains("Ce lien n’est plus valable", again);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task OfferRegistrationOnlyOnATerritory()
    {
        var response = await _client.GetAsync("/inscription", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [GeneratedRegex(@"https?://\S+/confirmation\?\S+")]
    private static partial Regex ConfirmationLink();

    [GeneratedRegex(@"https?://\S+/nouveau-mot-de-passe\?\S+")]
    private static partial Regex ResetLink();
}
