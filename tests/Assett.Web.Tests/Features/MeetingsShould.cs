using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Assessments;
using Assett.Data.Meetings;
using Assett.Data.Organisations;
using Assett.Web.Features.Shared.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Web.Tests.Features;

/// <summary>The rencontres: who a meeting invites, the waiting list, and the reminder two days before.</summary>
public sealed class MeetingsShould(PostgresServer server) : WebHostTest(server)
{
    private Task<T> InTerritoryAsync<T>(Func<AssettDbContext, Task<T>> work) => Factory.InTerritoryAsync(TestTerritories.First, work);

    [Fact]
    public async Task InviteExactlyTheOrganisationsOfItsSegment()
    {
        var campaign = await InTerritoryAsync(db => db.Campaigns.Select(c => c.Id).SingleAsync());
        // Energy (axis 2) done share: bakery 10 %, garage 30 %, café 60 %, studio 90 %: the median is 45 %.
        var bakery = await MemberAsync("Boulangerie", "C", OrganisationKind.Entreprise, HeadcountBand.From0To9, energy: 10);
        var garage = await MemberAsync("Garage", "G", OrganisationKind.Entreprise, HeadcountBand.From10To49, energy: 30);
        var cafe = await MemberAsync("Café associatif", "I", OrganisationKind.Association, HeadcountBand.From0To9, energy: 60);
        var studio = await MemberAsync("Studio", "J", OrganisationKind.Entreprise, HeadcountBand.From0To9, energy: 90);
        var waiting = await MemberAsync("Hors territoire", "C", OrganisationKind.Entreprise, HeadcountBand.From0To9, energy: 5, awaitingApproval: true);
        var invitedOnly = await InTerritoryAsync(async db =>
        {
            var organisation = new Organisation { Id = Guid.NewGuid(), Name = "Pas encore inscrite", Rna = "W123456789", NafSection = "C" };
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            return organisation.Id;
        });

        Task<IReadOnlyList<Guid>> AudienceAsync(MeetingAudience audience, params string[] themes) => InTerritoryAsync(db =>
            MeetingAudiences.OrganisationsOfAsync(db, new Meeting
            {
                Id = Guid.NewGuid(), Title = "Atelier", DurationMinutes = 60, CreatedBy = "officer", Audience = audience, Themes = [.. themes],
            }, campaign, TestContext.Current.CancellationToken));

        var everyone = await AudienceAsync(new MeetingAudience());
        var small = await AudienceAsync(new MeetingAudience { Headcounts = ["From0To9"] });
        var smallCompanies = await AudienceAsync(new MeetingAudience { Headcounts = ["From0To9"], Kinds = ["Entreprise"] });
        var industry = await AudienceAsync(new MeetingAudience { Sectors = ["C"] });
        var weakOnEnergy = await AudienceAsync(new MeetingAudience { WeakOnThemes = true }, "assett_2.1", "assett_2.2");
        var weakSmall = await AudienceAsync(new MeetingAudience { WeakOnThemes = true, Headcounts = ["From0To9"] }, "assett_2");

        Assert.Equal([bakery, cafe, garage, studio], everyone); // by name; neither the one awaiting approval nor the one not registered
        Assert.Equal([bakery, cafe, studio], small);
        Assert.Equal([bakery, studio], smallCompanies);
        Assert.Equal([bakery], industry);
        Assert.Equal([bakery, garage], weakOnEnergy);
        Assert.Equal([bakery], weakSmall);
        Assert.DoesNotContain(waiting, everyone);
        Assert.DoesNotContain(invitedOnly, everyone);
    }

    [Fact]
    public async Task SendTheTwoDayReminderOnceEvenWithTwoWorkers()
    {
        var organisation = await MemberAsync("Boulangerie", "C", OrganisationKind.Entreprise, HeadcountBand.From0To9, energy: 10);
        await InTerritoryAsync(db =>
        {
            Meeting Planned(string title, double hoursAhead, MeetingState state) => new()
            {
                Id = Guid.NewGuid(), Title = title, DurationMinutes = 90, CreatedBy = "officer", State = state, Place = "Maison des associations",
                StartsAt = DateTimeOffset.UtcNow.AddHours(hoursAhead),
            };
            MeetingRegistration Registered(Meeting meeting, string name, RegistrationState state = RegistrationState.Registered) => new()
            {
                Id = Guid.NewGuid(), MeetingId = meeting.Id, OrganisationId = organisation, Name = name,
                Email = $"{name.ToLowerInvariant()}@boulangerie.example",
                State = state, RegisteredBy = "gerante@boulangerie.example", RegisteredAt = DateTimeOffset.UtcNow,
            };
            var soon = Planned("Atelier énergie", 30, MeetingState.Published);
            var later = Planned("Visite d’entreprise", 24 * 5, MeetingState.Published);
            var draft = Planned("Brouillon", 30, MeetingState.Draft);
            db.AddRange(soon, later, draft, Registered(soon, "Lea"), Registered(soon, "Paul"), Registered(soon, "Ines", RegistrationState.Waiting),
                Registered(soon, "Marc", RegistrationState.Cancelled), Registered(later, "Lea"), Registered(draft, "Lea"));
            return db.SaveChangesAsync();
        });

        var first = await Task.WhenAll(RemindAsync(), RemindAsync());
        var again = await RemindAsync();

        Assert.Equal(2, first.Sum());
        Assert.Equal(0, again);
        var mails = await InTerritoryAsync(db => db.OutboxMessages.OrderBy(m => m.ToAddress).ToListAsync());
        Assert.Equal(["lea@boulangerie.example", "paul@boulangerie.example"], mails.Select(m => m.ToAddress));
        Assert.All(mails, m => Assert.Equal("Rappel : « Atelier énergie » dans deux jours", m.Subject));
        Assert.All(mails, m => Assert.Equal("rencontre.ics", m.AttachmentName));
        Assert.Contains("BEGIN:VEVENT", System.Text.Encoding.UTF8.GetString(mails[0].Attachment!));
    }

