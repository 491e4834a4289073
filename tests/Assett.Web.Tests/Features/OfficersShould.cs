using System.Net;
using System.Text.RegularExpressions;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Invitations;
using Assett.Tenancy;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Web.Tests.Features;

/// <summary>An officer joins the territory by the invitation of the configuration, then invites an organisation's contact.</summary>
public sealed partial class OfficersShould(PostgresServer server) : IAsyncLifetime
{
    private AssettWebFactory _factory = null!;

    public async ValueTask InitializeAsync() => _factory = new AssettWebFactory(await server.CreateDatabaseAsync());

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private async Task<T> InTerritoryAsync<T>(Func<AssettDbContext, Task<T>> work)
    {
        var tenant = await _factory.Services.GetRequiredService<ITenantStore>().FindByIdentifierAsync("grand-poitiers");
        using var scope = new MultiTenantContextAccessor().Change(tenant);
        await using var db = AssettDbContextOptions.Create(_factory.Services.GetRequiredService<AssettDatabase>().AppConnectionString);
        return await work(db);
    }

    private HttpClient NewBrowser() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string path, Dictionary<string, string> fields) => browser.SubmitAsync(path, fields);

    [Fact]
    public async Task LetAnOfficerJoinThenInviteAnOrganisationWhoseContactBecomesItsOwner()
    {
        var (token, hash) = InvitationTokens.Create();
        await InTerritoryAsync(async db =>
        {
            db.Invitations.Add(new Invitation
            {
                Id = Guid.NewGuid(), Email = "chargee@grand-poitiers.example", Role = MembershipRole.OfficerAdmin, TokenHash = hash,
                ExpiresAt = DateTimeOffset.UtcNow.AddDays(14), CreatedBy = "tenants-config",
            });
            return await db.SaveChangesAsync();
        });
        var officer = NewBrowser();

        var joinPage = await officer.GetStringAsync($"/t/grand-poitiers/invitation?code={token}", TestContext.Current.CancellationToken);
        var joined = await SubmitAsync(officer, $"/t/grand-poitiers/invitation?code={token}", new() { ["Password"] = "Clé-Secrète-2026" });
        var invited = await (await SubmitAsync(officer, "/t/grand-poitiers/territoire/invitations", new()
        {
            ["Input.Name"] = "Atelier du Clain", ["Input.Siret"] = "732 829 320 00074", ["Input.Kind"] = "Entreprise", ["Input.Email"] = "contact@atelier.example",
        })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var mail = await InTerritoryAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == "contact@atelier.example"));
        var link = new Uri(InvitationLink().Match(mail.TextBody).Value).PathAndQuery;
        var contact = await SubmitAsync(NewBrowser(), link, new() { ["Password"] = "Mot-De-Passe-2026" });

        Assert.Contains("Rejoindre l’équipe de Grand Poitiers", joinPage);
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Contains("Invitation envoyée à contact@atelier.example", invited);
        Assert.Contains("<td>Atelier du Clain</td><td>contact@atelier.example</td>", invited);
        Assert.Equal(HttpStatusCode.Redirect, contact.StatusCode);
        var roles = await InTerritoryAsync(db => db.Memberships.Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Email, m.Role })
            .OrderBy(x => x.Email).Select(x => $"{x.Email} {x.Role}").ToListAsync());
        Assert.Equal(["chargee@grand-poitiers.example OfficerAdmin", "contact@atelier.example OrganisationOwner"], roles);
    }

    [GeneratedRegex(@"https?://\S+/invitation\?code=\S+")]
    private static partial Regex InvitationLink();
}
