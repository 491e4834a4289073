using System.Net;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Assessments;
using Assett.Data.Campaigns;
using Assett.Data.Invitations;
using Assett.Data.Organisations;
using Assett.Data.Tenants;
using Assett.Web.Features.Shared.Jobs;
using Hangfire.Storage;
using Assett.Web.Features.Officer.Reminders;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Web.Tests.Features;

/// <summary>Reminders of the open campaign, through the outbox, exactly once per organisation, kind and occurrence.</summary>
public sealed class RemindersShould(PostgresServer server) : WebHostTest(server)
{
    private Guid _campaign;

    protected override async Task ArrangeAsync()
    {
        _campaign = await InTerritoryAsync(async db =>
        {
            var campaign = await db.Campaigns.SingleAsync(c => c.Name == TestTerritories.Campaign);
            campaign.State = CampaignState.Open;
            await db.SaveChangesAsync();
            return campaign.Id;
        });
    }

    private Task<T> InTerritoryAsync<T>(Func<AssettDbContext, Task<T>> work) => Factory.InTerritoryAsync(TestTerritories.First, work);

    [Fact]
    public async Task QueueEachReminderOnceWhenTheJobRunsTwiceOrOnTwoWorkersAtOnce()
    {
        await SeedCohortAsync();

        var first = await Task.WhenAll(RunJobAsync(), RunJobAsync());
        var again = await RunJobAsync();

        var mails = await InTerritoryAsync(db => db.OutboxMessages.OrderBy(m => m.ToAddress)
            .Select(m => new { m.ToAddress, m.Subject, m.UniqueKey }).ToListAsync());
        Assert.Equal(2, first.Sum());
        Assert.Equal(0, again);
        Assert.Equal(["contact@invitee.example", "owner@started.example"], mails.Select(m => m.ToAddress));
        Assert.Equal($"Rappel : {TestTerritories.FirstName} vous invite à rejoindre Assett", mails[0].Subject);
        Assert.Equal($"Votre autoévaluation {TestTerritories.Campaign} est commencée", mails[1].Subject);
        Assert.All(mails, m => Assert.StartsWith($"reminder:{_campaign}:", m.UniqueKey));
    }

