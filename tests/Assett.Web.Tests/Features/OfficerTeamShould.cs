using System.Net;
using Assett.Data;
using Assett.Data.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Tests.Features;

/// <summary>An officer admin invites, re-roles and removes the territory's officers; the territory always keeps an admin; readers only read.</summary>
public sealed class OfficerTeamShould(PostgresServer server) : WebHostTest(server)
{
    private const string Page = $"/t/{TestTerritories.First}/territoire/equipe";

    private Task<T> InTerritoryAsync<T>(Func<AssettDbContext, Task<T>> work) => Factory.InTerritoryAsync(TestTerritories.First, work);

    private Task<HttpClient> OfficerAsync(string email, MembershipRole role) => Factory.SignedInOfficerAsync(TestTerritories.First, email, role);

    private Task<Guid> MembershipOfAsync(string email) => InTerritoryAsync(db => db.Memberships.Where(m => m.OrganisationId == null)
        .Join(db.Users.Where(u => u.Email == email), m => m.UserId, u => u.Id, (m, u) => m.Id).SingleAsync());

    private static async Task<string> TextAsync(Task<HttpResponseMessage> response) =>
        await (await response).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task LetAnAdminInviteAReaderByEmail()
    {
        var admin = await OfficerAsync("admin@territoire.example", MembershipRole.OfficerAdmin);

        var sent = await TextAsync(admin.SubmitAsync($"{Page}?handler=Invite", new()
        {
            ["Email"] = " Lectrice@Territoire.example ", ["Role"] = "OfficerReader",
        }));
        var twice = await TextAsync(admin.SubmitAsync($"{Page}?handler=Invite", new()
        {
            ["Email"] = "lectrice@territoire.example", ["Role"] = "OfficerAdmin",
        }));
        var invitation = await InTerritoryAsync(db => db.Invitations.SingleAsync());
        var mail = await InTerritoryAsync(db => db.OutboxMessages.SingleAsync());

        Assert.Contains("Invitation envoyée à lectrice@territoire.example", sent);
        Assert.Contains("lectrice@territoire.example a déjà une invitation en attente, valable jusqu’au", twice);
        Assert.Contains("lectrice@territoire.example", sent[sent.IndexOf("<tbody>", StringComparison.Ordinal)..]); // pending, in the list
        Assert.Equal(("lectrice@territoire.example", (Guid?)null, MembershipRole.OfficerReader),
            (invitation.Email, invitation.OrganisationId, invitation.Role));
        Assert.Equal("lectrice@territoire.example", mail.ToAddress);
        Assert.Contains($"/t/{TestTerritories.First}/invitation?code=", mail.TextBody);
        Assert.Contains($"l’équipe de {TestTerritories.FirstName}", mail.TextBody);
    }

    [Fact]
    public async Task SendAnInvitedReaderToTheDashboardOnceTheyAccept()
    {
        var admin = await OfficerAsync("admin@territoire.example", MembershipRole.OfficerAdmin);
        await admin.SubmitAsync($"{Page}?handler=Invite", new() { ["Email"] = "lectrice@territoire.example", ["Role"] = "OfficerReader" });
        var body = (await InTerritoryAsync(db => db.OutboxMessages.SingleAsync())).TextBody;
        var link = new Uri(body.Split('\n').Single(l => l.Contains("/invitation?code=", StringComparison.Ordinal)).Trim()).PathAndQuery;

        var joined = await Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .SubmitAsync(link, new() { ["Password"] = "Mot-De-Passe-2026" });

        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal($"/t/{TestTerritories.First}/territoire", joined.Headers.Location?.OriginalString); // not the admins' invitations page
        Assert.Equal(MembershipRole.OfficerReader, await InTerritoryAsync(db => db.Memberships
            .Join(db.Users.Where(u => u.Email == "lectrice@territoire.example"), m => m.UserId, u => u.Id, (m, u) => m.Role).SingleAsync()));
    }

    [Fact]
    public async Task RefuseAnInvalidAddressAndAnExistingOfficerKeepingWhatWasTyped()
    {
        var admin = await OfficerAsync("admin@territoire.example", MembershipRole.OfficerAdmin);
        await Factory.CreateOfficerAsync(TestTerritories.First, "lecteur@territoire.example", MembershipRole.OfficerReader);

        var invalid = await TextAsync(admin.SubmitAsync($"{Page}?handler=Invite", new() { ["Email"] = "pas-une-adresse", ["Role"] = "OfficerReader" }));
        var existing = await TextAsync(admin.SubmitAsync($"{Page}?handler=Invite", new()
        {
            ["Email"] = "Lecteur@territoire.example", ["Role"] = "OfficerAdmin",
        }));

        Assert.Contains("Cette adresse électronique n’est pas valide.", invalid);
        Assert.Contains("value=\"pas-une-adresse\"", invalid);
        Assert.Contains("lecteur@territoire.example fait déjà partie de l’équipe du territoire", existing);
        Assert.Contains("value=\"Lecteur@territoire.example\"", existing);
        Assert.Equal(0, await InTerritoryAsync(db => db.Invitations.CountAsync()));
        Assert.Equal(0, await InTerritoryAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task LetAReaderSeeTheTeamButInviteNobody()
    {
        await Factory.CreateOfficerAsync(TestTerritories.First, "admin@territoire.example", MembershipRole.OfficerAdmin);
        var reader = await OfficerAsync("lecteur@territoire.example", MembershipRole.OfficerReader);

        var page = await reader.GetStringAsync(Page, TestContext.Current.CancellationToken);
        var inviting = await reader.PostAsync($"{Page}?handler=Invite", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "intrus@exemple.fr", ["Role"] = "OfficerAdmin", ["__RequestVerificationToken"] = Forms.AntiforgeryToken(page),
        }), TestContext.Current.CancellationToken);

        Assert.Contains("admin@territoire.example", page);
        Assert.Contains("Administrateur", page);
        Assert.Contains("lecteur@territoire.example (vous)", page);
        Assert.DoesNotContain("Envoyer l’invitation", page);
        Assert.DoesNotContain("Retirer de l’équipe", page);
        Assert.Equal(HttpStatusCode.Forbidden, inviting.StatusCode);
        Assert.Equal(0, await InTerritoryAsync(db => db.Invitations.CountAsync()));
    }

