using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Campaigns;
using Assett.Data.Organisations;
using Assett.Tenancy;
using Assett.Web.Features.Officer.Campaigns;
using Assett.Web.Features.Shared;
using Assett.Web.Features.Shared.Commitments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Assett.Web.Tests.Features;

/// <summary>Campaigns open and close themselves on their dates, in the territory's time zone, once, and never against an officer.</summary>
public sealed class CampaignCalendarShould(PostgresServer server) : WebHostTest(server)
{
    /// <summary>Midnight of 15 January 2027 in Mayotte (UTC+3), the overseas test campaign's first day.</summary>
    private static readonly DateTimeOffset OpeningInMayotte = new(2027, 1, 14, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OpenOnItsDateInMayotteAndEmailEachOrganisationOnce()
    {
        await Factory.InTerritoryAsync(TestTerritories.Overseas, async db =>
        {
            AddMember(db, "Coopérative du lagon", "direction@lagon.example", "tresorier@lagon.example");
            AddMember(db, "Garage de Sada", "gerant@sada.example");
            AddMember(db, "Hors du territoire", "contact@ailleurs.example").AwaitingApproval = true;
            return await db.SaveChangesAsync();
        });

        var eve = await RunAsync(TestTerritories.Overseas, OpeningInMayotte.AddMinutes(-1));
        var day = await Task.WhenAll(RunAsync(TestTerritories.Overseas, OpeningInMayotte), RunAsync(TestTerritories.Overseas, OpeningInMayotte));
        var later = await RunAsync(TestTerritories.Overseas, OpeningInMayotte.AddHours(5));

        Assert.Empty(eve);
        Assert.Single(day.SelectMany(changed => changed)); // two workers, one opening
        Assert.Empty(later);
        var campaign = await Factory.InTerritoryAsync(TestTerritories.Overseas, db => db.Campaigns.SingleAsync());
        Assert.Equal((CampaignState.Open, OpeningInMayotte), (campaign.State, campaign.OpenedAt));
        var mails = await Factory.InTerritoryAsync(TestTerritories.Overseas, db => db.OutboxMessages.OrderBy(m => m.ToAddress).ToListAsync());
        Assert.Equal(["direction@lagon.example", "gerant@sada.example"], mails.Select(m => m.ToAddress));
        Assert.All(mails, m => Assert.Equal($"« {TestTerritories.Campaign} » est ouverte", m.Subject));
        Assert.Contains("ouverte jusqu’au 30 juin 2027", mails[0].TextBody);
        Assert.Equal(0, await Factory.InTerritoryAsync(TestTerritories.First, db => db.Campaigns.CountAsync(c => c.State == CampaignState.Open)));
    }

    [Fact]
    public async Task CloseAfterItsLastDayButNeverUndoAnOfficersOpenOrClose()
    {
        var afterTheClose = new DateTimeOffset(2027, 7, 1, 8, 0, 0, TimeSpan.Zero);
        await Factory.InTerritoryAsync(TestTerritories.First, db => db.Campaigns.ExecuteUpdateAsync(c => c
            .SetProperty(x => x.State, CampaignState.Open).SetProperty(x => x.OpenedAt, new DateTimeOffset(2027, 1, 15, 8, 0, 0, TimeSpan.Zero))));
        // Essai Outre-mer's officer closed early; Essai Sud's opened after its last day, on purpose.
        await Factory.InTerritoryAsync(TestTerritories.Overseas, db => db.Campaigns.ExecuteUpdateAsync(c => c
            .SetProperty(x => x.State, CampaignState.Closed).SetProperty(x => x.ClosedAt, new DateTimeOffset(2027, 3, 1, 8, 0, 0, TimeSpan.Zero))));
        await Factory.InTerritoryAsync(TestTerritories.Second, db => db.Campaigns.ExecuteUpdateAsync(c => c
            .SetProperty(x => x.State, CampaignState.Open).SetProperty(x => x.OpenedAt, new DateTimeOffset(2027, 7, 1, 6, 0, 0, TimeSpan.Zero))));

        var onTheLastDay = await RunAsync(TestTerritories.First, new DateTimeOffset(2027, 6, 30, 20, 0, 0, TimeSpan.Zero));
        var closed = await RunAsync(TestTerritories.First, afterTheClose);
        var overseas = await RunAsync(TestTerritories.Overseas, afterTheClose);
        var reopenedByHand = await RunAsync(TestTerritories.Second, afterTheClose);

        Assert.Empty(onTheLastDay);
        Assert.Equal([CampaignState.Closed], closed.Select(c => c.State));
        Assert.Empty(overseas);
        Assert.Empty(reopenedByHand);
        Assert.Equal(CampaignState.Open, await Factory.InTerritoryAsync(TestTerritories.Second, db => db.Campaigns.Select(c => c.State).SingleAsync()));
    }

    [Fact]
    public async Task RefuseACampaignWhoseDatesOverlapAnother()
    {
        var admin = await Factory.SignedInOfficerAsync(TestTerritories.First, "admin@territoire.example", MembershipRole.OfficerAdmin);

        var page = await (await admin.SubmitAsync($"/t/{TestTerritories.First}/territoire/campagnes?handler=Create", new()
        {
            ["Input.Name"] = "Campagne de rattrapage", ["Input.OpensOn"] = "2027-06-01", ["Input.ClosesOn"] = "2027-09-30",
        })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains($"Ces dates chevauchent « {TestTerritories.Campaign} » (du 15 janvier 2027 au 30 juin 2027)", page);
        Assert.Equal(1, await Factory.InTerritoryAsync(TestTerritories.First, db => db.Campaigns.CountAsync()));
    }

    /// <summary>The calendar's run at <paramref name="now"/>, as the hourly job does it.</summary>
    private async Task<IReadOnlyList<Campaign>> RunAsync(string territory, DateTimeOffset now)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var found = (await services.GetRequiredService<ITenantStore>().FindByIdentifierAsync(territory))!;
        using var current = services.GetRequiredService<IMultiTenantContextAccessor>().Change(found);
        var clock = new FakeTimeProvider(now);
        var db = services.GetRequiredService<AssettDbContext>();
        return await new CampaignCalendar(db, new CommitmentBook(db, clock), services.GetRequiredService<TerritoryLinks>(), clock)
            .RunAsync(found, TestContext.Current.CancellationToken);
    }

    /// <summary>An organisation with confirmed owners, the first one oldest.</summary>
    private static Organisation AddMember(AssettDbContext db, string name, params string[] owners)
    {
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = name, Rna = $"W{Random.Shared.Next(100_000_000, 999_999_999)}" };
        db.Organisations.Add(organisation);
        for (var i = 0; i < owners.Length; i++)
        {
            var user = new AssettUser
            {
                Id = Guid.NewGuid(), UserName = owners[i], Email = owners[i], NormalizedEmail = owners[i].ToUpperInvariant(),
                NormalizedUserName = owners[i].ToUpperInvariant(), EmailConfirmed = true,
            };
            db.Users.Add(user);
            db.Memberships.Add(new Membership
            {
                Id = Guid.NewGuid(), UserId = user.Id, OrganisationId = organisation.Id, Role = MembershipRole.OrganisationOwner,
                CreatedAt = DateTimeOffset.UtcNow.AddMinutes(i),
            });
        }
        return organisation;
    }
}
