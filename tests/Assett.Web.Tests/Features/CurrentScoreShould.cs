using System.Net;
using System.Text.Json;
using Assett.Data.Assessments;
using Assett.Web.Features.Shared.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Web.Tests.Features;

/// <summary>
/// The current score a save stores: re-scored from the changed task by the host that holds the assessment's evaluation
/// (<see cref="TrackedScores"/>), it must be what a full evaluation of the stored statuses gives, on the root and on every
/// stored node, also when another host (another memory) saved the same assessment in between.
/// </summary>
public sealed class CurrentScoreShould(PostgresServer server) : WebHostTest(server)
{
    private HttpClient _owner = null!;
    private readonly Dictionary<string, uint> _versions = [];

    protected override async Task ArrangeAsync()
    {
        await Boulangerie.SeedAsync(Factory);
        _owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);
        await _owner.GetStringAsync($"/t/{TestTerritories.First}/evaluation", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task EqualAFullEvaluationAfterEachSave()
    {
        // Done, planned, then non concerné (its potential goes to the measure's other tasks), then back to not done.
        foreach (var (task, status) in new[]
                 {
                     ("assett_1.1.1.1", "fait"), ("assett_1.1.2.1", "programme"), ("assett_1.1.1.2", "non_concerne"), ("assett_1.1.1.1", "pas_fait"),
                     ("assett_1.1.1.2", "fait"),
                 })
        {
            await SaveAsync(task, status);
            await AssertStoredScoreIsTheFullEvaluationAsync();
        }
    }

    [Fact]
    public async Task NotTrustItsMemoryOnceAnotherHostSaved()
    {
        await SaveAsync("assett_1.1.1.1", "fait"); // this host now holds the assessment's evaluation

        await Factory.InTerritoryAsync(TestTerritories.First, async db =>
        {
            var assessment = await db.Assessments.AsNoTracking().SingleAsync();
            var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == assessment.CampaignId);
            var referential = await Factory.Services.GetRequiredService<ReferentialPackages>().GetAsync(db, campaign.ReferentialVersionId,
                TestContext.Current.CancellationToken);
            var otherHost = new TaskAnswers(db, new TrackedScores(), TimeProvider.System);
            return await otherHost.ProveAsync(referential, assessment, "assett_1.1.1.2", new StatusValue(StatusKinds.Fait), "un autre hôte",
                TestContext.Current.CancellationToken);
        });
        await SaveAsync("assett_1.1.2.1", "programme");

        await AssertStoredScoreIsTheFullEvaluationAsync();
        var current = await Factory.InTerritoryAsync(TestTerritories.First, db => db.TaskStatuses.CountAsync(s => s.Status.Kind == StatusKinds.Fait));
        Assert.Equal(2, current);
    }

    private async Task SaveAsync(string task, string status)
    {
        var response = await _owner.SubmitAsync($"/t/{TestTerritories.First}/evaluation/1.1?handler=Task", new()
        {
            ["NodeId"] = task, ["Status"] = status, ["SeenVersion"] = _versions.GetValueOrDefault(task).ToString(),
        });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        _versions[task] = body.GetProperty("version").GetUInt32();
    }

    private Task AssertStoredScoreIsTheFullEvaluationAsync() => Factory.InTerritoryAsync(TestTerritories.First, async db =>
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var assessment = await db.Assessments.AsNoTracking().SingleAsync(cancellationToken);
        var snapshot = await db.ScoreSnapshots.AsNoTracking().SingleAsync(s => s.Kind == SnapshotKind.Current, cancellationToken);
        var rows = await db.ScoreNodeTotals.AsNoTracking().Where(t => t.SnapshotId == snapshot.Id).ToDictionaryAsync(t => t.NodeId, cancellationToken);
        var referential = await Factory.Services.GetRequiredService<ReferentialPackages>().GetAsync(db, snapshot.ReferentialVersionId, cancellationToken);
        var full = referential.Totals(AssessmentContext.Evaluate(referential, assessment,
            await db.TaskStatuses.AsNoTracking().Where(s => s.AssessmentId == assessment.Id).ToListAsync(cancellationToken)));

        Assert.Equal((full.Root.Fait, full.Root.Programme, full.Root.PasFait, full.Root.Potentiel),
            (snapshot.PointFait, snapshot.PointProgramme, snapshot.PointPasFait, snapshot.PointPotentiel));
        Assert.Equal(full.ScorePercent, snapshot.ScorePercent);
        Assert.Equal((full.Root.NationalFait, full.Root.NationalPotentiel), (snapshot.NationalFait, snapshot.NationalPotentiel));
        Assert.Equal(referential.StoredNodes.Themes.Select(n => n.Id).Order(), rows.Keys.Order());
        for (var i = 0; i < referential.StoredNodes.Themes.Length; i++)
        {
            var row = rows[referential.StoredNodes.Themes[i].Id];
            Assert.Equal(full.Themes[i],
                new NodeTotals(row.PointFait, row.PointProgramme, row.PointPasFait, row.PointPotentiel, row.NationalFait, row.NationalPotentiel));
        }
        return 0;
    });
}
