using System.Net;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Assessments;
using Assett.Data.Meetings;
using Assett.Data.Organisations;
using Assett.Web.Features.Shared.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Web.Tests.Features;

/// <summary>
/// The rencontres: who a meeting invites, the waiting list, the reminder two days before, a change of date,
/// attendance as a task's proof, and isolation of every meeting page.
/// </summary>
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

    [Fact]
    public async Task SendTheNewCalendarFileToEveryRegisteredPersonOnADateChange()
    {
        var organisation = await MemberAsync("Boulangerie", "C", OrganisationKind.Entreprise, HeadcountBand.From0To9, energy: 10);
        var admin = await Factory.SignedInOfficerAsync(TestTerritories.First, "agente@essai-nord.example", MembershipRole.OfficerAdmin);
        var day = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd");
        var planned = await admin.SubmitAsync($"/t/{TestTerritories.First}/territoire/rencontres/planifier", new()
        {
            ["Form.Title"] = "Atelier sobriété", ["Form.Kind"] = "Atelier", ["Form.Day"] = day, ["Form.Time"] = "14:00", ["Form.Duration"] = "90",
            ["Form.Place"] = "Salle du conseil", ["Form.Capacity"] = "2", ["Form.Themes"] = "assett_2",
        });
        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        var meetingId = await InTerritoryAsync(db => db.Meetings.Select(m => m.Id).SingleAsync());
        var page = $"/t/{TestTerritories.First}/territoire/rencontres/{meetingId}";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync($"{page}?handler=Publish", [])).StatusCode);
        await InScopeAsync(async (services, territory) =>
        {
            var registrations = services.GetRequiredService<MeetingRegistrations>();
            foreach (var name in new[] { "Lea", "Paul", "Ines" })
                await registrations.RegisterAsync(territory, meetingId, organisation, name, $"{name.ToLowerInvariant()}@boulangerie.example", "owner",
                    TestContext.Current.CancellationToken);
        });

        var moved = await admin.SubmitAsync($"/t/{TestTerritories.First}/territoire/rencontres/planifier/{meetingId}", new()
        {
            ["Form.Title"] = "Atelier sobriété", ["Form.Kind"] = "Atelier", ["Form.Day"] = DateTime.UtcNow.AddDays(31).ToString("yyyy-MM-dd"),
            ["Form.Time"] = "09:30", ["Form.Duration"] = "90", ["Form.Place"] = "Salle du conseil", ["Form.Capacity"] = "2", ["Form.Themes"] = "assett_2",
        });

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var meeting = await InTerritoryAsync(db => db.Meetings.SingleAsync());
        Assert.Equal((MeetingState.Published, 1), (meeting.State, meeting.Sequence));
        var changes = await InTerritoryAsync(db => db.OutboxMessages.Where(m => m.Subject == "Changement : « Atelier sobriété »").OrderBy(m => m.ToAddress)
            .ToListAsync());
        Assert.Equal(["ines@boulangerie.example", "lea@boulangerie.example", "paul@boulangerie.example"], changes.Select(m => m.ToAddress)); // Ines waits
        var start = meeting.StartsAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'");
        Assert.All(changes, m =>
        {
            var calendar = System.Text.Encoding.UTF8.GetString(m.Attachment!);
            Assert.Contains("SEQUENCE:1", calendar);
            Assert.Contains($"DTSTART:{start}", calendar);
            Assert.Contains($"UID:{meetingId:N}@{TestTerritories.First}.assett", calendar);
        });
        var invitation = await InTerritoryAsync(db => db.OutboxMessages.SingleAsync(m => m.Subject == "Invitation : « Atelier sobriété »"));
        Assert.Contains("/rencontres/arret?code=", invitation.TextBody); // the invitation's stop link
        // Saving again without a change of date or place tells nobody again.
        await admin.SubmitAsync($"/t/{TestTerritories.First}/territoire/rencontres/planifier/{meetingId}", new()
        {
            ["Form.Title"] = "Atelier sobriété (complet)", ["Form.Kind"] = "Atelier", ["Form.Day"] = DateTime.UtcNow.AddDays(31).ToString("yyyy-MM-dd"),
            ["Form.Time"] = "09:30", ["Form.Duration"] = "90", ["Form.Place"] = "Salle du conseil", ["Form.Capacity"] = "2", ["Form.Themes"] = "assett_2",
        });
        Assert.Equal(1, await InTerritoryAsync(db => db.Meetings.Select(m => m.Sequence).SingleAsync()));
        Assert.Equal(3, await InTerritoryAsync(db => db.OutboxMessages.CountAsync(m => m.Subject.StartsWith("Changement"))));
    }

    [Fact]
    public async Task ProveTheAttendanceTaskAfterTheSecondMeetingAttendedAndNotBefore()
    {
        const string Task = "assett_1.L1.2.1"; // « rencontres: 2 » in tests/tenants-config/essai-nord/local/1.L1.md
        var organisation = (await Boulangerie.SeedAsync(Factory)).Id;
        var owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/t/{TestTerritories.First}/evaluation", TestContext.Current.CancellationToken)).StatusCode);
        var campaign = await InTerritoryAsync(db => db.Campaigns.SingleAsync());
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        DateTimeOffset On(DateOnly day) =>
            new DateTimeOffset(day.ToDateTime(new TimeOnly(14, 0)), zone.GetUtcOffset(day.ToDateTime(new TimeOnly(14, 0)))).ToUniversalTime();
        var before = await HeldAsync("Avant la campagne", On(campaign.OpensOn.AddDays(-10)), organisation);
        var first = await HeldAsync("Atelier énergie", On(campaign.OpensOn.AddDays(20)), organisation);
        var second = await HeldAsync("Visite de la chaufferie", On(campaign.OpensOn.AddDays(50)), organisation);

        async Task<string?> StatusAfterAsync(params Guid[] attended)
        {
            await InTerritoryAsync(db => db.MeetingRegistrations.ExecuteUpdateAsync(u =>
                u.SetProperty(r => r.Attended, r => attended.Contains(r.MeetingId))));
            await InScopeAsync((services, _) =>
                services.GetRequiredService<AttendanceEvidence>().ApplyAsync([organisation], TestContext.Current.CancellationToken));
            return await InTerritoryAsync(db => db.TaskStatuses.Where(s => s.NodeId == Task).Select(s => s.Status.Kind).SingleOrDefaultAsync());
        }

        var afterOne = await StatusAfterAsync(first);
        var oneAndOneOutside = await StatusAfterAsync(first, before);
        var afterTwo = await StatusAfterAsync(first, second);
        var corrected = await StatusAfterAsync(second);

        Assert.Null(afterOne);
        Assert.Null(oneAndOneOutside); // a meeting before the campaign's window does not count
        Assert.Equal(StatusKinds.Fait, afterTwo);
        Assert.Equal(StatusKinds.NonRenseigne, corrected); // attendance corrected: the proof's answer is taken back
        var history = await InTerritoryAsync(db => db.TaskStatusChanges.Where(c => c.NodeId == Task).Select(c => c.ChangedBy).Distinct().ToListAsync());
        Assert.Equal([AttendanceEvidence.Author], history);
        // The organisation cannot declare it itself, by page or by API: the answer is proven.
        var declared = await owner.SubmitAsync($"/t/{TestTerritories.First}/evaluation/1.L1?handler=Task", new()
        {
            ["NodeId"] = Task, ["Status"] = "fait", ["SeenVersion"] = "0",
        });
        Assert.NotEqual(StatusKinds.Fait, await InTerritoryAsync(db => db.TaskStatuses.Where(s => s.NodeId == Task).Select(s => s.Status.Kind).SingleAsync()));
        Assert.NotEqual(HttpStatusCode.InternalServerError, declared.StatusCode);
    }

    [Fact]
    public async Task AnswerAnotherTerritorysOfficerWithNotFoundOnEveryMeetingPage()
    {
        var organisation = await MemberAsync("Boulangerie", "C", OrganisationKind.Entreprise, HeadcountBand.From0To9, energy: 10);
        var meeting = await HeldAsync("Atelier énergie", DateTimeOffset.UtcNow.AddDays(-1), organisation);
        var material = await InTerritoryAsync(async db =>
        {
            var file = new MeetingMaterial
            {
                Id = Guid.NewGuid(), MeetingId = meeting, FileName = "support.pdf", ContentType = "application/pdf", Content = [1, 2, 3], Size = 3,
                AddedBy = "agente@essai-nord.example", AddedAt = DateTimeOffset.UtcNow,
            };
            db.MeetingMaterials.Add(file);
            await db.SaveChangesAsync();
            return file.Id;
        });
        var own = await Factory.SignedInOfficerAsync(TestTerritories.First, "agente@essai-nord.example", MembershipRole.OfficerAdmin);
        var stranger =
            await Factory.SignedInOfficerAsync(TestTerritories.Second, "agent@essai-sud.example", MembershipRole.OfficerAdmin, TestTerritories.First);
        var strangerAtHome = await Factory.SignedInAgainAsync(TestTerritories.Second, "agent@essai-sud.example");
        string[] pages =
        [
            "territoire/rencontres", $"territoire/rencontres/{meeting}", "territoire/rencontres/planifier", $"territoire/rencontres/planifier/{meeting}",
            $"territoire/rencontres/{meeting}?handler=File&file={material}", "rencontres", $"rencontres/{meeting}",
            $"rencontres/{meeting}?handler=File&file={material}",
        ];

        foreach (var page in pages)
        {
            var mine = await own.GetAsync($"/t/{TestTerritories.First}/{page}", TestContext.Current.CancellationToken);
            var theirs = await stranger.GetAsync($"/t/{TestTerritories.First}/{page}", TestContext.Current.CancellationToken);
            // In its own territory, the other officer finds no such meeting either.
            var elsewhere = await strangerAtHome.GetAsync($"/t/{TestTerritories.Second}/{page}", TestContext.Current.CancellationToken);
            Assert.True(theirs.StatusCode == HttpStatusCode.NotFound, $"{page}: {theirs.StatusCode}");
            Assert.True(mine.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden, $"{page} for its own officer: {mine.StatusCode}");
            if (page.Contains(meeting.ToString()) && page.StartsWith("territoire"))
                Assert.True(elsewhere.StatusCode == HttpStatusCode.NotFound, $"{page} in the other territory: {elsewhere.StatusCode}");
        }
        var posted = await stranger.PostAsync($"/t/{TestTerritories.First}/territoire/rencontres/{meeting}?handler=Cancel", new FormUrlEncodedContent([]),
            TestContext.Current.CancellationToken);
        Assert.True(posted.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"cancel: {posted.StatusCode}");
        Assert.Equal(MeetingState.Published, await InTerritoryAsync(db => db.Meetings.Select(m => m.State).SingleAsync()));
    }

    /// <summary>A published meeting at that time, where one person of the organisation registered.</summary>
    private Task<Guid> HeldAsync(string title, DateTimeOffset startsAt, Guid organisation) => InTerritoryAsync(async db =>
    {
        var meeting = new Meeting
        {
            Id = Guid.NewGuid(), Title = title, DurationMinutes = 120, CreatedBy = "officer", State = MeetingState.Published, StartsAt = startsAt,
            Place = "Maison des associations",
        };
        db.AddRange(meeting, new MeetingRegistration
        {
            Id = Guid.NewGuid(), MeetingId = meeting.Id, OrganisationId = organisation, Name = "Lea", Email = "lea@boulangerie.example",
            State = RegistrationState.Registered, RegisteredBy = "owner", RegisteredAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return meeting.Id;
    });

    private async Task InScopeAsync(Func<IServiceProvider, Assett.Tenancy.TenantInfo, Task> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var territory = (await services.GetRequiredService<Assett.Tenancy.ITenantStore>()
            .FindByIdentifierAsync(TestTerritories.First, TestContext.Current.CancellationToken))!;
        using var current = services.GetRequiredService<Assett.Tenancy.IMultiTenantContextAccessor>().Change(territory);
        await work(services, territory);
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
            TakenAt = DateTimeOffset.UtcNow,
        };
        db.AddRange(organisation, user, assessment, snapshot,
            new Membership { Id = Guid.NewGuid(), UserId = user.Id, OrganisationId = organisation.Id, Role = MembershipRole.OrganisationOwner },
            new ScoreNodeTotal { Id = Guid.NewGuid(), SnapshotId = snapshot.Id, NodeId = "assett_2", PointFait = energy, PointPotentiel = 100 },
            new ScoreNodeTotal { Id = Guid.NewGuid(), SnapshotId = snapshot.Id, NodeId = "assett_1", PointFait = 100 - energy, PointPotentiel = 100 });
        await db.SaveChangesAsync();
        return organisation.Id;
    });
}
