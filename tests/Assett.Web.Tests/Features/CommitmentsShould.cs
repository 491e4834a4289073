using System.Net;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Assessments;
using Assett.Data.Campaigns;
using Assett.Data.Commitments;
using Assett.Data.Organisations;
using Assett.Web.Features.ActionPlan;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Web.Tests.Features;

/// <summary>Commitments belong to the organisation: they outlive a submission, carry over with their history, and are reminded once when overdue.</summary>
public sealed class CommitmentsShould(PostgresServer server) : WebHostTest(server)
{
    private Organisation _organisation = null!;

    protected override async Task ArrangeAsync() => _organisation = await Boulangerie.SeedAsync(Factory);

    private Task<T> InTerritoryAsync<T>(Func<AssettDbContext, Task<T>> work) => Factory.InTerritoryAsync(TestTerritories.First, work);

    private static Dictionary<string, string> Deliverable(string task, string due) => new()
    {
        ["tache"] = task, ["Form.Kind"] = "livrable", ["Form.Deliverable"] = "Plan de mobilité employeur adopté", ["Form.DueDate"] = due,
        ["Form.Carrier"] = "Léa",
    };

    [Fact]
    public async Task CarryOverIntoTheNextCampaignWithItsHistory()
    {
        var admin = await Factory.SignedInOfficerAsync(TestTerritories.First, "admin@territoire.example", MembershipRole.OfficerAdmin);
        var owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);
        var campaigns = $"/t/{TestTerritories.First}/territoire/campagnes";
        var first = await InTerritoryAsync(db => db.Campaigns.Select(c => c.Id).SingleAsync());
        await admin.SubmitAsync($"{campaigns}?handler=Open&id={first}", []);
        var inAYear = DateTime.UtcNow.AddDays(400).ToString("yyyy-MM-dd");
        await owner.SubmitAsync($"/t/{TestTerritories.First}/plan-action", Deliverable("assett_4.1.1.1", inAYear));
        await owner.SubmitAsync($"/t/{TestTerritories.First}/plan-action", Deliverable("assett_1.1.1.1", inAYear));
        var done = await InTerritoryAsync(db => db.Commitments.SingleAsync(c => c.NodeId == "assett_1.1.1.1"));
        await owner.SubmitAsync($"/t/{TestTerritories.First}/plan-action?handler=Complete", new() { ["id"] = done.Id.ToString() });

        await admin.SubmitAsync($"{campaigns}?handler=Close&id={first}", []);
        await admin.SubmitAsync($"{campaigns}?handler=Create", new()
        {
            ["Input.Name"] = "Campagne de test 2028", ["Input.OpensOn"] = "2028-01-15", ["Input.ClosesOn"] = "2028-06-30",
        });
        var next = await InTerritoryAsync(db => db.Campaigns.Where(c => c.Name == "Campagne de test 2028").Select(c => c.Id).SingleAsync());
        var opened = await admin.SubmitAsync($"{campaigns}?handler=Open&id={next}", []);
        var plan = await owner.GetStringAsync($"/t/{TestTerritories.First}/plan-action", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var carried = await InTerritoryAsync(db => db.Commitments.SingleAsync(c => c.NodeId == "assett_4.1.1.1"));
        Assert.Equal(next, carried.CampaignId);
        Assert.Equal(first, (await InTerritoryAsync(db => db.Commitments.SingleAsync(c => c.Id == done.Id))).CampaignId); // done stays behind
        var history = await InTerritoryAsync(db => db.CommitmentEvents.Where(e => e.CommitmentId == carried.Id).OrderBy(e => e.At).ToListAsync());
        Assert.Equal([CommitmentEventKind.Created, CommitmentEventKind.CarriedOver], history.Select(e => e.Kind));
        Assert.Equal($"reporté de « {TestTerritories.Campaign} » à « Campagne de test 2028 »", history[1].Detail);
        Assert.Contains("Plan de mobilité employeur adopté", plan);
        Assert.Contains($"reporté de « {TestTerritories.Campaign} » à « Campagne de test 2028 »", plan);
    }

    [Fact]
    public async Task KeepThePlanWorkingAfterTheSubmission()
    {
        await InTerritoryAsync(db => db.Campaigns.ExecuteUpdateAsync(c => c.SetProperty(x => x.State, CampaignState.Open)));
        var owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);
        await owner.GetStringAsync($"/t/{TestTerritories.First}/plan-action", TestContext.Current.CancellationToken); // starts the assessment
        await InTerritoryAsync(db => db.Assessments.ExecuteUpdateAsync(a => a.SetProperty(x => x.State, AssessmentState.Submitted)));

