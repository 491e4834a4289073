using System.IO.Compression;
using System.Net;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Assessments;
using Assett.Data.Campaigns;
using Assett.Data.Organisations;
using Assett.Web.Features.Bilan;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Web.Tests.Features;

/// <summary>A campaign's close gives each organisation its bilan, beside last campaign's, once; the owner's page and PDF, the officers' ZIP.</summary>
public sealed class BilansShould(PostgresServer server) : WebHostTest(server)
{
    private const string LastYear = "Campagne de test 2026";
    private Organisation _organisation = null!;

    protected override async Task ArrangeAsync()
    {
        _organisation = await Boulangerie.SeedAsync(Factory);
        await InTerritoryAsync(async db =>
        {
            var current = await db.Campaigns.SingleAsync();
            current.State = CampaignState.Open;
            var previous = new Campaign
            {
                Id = Guid.NewGuid(), Name = LastYear, OpensOn = new(2026, 1, 15), ClosesOn = new(2026, 6, 30), State = CampaignState.Closed,
                ReferentialVersionId = current.ReferentialVersionId, ClosedAt = new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero),
            };
            var assessment = new Assessment
            {
                Id = Guid.NewGuid(), OrganisationId = _organisation.Id, CampaignId = previous.Id, State = AssessmentState.Submitted,
                SubmittedAt = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero),
            };
            var snapshot = new ScoreSnapshot
            {
                Id = Guid.NewGuid(), AssessmentId = assessment.Id, ReferentialVersionId = current.ReferentialVersionId, Kind = SnapshotKind.Submitted,
                ScorePercent = 4, TakenAt = assessment.SubmittedAt.Value,
            };
            db.AddRange(previous, assessment, snapshot,
                new ScoreNodeTotal { Id = Guid.NewGuid(), SnapshotId = snapshot.Id, NodeId = "assett_1", PointFait = 1, PointPotentiel = 50 });
            // Last year's bilan was given: only this year's is owed.
            db.Bilans.Add(new Data.Bilans.Bilan
            {
                Id = Guid.NewGuid(), OrganisationId = _organisation.Id, CampaignId = previous.Id, FrozenAt = previous.ClosedAt.Value, Figures = "{}",
            });
            return await db.SaveChangesAsync();
        });
    }

    private Task<T> InTerritoryAsync<T>(Func<AssettDbContext, Task<T>> work) => Factory.InTerritoryAsync(TestTerritories.First, work);

    [Fact]
    public async Task GiveEachOrganisationItsBilanOnceWithLastCampaignsScoresBesideThisOnes()
    {
        var owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);
        var admin = await Factory.SignedInOfficerAsync(TestTerritories.First, "admin@territoire.example", MembershipRole.OfficerAdmin);
        await owner.SubmitAsync($"/t/{TestTerritories.First}/evaluation/1.1?handler=Task", new()
        {
            ["NodeId"] = "assett_1.1.1.1", ["Status"] = "fait", ["SeenVersion"] = "0",
        });
        await owner.SubmitAsync($"/t/{TestTerritories.First}/resultats/transmettre", []);
        var campaign = await InTerritoryAsync(db => db.Campaigns.SingleAsync(c => c.Name == TestTerritories.Campaign));
        await admin.SubmitAsync($"/t/{TestTerritories.First}/territoire/campagnes?handler=Close&id={campaign.Id}", []);

        await Task.WhenAll(RunAsync(), RunAsync());
        var again = await RunAsync();
        var page = await owner.GetStringAsync($"/t/{TestTerritories.First}/bilan/{campaign.Id}", TestContext.Current.CancellationToken);
        var pdf = await owner.GetAsync($"/t/{TestTerritories.First}/bilan/{campaign.Id}?handler=Pdf", TestContext.Current.CancellationToken);
        var zip = await admin.GetAsync($"/t/{TestTerritories.First}/territoire/bilans?handler=Download&campagne={campaign.Id}",
            TestContext.Current.CancellationToken);
        var officerPage = await admin.GetAsync($"/t/{TestTerritories.First}/bilan/{campaign.Id}", TestContext.Current.CancellationToken);

        Assert.Equal(0, again);
        Assert.Equal(1, await InTerritoryAsync(db => db.Bilans.CountAsync(b => b.CampaignId == campaign.Id)));
        var mails = await InTerritoryAsync(db => db.OutboxMessages.Where(m => m.UniqueKey.StartsWith("bilan:")).ToListAsync());
        Assert.Equal(Boulangerie.Owner, Assert.Single(mails).ToAddress);
        Assert.Contains($"/bilan/{campaign.Id}", mails[0].TextBody);
        Assert.Contains($"<th scope=\"col\">{LastYear}</th>", page);
        Assert.Contains($"<th scope=\"col\">{TestTerritories.Campaign}</th>", page);
        Assert.Contains("<td>2 %</td>", page); // last year's pilotage: 1 point of 50
        Assert.Contains("Prochaines étapes proposées", page);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), 0, 4));
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, archive.Entries.Count); // the table and the one organisation's page
        Assert.Contains(archive.Entries, e => e.FullName == "bilans.xlsx");
        Assert.Equal(HttpStatusCode.Forbidden, officerPage.StatusCode); // the organisation's own
    }

    [Fact]
    public async Task LetTheOwnerEstablishTheBilanOnceTheAssessmentIsTransmitted()
    {
        var owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);
        await owner.SubmitAsync($"/t/{TestTerritories.First}/evaluation/1.1?handler=Task", new()
        {
            ["NodeId"] = "assett_1.1.1.1", ["Status"] = "fait", ["SeenVersion"] = "0",
        });
        var before = await owner.GetStringAsync($"/t/{TestTerritories.First}/bilan", TestContext.Current.CancellationToken);
        await owner.SubmitAsync($"/t/{TestTerritories.First}/resultats/transmettre", []);

        var offered = await owner.GetStringAsync($"/t/{TestTerritories.First}/bilan", TestContext.Current.CancellationToken);
        var established = await owner.SubmitAsync($"/t/{TestTerritories.First}/bilan?handler=Freeze", []);

        Assert.DoesNotContain($"Établir mon bilan « {TestTerritories.Campaign} »", before);
        Assert.Contains($"Établir mon bilan « {TestTerritories.Campaign} »", offered);
        Assert.Equal(HttpStatusCode.Redirect, established.StatusCode);
        var bilan = await InTerritoryAsync(db => db.Bilans.SingleAsync(b => b.CampaignId != db.Campaigns.Single(c => c.Name == LastYear).Id));
        Assert.True(Assett.Web.Features.Shared.Bilans.Bilans.Read(bilan).Submitted);
    }

    private async Task<int> RunAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BilanJob>().RunAsync(TestTerritories.First, TestContext.Current.CancellationToken);
    }
}