    [Fact]
    public async Task KeepAnAdminWhateverTheLastOneTries()
    {
        var admin = await OfficerAsync("admin@territoire.example", MembershipRole.OfficerAdmin);
        await Factory.CreateOfficerAsync(TestTerritories.First, "lecteur@territoire.example", MembershipRole.OfficerReader);
        var me = await MembershipOfAsync("admin@territoire.example");

        var leaving = await TextAsync(admin.SubmitAsync($"{Page}?handler=Remove&id={me}", []));
        var steppingDown = await TextAsync(admin.SubmitAsync($"{Page}?handler=Role&id={me}", new() { ["newRole"] = "OfficerReader" }));

        Assert.Contains("Le territoire garde toujours un administrateur : donnez d’abord ce rôle à quelqu’un d’autre.", leaving);
        Assert.Contains("Le territoire garde toujours un administrateur", steppingDown);
        Assert.DoesNotContain("fr-input-group--error", leaving); // the invitation's empty fields are not this form's
        var roles = await InTerritoryAsync(db => db.Memberships.Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Email, m.Role })
            .OrderBy(x => x.Email).Select(x => $"{x.Email} {x.Role}").ToListAsync());
        Assert.Equal(["admin@territoire.example OfficerAdmin", "lecteur@territoire.example OfficerReader"], roles);
    }

    [Fact]
    public async Task LetAnAdminPromoteThenLeaveAndRemoveAnotherOfficerWhoLosesAccess()
    {
        var admin = await OfficerAsync("admin@territoire.example", MembershipRole.OfficerAdmin);
        var removed = await OfficerAsync("partant@territoire.example", MembershipRole.OfficerAdmin);
        await Factory.CreateOfficerAsync(TestTerritories.First, "lecteur@territoire.example", MembershipRole.OfficerReader);
        var (me, leaver, reader) = (await MembershipOfAsync("admin@territoire.example"), await MembershipOfAsync("partant@territoire.example"),
            await MembershipOfAsync("lecteur@territoire.example"));

        var removing = await admin.SubmitAsync($"{Page}?handler=Remove&id={leaver}", []);
        var done = await admin.GetStringAsync(Page, TestContext.Current.CancellationToken);
        var afterwards = await removed.GetAsync($"/t/{TestTerritories.First}/territoire", TestContext.Current.CancellationToken);
        var promoting = await admin.SubmitAsync($"{Page}?handler=Role&id={reader}", new() { ["newRole"] = "OfficerAdmin" });
        var leaving = await admin.SubmitAsync($"{Page}?handler=Remove&id={me}", []);

        Assert.Equal(HttpStatusCode.Redirect, removing.StatusCode);
        Assert.Contains("partant@territoire.example ne fait plus partie de l’équipe du territoire.", done);
        Assert.Equal(HttpStatusCode.NotFound, afterwards.StatusCode); // no membership left: a stranger to the territory
        Assert.Equal(HttpStatusCode.Redirect, promoting.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, leaving.StatusCode);
        Assert.Equal($"/t/{TestTerritories.First}/", leaving.Headers.Location?.OriginalString);
        var roles = await InTerritoryAsync(db => db.Memberships.Join(db.Users, m => m.UserId, u => u.Id, (m, u) => $"{u.Email} {m.Role}").ToListAsync());
        Assert.Equal(["lecteur@territoire.example OfficerAdmin"], roles);
        Assert.Equal(3, await InTerritoryAsync(db => db.Users.CountAsync())); // accounts stay
    }

    [Fact]
    public async Task AnswerAnotherTerritorysOfficerAndMembershipWithNotFound()
    {
        var admin = await OfficerAsync("admin@territoire.example", MembershipRole.OfficerAdmin);
        await Factory.CreateOfficerAsync(TestTerritories.Second, "agent@sud.example", MembershipRole.OfficerAdmin);
        var stranger = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signedIn = await stranger.SubmitAsync($"/t/{TestTerritories.First}/connexion", new()
        {
            ["Input.Email"] = "agent@sud.example", ["Input.Password"] = AssettWebFactory.OfficerPassword,
        });
        var theirs = await Factory.InTerritoryAsync(TestTerritories.Second, db => db.Memberships.Select(m => m.Id).SingleAsync());

        var page = await stranger.GetAsync(Page, TestContext.Current.CancellationToken);
        var removing = await admin.SubmitAsync($"{Page}?handler=Remove&id={theirs}", []);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, removing.StatusCode);
        Assert.Equal(1, await Factory.InTerritoryAsync(TestTerritories.Second, db => db.Memberships.CountAsync()));
    }
}
