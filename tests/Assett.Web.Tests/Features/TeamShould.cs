using System.Net;
using System.Text.RegularExpressions;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Invitations;
using Assett.Data.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Web.Tests.Features;

/// <summary>An owner invites a colleague; the single-use, expiring link lets the colleague join.</summary>
public sealed partial class TeamShould(PostgresServer server) : WebHostTest(server)
{
    private const string Password = "Clé-Secrète-2026";
    private Guid _organisationId;

    protected override async Task ArrangeAsync()
    {
        var owner = await CreateUserAsync("gerante@boulangerie.example");
        var editor = await CreateUserAsync("vendeur@boulangerie.example");
        await InTerritoryAsync(async db =>
        {
            var organisation = new Organisation { Id = Guid.NewGuid(), Siret = "73282932000074", Name = "Boulangerie du Clain" };
            db.Organisations.Add(organisation);
            db.Memberships.Add(new Membership
            {
                Id = Guid.NewGuid(), UserId = owner, OrganisationId = organisation.Id, Role = MembershipRole.OrganisationOwner,
            });
            db.Memberships.Add(new Membership
            {
                Id = Guid.NewGuid(), UserId = editor, OrganisationId = organisation.Id, Role = MembershipRole.OrganisationEditor,
            });
            await db.SaveChangesAsync();
            _organisationId = organisation.Id;
            return 0;
        });
    }

