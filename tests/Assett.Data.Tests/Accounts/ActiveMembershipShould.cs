using Assett.Data.Accounts;
using Assett.Data.Organisations;
using Assett.Data.Tenants;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Assett.Data.Tests.Accounts;

/// <summary>The one rule of a membership that counts, read through the view by access checks and « registered » alike.</summary>
public sealed class ActiveMembershipShould(PostgresServer server)
{
    [Fact]
    public async Task CountOnlyConfirmedAccountsOfOrganisationsNotAwaitingApproval()
    {
        var database = await server.CreateDatabaseAsync();
        var territory = new TenantInfo(Guid.NewGuid(), "territoire-a", "Territoire A");
        var (confirmed, unconfirmed) = (User("confirme@example.fr", true), User("en-attente@example.fr", false));
        await using (var platform = AssettDbContextOptions.Create(database.AppConnectionString))
        {
            platform.Tenants.Add(new Tenant { Id = territory.Id, Identifier = territory.Identifier, Name = territory.Name, DisplayName = territory.Name });
            platform.Users.AddRange(confirmed, unconfirmed);
            await platform.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var (approved, pending, unconfirmedOnly) =
            (Organisation("73282932000074", false), Organisation("35600000000048", true), Organisation("44306184100047", false));
        using var scope = new MultiTenantContextAccessor().Change(territory);
        await using var db = AssettDbContextOptions.Create(database.AppConnectionString);
        db.Organisations.AddRange(approved, pending, unconfirmedOnly);
        db.Memberships.AddRange(Member(confirmed, approved), Member(confirmed, pending), Member(unconfirmed, unconfirmedOnly),
            new Membership { Id = Guid.NewGuid(), UserId = confirmed.Id, Role = MembershipRole.OfficerReader });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var counted = (await db.ActiveMembershipsOfAsync(confirmed.Id, TestContext.Current.CancellationToken)).Select(m => m.OrganisationId).ToList();
        Assert.Equal([approved.Id, null], counted.OrderBy(id => id is null).ToList());
        Assert.Empty(await db.ActiveMembershipsOfAsync(unconfirmed.Id, TestContext.Current.CancellationToken));
        Assert.Equal([approved.Id], await db.ActiveMemberships.Where(m => m.OrganisationId != null).Select(m => m.OrganisationId)
            .ToListAsync(TestContext.Current.CancellationToken));
    }

    private static AssettUser User(string email, bool confirmed) =>
        new() { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = confirmed };

    private static Organisation Organisation(string siret, bool awaitingApproval) =>
        new() { Id = Guid.NewGuid(), Siret = siret, Name = $"Organisation {siret}", Kind = OrganisationKind.Entreprise, AwaitingApproval = awaitingApproval };

    private static Membership Member(AssettUser user, Organisation organisation) =>
        new() { Id = Guid.NewGuid(), UserId = user.Id, OrganisationId = organisation.Id, Role = MembershipRole.OrganisationOwner };
}
