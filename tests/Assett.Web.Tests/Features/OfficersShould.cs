using System.Net;
using System.Text.RegularExpressions;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Invitations;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Web.Tests.Features;

/// <summary>An officer joins the territory by the invitation of the configuration, then invites an organisation's contact.</summary>
public sealed partial class OfficersShould(PostgresServer server) : WebHostTest(server)
{
    private Task<T> InTerritoryAsync<T>(Func<AssettDbContext, Task<T>> work) => Factory.InTerritoryAsync(TestTerritories.First, work);

    private HttpClient NewBrowser() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string path, Dictionary<string, string> fields) =>
        browser.SubmitAsync(path, fields);

    private async Task<(HttpClient Browser, string JoinPage, HttpResponseMessage Joined)> JoinAsOfficerAsync()
    {
        var (token, hash) = InvitationTokens.Create();
        await InTerritoryAsync(async db =>
        {
            db.Invitations.Add(new Invitation
            {
                Id = Guid.NewGuid(), Email = "chargee@territoire.example", Role = MembershipRole.OfficerAdmin, TokenHash = hash,
                ExpiresAt = DateTimeOffset.UtcNow.AddDays(14), CreatedBy = "tenants-config",
            });
            return await db.SaveChangesAsync();
        });
        var officer = NewBrowser();
        var joinPage = await officer.GetStringAsync($"/t/{TestTerritories.First}/invitation?code={token}", TestContext.Current.CancellationToken);
        var joined = await SubmitAsync(officer, $"/t/{TestTerritories.First}/invitation?code={token}", new() { ["Password"] = "Clé-Secrète-2026" });
        return (officer, joinPage, joined);
    }

    [Fact]
    public async Task LetAnOfficerJoinThenInviteAnOrganisationWhoseContactBecomesItsOwner()
    {
        var (officer, joinPage, joined) = await JoinAsOfficerAsync();

        var invited = await (await SubmitAsync(officer, $"/t/{TestTerritories.First}/territoire/invitations", new()
        {
            ["Input.Name"] = "Atelier du Clain", ["Input.Siret"] = "732 829 320 00074", ["Input.Kind"] = "Entreprise",
            ["Input.Email"] = "contact@atelier.example",
        })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var mail = await InTerritoryAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == "contact@atelier.example"));
        var link = new Uri(InvitationLink().Match(mail.TextBody).Value).PathAndQuery;
        var contact = await SubmitAsync(NewBrowser(), link, new() { ["Password"] = "Mot-De-Passe-2026" });

        Assert.Contains($"Rejoindre l’équipe de {TestTerritories.FirstName}", joinPage);
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Contains("Invitation envoyée à contact@atelier.example", invited);
        Assert.Contains("<td>Atelier du Clain</td><td>contact@atelier.example</td>", invited);
        Assert.Equal(HttpStatusCode.Redirect, contact.StatusCode);
        var roles = await InTerritoryAsync(db => db.Memberships.Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Email, m.Role })
            .OrderBy(x => x.Email).Select(x => $"{x.Email} {x.Role}").ToListAsync());
        Assert.Equal(["chargee@territoire.example OfficerAdmin", "contact@atelier.example OrganisationOwner"], roles);
    }

    [Fact]
    public async Task AskTheOwnerWhenSomebodyElseWouldJoinAnOrganisationThatHasOne()
    {
        var (officer, _, _) = await JoinAsOfficerAsync();
        await SubmitAsync(officer, $"/t/{TestTerritories.First}/territoire/invitations", new()
        {
            ["Input.Name"] = "Atelier du Clain", ["Input.Siret"] = "73282932000074", ["Input.Kind"] = "Entreprise", ["Input.Email"] = "contact@atelier.example",
        });
        var invitation = await InTerritoryAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == "contact@atelier.example"));
        await SubmitAsync(NewBrowser(), new Uri(InvitationLink().Match(invitation.TextBody).Value).PathAndQuery, new() { ["Password"] = "Mot-De-Passe-2026" });

        // The officer invites someone else for the same SIRET, then a stranger registers it again.
        var again = await (await SubmitAsync(officer, $"/t/{TestTerritories.First}/territoire/invitations", new()
        {
            ["Input.Name"] = "Atelier du Clain", ["Input.Siret"] = "73282932000074", ["Input.Kind"] = "Entreprise", ["Input.Email"] = "nouveau@atelier.example",
        })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var registered = await (await SubmitAsync(NewBrowser(), $"/t/{TestTerritories.First}/inscription", new()
        {
            ["Input.Siret"] = "73282932000074", ["Input.Name"] = "Atelier du Clain", ["Input.Kind"] = "Entreprise",
            ["Input.Commune"] = TestTerritories.FirstCommune, ["Input.Email"] = "inconnu@exemple.fr", ["Input.Password"] = "Mot-De-Passe-2026",
        })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var toOwner = await InTerritoryAsync(db => db.OutboxMessages.Where(m => m.ToAddress == "contact@atelier.example" && m.Subject.StartsWith("Demande"))
            .OrderBy(m => m.CreatedAt).Select(m => m.TextBody).ToListAsync());

        Assert.Contains("nous lui avons demandé d’ajouter nouveau@atelier.example à son équipe", again);
        Assert.Contains("Atelier du Clain est déjà inscrite", registered);
        Assert.Equal(2, toOwner.Count);
        Assert.Contains("propose d’ajouter nouveau@atelier.example", toOwner[0]);
        Assert.Contains("inconnu@exemple.fr a voulu inscrire Atelier du Clain", toOwner[1]);
        Assert.Contains($"/t/{TestTerritories.First}/organisation/equipe", toOwner[1]);
        // Nobody is let in, and nobody but the contact owns the organisation.
        Assert.Equal(0, await InTerritoryAsync(db => db.Invitations.CountAsync(i => i.OrganisationId != null && i.Email != "contact@atelier.example")));
        Assert.False(await InTerritoryAsync(db => db.Users.AnyAsync(u => u.Email == "inconnu@exemple.fr")));
        Assert.Equal(1, await InTerritoryAsync(db => db.Memberships.CountAsync(m => m.Role == MembershipRole.OrganisationOwner)));
    }

    [Fact]
    public async Task HoldARegistrationFromOutsideTheTerritoryUntilAnOfficerApprovesIt()
    {
        var (officer, _, _) = await JoinAsOfficerAsync();
        var owner = NewBrowser();
        await SubmitAsync(owner, $"/t/{TestTerritories.First}/inscription", new()
        {
            ["Input.Siret"] = "73282932000074", ["Input.Name"] = "Scierie de Lussac", ["Input.Kind"] = "Entreprise", ["Input.Commune"] = "hors-territoire",
            ["Input.Email"] = "scierie@lussac.example", ["Input.Password"] = "Mot-De-Passe-2026",
        });
        await InTerritoryAsync(db => db.Users.Where(u => u.Email == "scierie@lussac.example")
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, true)));
        await SubmitAsync(owner, $"/t/{TestTerritories.First}/connexion", new()
        {
            ["Input.Email"] = "scierie@lussac.example", ["Input.Password"] = "Mot-De-Passe-2026",
        });

        var beforeApproval = await owner.GetAsync($"/t/{TestTerritories.First}/organisation/equipe", TestContext.Current.CancellationToken);
        var asked = await InTerritoryAsync(db =>
            db.OutboxMessages.SingleAsync(m => m.ToAddress == "chargee@territoire.example" && m.Subject.StartsWith("Inscription à valider")));
        var pending = await officer.GetStringAsync($"/t/{TestTerritories.First}/territoire/inscriptions", TestContext.Current.CancellationToken);
        var organisationId = await InTerritoryAsync(db => db.Organisations.Select(o => o.Id).SingleAsync());
        await SubmitAsync(officer, $"/t/{TestTerritories.First}/territoire/inscriptions?handler=Approve", new() { ["id"] = organisationId.ToString() });
        var approved = await officer.GetStringAsync($"/t/{TestTerritories.First}/territoire/inscriptions", TestContext.Current.CancellationToken);
        var afterApproval = await owner.GetAsync($"/t/{TestTerritories.First}/organisation/equipe", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, beforeApproval.StatusCode);
        Assert.Contains("Scierie de Lussac", asked.TextBody);
        Assert.Contains("<td>Scierie de Lussac</td>", pending);
        Assert.Contains("<td>scierie@lussac.example</td>", pending);
        Assert.Contains("L’inscription de Scierie de Lussac est validée.", approved);
        Assert.Equal(HttpStatusCode.OK, afterApproval.StatusCode);
        Assert.Equal(1, await InTerritoryAsync(db =>
            db.OutboxMessages.CountAsync(m => m.ToAddress == "scierie@lussac.example" && m.Subject.StartsWith("Inscription validée"))));
    }

    [Fact]
    public async Task DeleteARefusedRegistrationAndTellItsContact()
    {
        var (officer, _, _) = await JoinAsOfficerAsync();
        await SubmitAsync(NewBrowser(), $"/t/{TestTerritories.First}/inscription", new()
        {
            ["Input.Siret"] = "73282932000074", ["Input.Name"] = "Scierie de Lussac", ["Input.Kind"] = "Entreprise", ["Input.Commune"] = "hors-territoire",
            ["Input.Email"] = "scierie@lussac.example", ["Input.Password"] = "Mot-De-Passe-2026",
        });
        var organisationId = await InTerritoryAsync(db => db.Organisations.Select(o => o.Id).SingleAsync());

        await SubmitAsync(officer, $"/t/{TestTerritories.First}/territoire/inscriptions?handler=Refuse", new() { ["id"] = organisationId.ToString() });
        var refused = await officer.GetStringAsync($"/t/{TestTerritories.First}/territoire/inscriptions", TestContext.Current.CancellationToken);
        var again = await SubmitAsync(officer, $"/t/{TestTerritories.First}/territoire/inscriptions?handler=Refuse", new()
        {
            ["id"] = organisationId.ToString(),
        });
        var told = await officer.GetStringAsync($"/t/{TestTerritories.First}/territoire/inscriptions", TestContext.Current.CancellationToken);

        Assert.Contains("L’inscription de Scierie de Lussac est refusée.", refused);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("Cette inscription a déjà été traitée.", told);
        Assert.Equal(0, await InTerritoryAsync(db => db.Organisations.CountAsync()));
        Assert.Equal(0, await InTerritoryAsync(db => db.Memberships.CountAsync(m => m.OrganisationId != null)));
        Assert.Equal(1, await InTerritoryAsync(db =>
            db.OutboxMessages.CountAsync(m => m.ToAddress == "scierie@lussac.example" && m.Subject.StartsWith("Inscription non retenue"))));
    }

    [GeneratedRegex(@"https?://\S+/invitation\?code=\S+")]
    private static partial Regex InvitationLink();
}