    [Fact]
    public async Task SendALastCallOnceInTheCampaignsLastWeek()
    {
        await SeedCohortAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await InTerritoryAsync(db => db.Campaigns.Where(c => c.Id == _campaign)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.OpensOn, today.AddDays(-30)).SetProperty(x => x.ClosesOn, today.AddDays(3))));

        var first = await QueueAsync(today);
        var nextDay = await QueueAsync(today.AddDays(1));

        var lastCalls = await InTerritoryAsync(db => db.OutboxMessages.Where(m => m.Subject.StartsWith("Dernier rappel"))
            .Select(m => m.ToAddress).ToListAsync());
        Assert.Equal(3, first); // the invitation's reminder and two last calls
        Assert.Equal(1, nextDay); // the invitation's reminder of that day; the last calls went once
        Assert.Equal(["owner@started.example", "owner@waiting.example"], lastCalls.Order());
    }

    [Fact]
    public async Task GiveTheInvitationsReminderALinkThatWorks()
    {
        await SeedCohortAsync();
        await RunJobAsync();
        var mail = await InTerritoryAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == "contact@invitee.example"));
        var link = System.Text.RegularExpressions.Regex.Match(mail.TextBody, $@"/t/{TestTerritories.First}/invitation\?code=(\S+)").Groups[1].Value;

        var stored = await InTerritoryAsync(db => db.Invitations.SingleAsync(i => i.Email == "contact@invitee.example"));

        Assert.Equal(InvitationTokens.Hash(link), stored.TokenHash);
    }

    [Fact]
    public async Task StopRemindingAnOrganisationThatClickedTheLinkAndOnlyInItsTerritory()
    {
        await SeedCohortAsync();
        await RunJobAsync();
        var mail = await InTerritoryAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == "owner@started.example"));
        var path = System.Text.RegularExpressions.Regex.Match(mail.TextBody, $@"/t/{TestTerritories.First}/rappels/arret\?code=\S+").Value;
        var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await browser.GetStringAsync(path, TestContext.Current.CancellationToken);
        var elsewhere = await browser.GetAsync(path.Replace(TestTerritories.First, TestTerritories.Second), TestContext.Current.CancellationToken);
        var tampered = await browser.GetAsync(path[..^4] + "AAAA", TestContext.Current.CancellationToken);
        var stopped = await browser.SubmitAsync(path, new() { ["Code"] = Uri.UnescapeDataString(path[(path.IndexOf("code=") + 5)..]) });
        var nextWeek = await QueueAsync(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7));

        Assert.Contains($"Les rappels de « {TestTerritories.Campaign} » s’arrêteront pour Atelier commencé", page);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
        Assert.Contains("ne recevra plus de rappel", await stopped.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, nextWeek); // the invitation's reminder only
        Assert.Equal(1, await InTerritoryAsync(db => db.ReminderOptOuts.CountAsync()));
    }

    [Fact]
    public void TakeTheLatestOccurrenceInTheTerritorysTimeZoneAcrossADaylightSavingChangeInParis()
    {
        // Paris moves to summer time on Sunday 28 March 2027; Mayotte (UTC+3) has no summer time.
        var mayotte = TimeZoneInfo.FindSystemTimeZoneById("Indian/Mayotte");
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var expression = Cronos.CronExpression.Parse("0 9 * * 1");
        var saturday = new DateTimeOffset(2027, 3, 27, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2027, 3, 29, 6, 0, 0, TimeSpan.Zero), expression.GetNextOccurrence(saturday, mayotte));
        Assert.Equal(new DateTimeOffset(2027, 3, 29, 7, 0, 0, TimeSpan.Zero), expression.GetNextOccurrence(saturday, paris));
        Assert.Equal(new DateOnly(2027, 3, 22), Schedule.LatestOccurrence("0 9 * * 1", mayotte, new DateTimeOffset(2027, 3, 29, 5, 59, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2027, 3, 29), Schedule.LatestOccurrence("0 9 * * 1", mayotte, new DateTimeOffset(2027, 3, 29, 6, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task RegisterEachTerritorysRemindersInItsTimeZoneAndRemoveThemWhenItsScheduleGoes()
    {
        var schedules = Factory.Services.GetRequiredService<TenantSchedules>();
        await schedules.SyncAsync(TestContext.Current.CancellationToken);
        var registered = RecurringJobs();
        await using (var admin = AssettDbContextOptions.Create(Factory.Services.GetRequiredService<AssettDatabase>().AdminConnectionString))
        {
            var second = await admin.Tenants.SingleAsync(t => t.Identifier == TestTerritories.Second, TestContext.Current.CancellationToken);
            second.Settings = new TenantSettings
            {
                BaseReferential = second.Settings.BaseReferential, CurrentReferentialVersionId = second.Settings.CurrentReferentialVersionId,
                ReportSchedule = second.Settings.ReportSchedule, Charter = second.Settings.Charter, ReminderSchedule = null,
            };
            await admin.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await schedules.SyncAsync(TestContext.Current.CancellationToken);

        var overseas = registered.Single(j => j.Id == $"reminders:{TestTerritories.Overseas}");
        Assert.Equal(TestTerritories.All.Count, registered.Count(j => j.Id.StartsWith("reminders:")));
        Assert.Equal(("0 9 * * 1", "Indian/Mayotte"), (overseas.Cron, overseas.TimeZoneId));
        Assert.Equal("Europe/Paris", registered.Single(j => j.Id == $"reminders:{TestTerritories.First}").TimeZoneId);
        Assert.DoesNotContain(RecurringJobs(), j => j.Id == $"reminders:{TestTerritories.Second}");
        Assert.Contains(RecurringJobs(), j => j.Id == $"reminders:{TestTerritories.First}");
    }

    private List<Hangfire.Storage.RecurringJobDto> RecurringJobs()
    {
        using var connection = Factory.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        return connection.GetRecurringJobs();
    }

    private async Task<int> RunJobAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(TestTerritories.First, TestContext.Current.CancellationToken);
    }

    private async Task<int> QueueAsync(DateOnly occurrence)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var territory = await scope.ServiceProvider.GetRequiredService<Assett.Tenancy.ITenantStore>().FindByIdentifierAsync(TestTerritories.First);
        using var current = scope.ServiceProvider.GetRequiredService<Assett.Tenancy.IMultiTenantContextAccessor>().Change(territory);
        return await scope.ServiceProvider.GetRequiredService<Reminders>()
            .QueueAsync(territory!, occurrence, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// One organisation invited and not registered, one started, one registered and not started, one
    /// submitted; and the second territory's own started organisation, which the first's job must not touch.
    /// </summary>
    private async Task SeedCohortAsync()
    {
        await InTerritoryAsync(async db =>
        {
            var invitee = Organisation("Atelier invité");
            db.Organisations.Add(invitee);
            db.Invitations.Add(new Invitation
            {
                Id = Guid.NewGuid(), Email = "contact@invitee.example", OrganisationId = invitee.Id, Role = MembershipRole.OrganisationOwner,
                TokenHash = InvitationTokens.Create().Hash, ExpiresAt = DateTimeOffset.UtcNow.AddDays(14), CreatedBy = "officer@example",
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await AddOwnerAsync(db, Organisation("Atelier commencé"), "owner@started.example", AssessmentState.InProgress);
            await AddOwnerAsync(db, Organisation("Atelier en attente"), "owner@waiting.example", null);
            await AddOwnerAsync(db, Organisation("Atelier transmis"), "owner@submitted.example", AssessmentState.Submitted);
            return await db.SaveChangesAsync();
        });
        await Factory.InTerritoryAsync(TestTerritories.Second, async db =>
        {
            await AddOwnerAsync(db, Organisation("Voisin du Sud"), "owner@sud.example", AssessmentState.InProgress);
            return await db.SaveChangesAsync();
        });
    }

    private static Organisation Organisation(string name) =>
        new() { Id = Guid.NewGuid(), Name = name, Rna = $"W{Random.Shared.Next(100_000_000, 999_999_999)}" };

    private static async Task AddOwnerAsync(AssettDbContext db, Organisation organisation, string email, AssessmentState? state)
    {
        db.Organisations.Add(organisation);
        var user = new AssettUser
        {
            Id = Guid.NewGuid(), UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
            EmailConfirmed = true,
        };
        db.Users.Add(user);
        db.Memberships.Add(new Membership { Id = Guid.NewGuid(), UserId = user.Id, OrganisationId = organisation.Id, Role = MembershipRole.OrganisationOwner });
        if (state is { } assessmentState && await db.Campaigns.FirstOrDefaultAsync() is { } campaign)
            db.Assessments.Add(new Assessment
            {
                Id = Guid.NewGuid(), OrganisationId = organisation.Id, CampaignId = campaign.Id, State = assessmentState, CreatedAt = DateTimeOffset.UtcNow,
            });
    }
}