    [Fact]
    public async Task MoveTheWaitingListUpOnACancellation()
    {
        var organisation = await MemberAsync("Boulangerie", "C", OrganisationKind.Entreprise, HeadcountBand.From0To9, energy: 10);
        var meeting = new Meeting
        {
            Id = Guid.NewGuid(), Title = "Visite de la chaufferie bois", DurationMinutes = 120, CreatedBy = "officer", State = MeetingState.Published,
            Capacity = 2, StartsAt = DateTimeOffset.UtcNow.AddDays(20), Place = "Chaufferie de Saint-Éloi",
        };
        await InTerritoryAsync(db => { db.Meetings.Add(meeting); return db.SaveChangesAsync(); });

        await using var scope = Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var territory = (await services.GetRequiredService<Assett.Tenancy.ITenantStore>()
            .FindByIdentifierAsync(TestTerritories.First, TestContext.Current.CancellationToken))!;
        using var current = services.GetRequiredService<Assett.Tenancy.IMultiTenantContextAccessor>().Change(territory);
        var registrations = services.GetRequiredService<MeetingRegistrations>();
        Task<MeetingRegistration> RegisterAsync(string name) => registrations.RegisterAsync(territory, meeting.Id, organisation, name,
            $"{name.ToLowerInvariant()}@boulangerie.example", "gerante@boulangerie.example", TestContext.Current.CancellationToken);
        var lea = await RegisterAsync("Lea");
        var paul = await RegisterAsync("Paul");
        var ines = await RegisterAsync("Ines");
        var marc = await RegisterAsync("Marc");
        RegistrationState[] initially = [lea.State, paul.State, ines.State, marc.State];

        var promoted = await registrations.CancelAsync(territory, paul.Id, TestContext.Current.CancellationToken);
        var nobody = await registrations.CancelAsync(territory, marc.Id, TestContext.Current.CancellationToken);
        var back = await RegisterAsync("Paul");

        Assert.Equal([RegistrationState.Registered, RegistrationState.Registered, RegistrationState.Waiting, RegistrationState.Waiting], initially);
        Assert.Equal(ines.Id, promoted?.Id);
        Assert.Null(nobody); // a waiting person's cancellation frees no place
        Assert.Equal((paul.Id, RegistrationState.Waiting), (back.Id, back.State)); // the same registration, now waiting: the meeting is full
        var states = await InTerritoryAsync(db => db.MeetingRegistrations.OrderBy(r => r.Email).Select(r => new { r.Name, r.State }).ToListAsync());
        Assert.Equal(["Ines:Registered", "Lea:Registered", "Marc:Cancelled", "Paul:Waiting"], states.Select(r => $"{r.Name}:{r.State}"));
        var mail = await InTerritoryAsync(db => db.OutboxMessages.SingleAsync(m => m.Subject.StartsWith("Une place")));
        Assert.Equal(("ines@boulangerie.example", "Une place pour « Visite de la chaufferie bois »"), (mail.ToAddress, mail.Subject));
        Assert.Equal("rencontre.ics", mail.AttachmentName);
    }

    private async Task<int> RemindAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Assett.Web.Features.Meetings.MeetingReminders>()
            .RunAsync(TestTerritories.First, TestContext.Current.CancellationToken);
    }

    /// <summary>An organisation with a confirmed owner and a counted score whose energy axis is <paramref name="energy"/> % done.</summary>
    private Task<Guid> MemberAsync(string name, string sector, OrganisationKind kind, HeadcountBand headcount, double energy,
        bool awaitingApproval = false) => InTerritoryAsync(async db =>
    {
        var organisation = new Organisation
        {
            Id = Guid.NewGuid(), Name = name, Rna = $"W{Random.Shared.Next(100_000_000, 999_999_999)}", NafSection = sector, Kind = kind,
            Headcount = headcount, AwaitingApproval = awaitingApproval,
        };
        var email = $"{Guid.NewGuid():N}@membre.example";
        var user = new AssettUser
        {
            Id = Guid.NewGuid(), UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
            EmailConfirmed = true,
        };
        var campaign = await db.Campaigns.SingleAsync();
        var assessment = new Assessment { Id = Guid.NewGuid(), OrganisationId = organisation.Id, CampaignId = campaign.Id, State = AssessmentState.InProgress };
        var snapshot = new ScoreSnapshot
        {
            Id = Guid.NewGuid(), AssessmentId = assessment.Id, ReferentialVersionId = campaign.ReferentialVersionId, Kind = SnapshotKind.Current,
            Tree = "{}", TakenAt = DateTimeOffset.UtcNow,
        };
        db.AddRange(organisation, user, assessment, snapshot,
            new Membership { Id = Guid.NewGuid(), UserId = user.Id, OrganisationId = organisation.Id, Role = MembershipRole.OrganisationOwner },
            new ScoreNodeTotal { Id = Guid.NewGuid(), SnapshotId = snapshot.Id, NodeId = "assett_2", PointFait = energy, PointPotentiel = 100 },
            new ScoreNodeTotal { Id = Guid.NewGuid(), SnapshotId = snapshot.Id, NodeId = "assett_1", PointFait = 100 - energy, PointPotentiel = 100 });
        await db.SaveChangesAsync();
        return organisation.Id;
    });
}