    private async Task<Guid> CreateUserAsync(string email)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var user = new AssettUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true };
        await scope.ServiceProvider.GetRequiredService<UserManager<AssettUser>>().CreateAsync(user, Password);
        return user.Id;
    }

    private Task<T> InTerritoryAsync<T>(Func<AssettDbContext, Task<T>> work) => Factory.InTerritoryAsync(TestTerritories.First, work);

    private HttpClient NewBrowser() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string path, Dictionary<string, string> fields) =>
        browser.SubmitAsync(path, fields);

    private static async Task<HttpClient> SignedInAsync(HttpClient browser, string email)
    {
        var response = await SubmitAsync(browser, $"/t/{TestTerritories.First}/connexion", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    [Fact]
    public async Task LetTheOwnerInviteAColleagueWhoJoinsOnceWithTheLink()
    {
        var owner = await SignedInAsync(NewBrowser(), "gerante@boulangerie.example");
        var sent = await (await SubmitAsync(owner, $"/t/{TestTerritories.First}/organisation/equipe", new()
        {
            ["Email"] = "Comptable@Boulangerie.example", ["Role"] = "OrganisationReader",
        })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var mail = await InTerritoryAsync(db => db.OutboxMessages.SingleAsync());
        var link = new Uri(InvitationLink().Match(mail.TextBody).Value).PathAndQuery;

        var colleague = NewBrowser();
        var joined = await SubmitAsync(colleague, link, new() { ["Password"] = "Mot-De-Passe-2026" });
        var team = await owner.GetStringAsync($"/t/{TestTerritories.First}/organisation/equipe", TestContext.Current.CancellationToken);
        var reused = await NewBrowser().GetStringAsync(link, TestContext.Current.CancellationToken);

        Assert.Contains("Invitation envoyée à comptable@boulangerie.example", sent);
        Assert.Equal("comptable@boulangerie.example", mail.ToAddress);
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Contains("<td>comptable@boulangerie.example</td><td>Peut consulter</td>", Regex.Replace(team, @">\s+<", "><"));
        Assert.Contains("Cette invitation n’est plus valable", reused);
        var membership = await InTerritoryAsync(db => db.Memberships.Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Email, m.Role })
            .SingleAsync(x => x.Email == "comptable@boulangerie.example"));
        Assert.Equal(MembershipRole.OrganisationReader, membership.Role);
    }

    [Fact]
    public async Task RefuseAnExpiredInvitationWithAClearPage()
    {
        var (token, hash) = InvitationTokens.Create();
        await InTerritoryAsync(async db =>
        {
            db.Invitations.Add(new Invitation
            {
                Id = Guid.NewGuid(), Email = "tard@exemple.fr", OrganisationId = _organisationId, Role = MembershipRole.OrganisationEditor,
                TokenHash = hash, ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1), CreatedBy = "gerante@boulangerie.example",
            });
            return await db.SaveChangesAsync();
        });

        var page = await NewBrowser().GetStringAsync($"/t/{TestTerritories.First}/invitation?code={token}", TestContext.Current.CancellationToken);

        Assert.Contains("Invitation non valable", page);
        Assert.Contains("Cette invitation n’est plus valable", page);
    }

    [Fact]
    public async Task RefuseTheTeamPageToAMemberWhoIsNotTheOwner()
    {
        var editor = await SignedInAsync(NewBrowser(), "vendeur@boulangerie.example");

        var response = await editor.GetAsync($"/t/{TestTerritories.First}/organisation/equipe", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Accès refusé", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SendAnonymousVisitorsToTheSignInPage()
    {
        var response = await NewBrowser().GetAsync($"/t/{TestTerritories.First}/organisation/equipe", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"http://localhost/t/{TestTerritories.First}/connexion?ReturnUrl=", response.Headers.Location?.ToString());
    }

    private Task<Guid> MembershipOfAsync(string email) => InTerritoryAsync(db => db.Memberships
        .Join(db.Users.Where(u => u.Email == email), m => m.UserId, u => u.Id, (m, u) => m.Id).SingleAsync());

    [Fact]
    public async Task KeepAnOwnerWhateverTheLastOneTriesThenHandTheOwnershipOver()
    {
        var owner = await SignedInAsync(NewBrowser(), "gerante@boulangerie.example");
        var (me, colleague) = (await MembershipOfAsync("gerante@boulangerie.example"), await MembershipOfAsync("vendeur@boulangerie.example"));

        var leaving = await (await SubmitAsync(owner, $"/t/{TestTerritories.First}/organisation/equipe?handler=Remove&id={me}", []))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var steppingDown = await (await SubmitAsync(owner, $"/t/{TestTerritories.First}/organisation/equipe?handler=Role&id={me}", new()
        {
            ["role"] = "OrganisationReader",
        })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var handedOver = await SubmitAsync(owner, $"/t/{TestTerritories.First}/organisation/equipe?handler=Role&id={colleague}", new()
        {
            ["role"] = "OrganisationOwner",
        });
        var left = await SubmitAsync(owner, $"/t/{TestTerritories.First}/organisation/equipe?handler=Remove&id={me}", []);
        var afterwards = await owner.GetAsync($"/t/{TestTerritories.First}/organisation/equipe", TestContext.Current.CancellationToken);

        Assert.Contains("L’organisation garde toujours une personne responsable", leaving);
        Assert.Contains("L’organisation garde toujours une personne responsable", steppingDown);
        Assert.Equal(HttpStatusCode.Redirect, handedOver.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterwards.StatusCode); // no membership left in the territory
        var roles = await InTerritoryAsync(db => db.Memberships.Join(db.Users, m => m.UserId, u => u.Id, (m, u) => $"{u.Email} {m.Role}").ToListAsync());
        Assert.Equal(["vendeur@boulangerie.example OrganisationOwner"], roles);
    }

    [Fact]
    public async Task LetNobodyButAnOwnerChangeTheTeam()
    {
        var editor = await SignedInAsync(NewBrowser(), "vendeur@boulangerie.example");
        var owner = await MembershipOfAsync("gerante@boulangerie.example");
        var page = await editor.GetStringAsync($"/t/{TestTerritories.First}/evaluation", TestContext.Current.CancellationToken);

        var removing = await editor.PostAsync($"/t/{TestTerritories.First}/organisation/equipe?handler=Remove&id={owner}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Forms.AntiforgeryToken(page) }),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, removing.StatusCode);
        Assert.Equal(2, await InTerritoryAsync(db => db.Memberships.CountAsync()));
    }

    [Fact]
    public async Task LetAPersonDeleteTheirAccountUnlessTheyAreTheOnlyOwner()
    {
        var owner = await SignedInAsync(NewBrowser(), "gerante@boulangerie.example");
        var editor = await SignedInAsync(NewBrowser(), "vendeur@boulangerie.example");
        await InTerritoryAsync(async db =>
        {
            await Assett.Data.Mail.Outbox.EnqueueAsync(db, "rappel:vendeur", "vendeur@boulangerie.example", "Rappel", "Bonjour", null, default);
            return await db.SaveChangesAsync();
        });

        var refused = await (await SubmitAsync(owner, $"/t/{TestTerritories.First}/mon-compte?handler=Delete", new()
        {
            ["Confirmation"] = "gerante@boulangerie.example",
        })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var deleted = await SubmitAsync(editor, $"/t/{TestTerritories.First}/mon-compte?handler=Delete", new()
        {
            ["Confirmation"] = "vendeur@boulangerie.example",
        });

        Assert.Contains("Vous êtes la seule personne responsable de Boulangerie du Clain", refused);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await InTerritoryAsync(db => db.Users.AnyAsync(u => u.Email == "vendeur@boulangerie.example")));
        Assert.Equal(1, await InTerritoryAsync(db => db.Memberships.CountAsync()));
        Assert.Equal(0, await InTerritoryAsync(db => db.OutboxMessages.CountAsync()));
    }

    [GeneratedRegex(@"https?://\S+/invitation\?code=\S+")]
    private static partial Regex InvitationLink();
}