        var added = await owner.SubmitAsync($"/t/{TestTerritories.First}/plan-action",
            Deliverable("assett_1.1.1.1", DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd")));

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(1, await InTerritoryAsync(db => db.Commitments.CountAsync()));
        Assert.Equal(0, await InTerritoryAsync(db => db.TaskStatuses.CountAsync())); // the transmitted assessment does not change
    }

    [Fact]
    public async Task RemindAnOverdueCommitmentOnceEvenWithTwoWorkers()
    {
        await InTerritoryAsync(async db =>
        {
            var campaign = await db.Campaigns.SingleAsync();
            db.Commitments.Add(new Commitment
            {
                Id = Guid.NewGuid(), OrganisationId = _organisation.Id, CampaignId = campaign.Id, NodeId = "assett_1.1.1.1",
                Deliverable = "Bilan carbone réalisé", DueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)), Carrier = "Léa",
                CreatedBy = Boulangerie.Owner,
            });
            db.Commitments.Add(new Commitment
            {
                Id = Guid.NewGuid(), OrganisationId = _organisation.Id, CampaignId = campaign.Id, NodeId = "assett_2.1.1.1",
                Deliverable = "Audit énergétique", DueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(20)), Carrier = "Léa",
                CreatedBy = Boulangerie.Owner,
            });
            return await db.SaveChangesAsync();
        });

        var first = await Task.WhenAll(RunAsync(), RunAsync());
        var again = await RunAsync();

        Assert.Equal(1, first.Sum());
        Assert.Equal(0, again);
        var mail = await InTerritoryAsync(db => db.OutboxMessages.SingleAsync());
        Assert.Equal((Boulangerie.Owner, "Un engagement a dépassé son échéance : Bilan carbone réalisé"), (mail.ToAddress, mail.Subject));
        Assert.Contains("/plan-action", mail.TextBody);
    }

    [Fact]
    public async Task ShowOfficersTheCohortsCommitmentsByThemeWithAnExport()
    {
        await InTerritoryAsync(async db =>
        {
            var campaign = await db.Campaigns.SingleAsync();
            Commitment Made(string task, string deliverable, int dueInDays, CommitmentState state) => new()
            {
                Id = Guid.NewGuid(), OrganisationId = _organisation.Id, CampaignId = campaign.Id, NodeId = task, Deliverable = deliverable,
                DueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(dueInDays)), Carrier = "Léa", CreatedBy = Boulangerie.Owner, State = state,
            };
            db.Commitments.AddRange(Made("assett_1.1.1.1", "Bilan carbone réalisé", -3, CommitmentState.Open),
                Made("assett_1.1.1.2", "Référent nommé", 10, CommitmentState.Done), Made("assett_2.1.1.1", "Audit énergétique", 20, CommitmentState.Open));
            return await db.SaveChangesAsync();
        });
        var officer = await Factory.SignedInOfficerAsync(TestTerritories.First, "lecteur@territoire.example", MembershipRole.OfficerReader);
        var stranger = await Factory.SignedInOfficerAsync(TestTerritories.Second, "voisin@sud.example", MembershipRole.OfficerAdmin);

        var page = await officer.GetStringAsync($"/t/{TestTerritories.First}/territoire/engagements", TestContext.Current.CancellationToken);
        var overdue = await officer.GetStringAsync($"/t/{TestTerritories.First}/territoire/engagements?etat=en-retard",
            TestContext.Current.CancellationToken);
        var xlsx = await officer.GetAsync($"/t/{TestTerritories.First}/territoire/engagements?handler=Xlsx", TestContext.Current.CancellationToken);
        var elsewhere = await stranger.GetStringAsync($"/t/{TestTerritories.Second}/territoire/engagements", TestContext.Current.CancellationToken);

        Assert.Contains("3 engagements de 1 organisation : 1 réalisé, 2 en cours dont 1 en retard, 0 abandonné.", page);
        Assert.Matches(@"<th scope=""row"">1\. [^<]+</th><td>2</td><td>1</td><td>1</td><td>1</td><td>0</td>", page);
        Assert.Contains("1 engagement</p>", overdue);
        Assert.Contains("Bilan carbone réalisé", overdue);
        Assert.DoesNotContain("Audit énergétique", overdue);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Boulangerie du Clain", elsewhere);
    }

    private async Task<int> RunAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OverdueCommitments>().RunAsync(TestTerritories.First, TestContext.Current.CancellationToken);
    }
}
