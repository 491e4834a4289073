using System.Net;
using Assett.Data.Accounts;
using Assett.Data.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Web.Tests.Features;

/// <summary>
/// The organisation of the business owner's journey tests: a bakery of the first test territory with its owner,
/// an editor and a reader, all with the same password.
/// </summary>
public static class Boulangerie
{
    public const string Password = "Clé-Secrète-2026";
    public const string Owner = "gerante@boulangerie.example";
    public const string Editor = "associe@boulangerie.example";
    public const string Reader = "comptable@boulangerie.example";

    public static async Task<Organisation> SeedAsync(AssettWebFactory factory)
    {
        var users = new Dictionary<string, Guid>();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            foreach (var email in new[] { Owner, Editor, Reader })
            {
                var user = new AssettUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true };
                await scope.ServiceProvider.GetRequiredService<UserManager<AssettUser>>().CreateAsync(user, Password);
                users[email] = user.Id;
            }
        }
        var organisation = new Organisation
        {
            Id = Guid.NewGuid(), Siret = "73282932000074", Name = "Boulangerie du Clain", Headcount = HeadcountBand.From0To9,
            NafCode = "10.71C", NafSection = "C",
        };
        await factory.InTerritoryAsync(TestTerritories.First, async db =>
        {
            db.Organisations.Add(organisation);
            foreach (var (email, role) in new[] { (Owner, MembershipRole.OrganisationOwner), (Editor, MembershipRole.OrganisationEditor),
                         (Reader, MembershipRole.OrganisationReader) })
                db.Memberships.Add(new Membership { Id = Guid.NewGuid(), UserId = users[email], OrganisationId = organisation.Id, Role = role });
            return await db.SaveChangesAsync();
        });
        return organisation;
    }

    public static async Task<HttpClient> SignedInAsync(AssettWebFactory factory, string email)
    {
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signedIn = await browser.SubmitAsync($"/t/{TestTerritories.First}/connexion", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }
}
