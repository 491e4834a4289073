using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Assessments;
using Assett.Data.Campaigns;
using Assett.Data.Organisations;
using Assett.Tenancy;
using Assett.Web.Features.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Web.Tests.Features;

/// <summary>
/// The national figures computed ahead (NationalFiguresJob): the stored sets give the figures PostgreSQL computes from the
/// snapshots themselves, and a territory's sets stay its own.
/// </summary>
public sealed class NationalFigureSetsShould(PostgresServer server) : WebHostTest(server)
{
    private static readonly DateOnly From = new(2027, 1, 1), To = new(2027, 12, 31);

    [Fact]
    public async Task GiveTheFiguresPostgresComputesFromTheSnapshots()
    {
        var earlier = await EarlierCampaignAsync(TestTerritories.First);
        for (var i = 0; i < 7; i++)
        {
            var organisation = await ScoredAsync(TestTerritories.First, null, i % 2 == 0 ? "C" : "F", national: 10 + 7 * i, axis2: 13 * i % 50);
            if (i < 6) await ScoredAsync(TestTerritories.First, (earlier, organisation), "C", national: 3 * i, axis2: 40 - i);
        }
        for (var i = 0; i < 6; i++) await ScoredAsync(TestTerritories.Overseas, null, "I", national: 80 - 11 * i, axis2: 5 * i);
        await RunTheJobAsync(TestTerritories.First, TestTerritories.Overseas);

        var figures = await FiguresAsync();

        var scores = new Dictionary<string, List<(string Node, double Percent)>>();
        foreach (var (territory, name) in
                 new[] { (TestTerritories.First, TestTerritories.FirstName), (TestTerritories.Overseas, TestTerritories.OverseasName) })
            scores[name] = await Factory.InTerritoryAsync(territory, async db => (await db.Database.SqlQueryRaw<NodePercent>(ScoresSql).ToListAsync())
                .Select(s => (s.Node, s.Percent)).ToList());
        scores[NationalFigures.Together] = [.. scores.Values.SelectMany(s => s)];
        var everyGroup = figures.Groups.Where(g => g.Dimension == "tous").ToList();
        Assert.Equal(3 * 3, everyGroup.Count); // two territories and together, on the overall score and two axes
        foreach (var group in everyGroup)
        {
            var percents = scores[group.Territory].Where(s => s.Node == group.NodeId).Select(s => s.Percent).ToArray();
            var expected = await QuartilesAsync(percents);
            Assert.Equal((percents.Length, expected.Q1, expected.Median, expected.Q3), (group.Organisations, group.Q1, group.Median, group.Q3));
        }
        var progress = await Factory.InTerritoryAsync(TestTerritories.First, db => db.Database.SqlQueryRaw<Progress>(ProgressSql,
            new Npgsql.NpgsqlParameter("earlier", earlier)).ToListAsync());
        Assert.Equal(3, progress.Count); // the six organisations scored in both campaigns, on the overall score and two axes
        Assert.Equal(progress.OrderBy(p => p.Node).Select(p => (p.Node, p.Organisations, p.Before, p.After)),
            figures.Progress.OrderBy(p => p.NodeId).Select(p => (p.NodeId, p.Organisations, p.Before, p.After)));
    }

    [Fact]
    public async Task ShowWhatTheJobComputedLast()
    {
        for (var i = 0; i < 5; i++) await ScoredAsync(TestTerritories.First, null, "C", national: 10 * i, axis2: 20);
        await RunTheJobAsync(TestTerritories.First);
        await ScoredAsync(TestTerritories.First, null, "C", national: 70, axis2: 20);

        var before = await FiguresAsync();
        await RunTheJobAsync(TestTerritories.First);
        var after = await FiguresAsync();

        int Organisations(NationalFigures figures) =>
            figures.Groups.Single(g => g.Territory == TestTerritories.FirstName && g.Dimension == "tous" && g.NodeId == "").Organisations;
        Assert.Equal((5, 6), (Organisations(before), Organisations(after)));
    }

    [Fact]
    public async Task ComputeAClosedCampaignOnceMoreAfterItClosedThenKeepIt()
    {
        var earlier = await EarlierCampaignAsync(TestTerritories.First);
        await ScoredAsync(TestTerritories.First, null, "C", national: 10, axis2: 20);
        Task CloseAsync(Guid? campaign) => Factory.InTerritoryAsync(TestTerritories.First, db => db.Campaigns
            .Where(c => campaign == null ? c.State == CampaignState.Open : c.Id == campaign)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.State, CampaignState.Closed).SetProperty(x => x.ClosedAt, DateTimeOffset.UtcNow)));
        await CloseAsync(earlier);

        var first = await RunTheJobAsync(TestTerritories.First);
        var again = await RunTheJobAsync(TestTerritories.First);
        await CloseAsync(null);
        var afterClosing = await RunTheJobAsync(TestTerritories.First);
        var thenAgain = await RunTheJobAsync(TestTerritories.First);

        Assert.Equal((2, 1, 1, 0), (first, again, afterClosing, thenAgain));
    }

    [Fact]
    public async Task KeepATerritorysSetsFromAnother()
    {
        for (var i = 0; i < 5; i++) await ScoredAsync(TestTerritories.First, null, "C", national: 10 * i, axis2: 20);
        await RunTheJobAsync(TestTerritories.First);

        async Task<(int Read, int ReadRaw)> SetsSeenFromAsync(string territory) => await Factory.InTerritoryAsync(territory, async db =>
            (await db.NationalFigureSets.CountAsync(),
                (await db.Database.SqlQueryRaw<Stored>("SELECT count(*)::int AS sets FROM national_figure_sets").SingleAsync()).Sets));

        Assert.Equal((1, 1), await SetsSeenFromAsync(TestTerritories.First));
        Assert.Equal((0, 0), await SetsSeenFromAsync(TestTerritories.Overseas));
    }

    private sealed record NodePercent(string Node, double Percent);

    private sealed record ExpectedQuartiles(double Q1, double Median, double Q3);

    private sealed record Stored(int Sets);

    private sealed record Progress(string Node, int Organisations, double Before, double After);

    // The oracle: the counted snapshots' national scores as plain SQL, in the open campaign, without the application's code.
    private const string ScoresSql = """
        WITH counted AS (SELECT s.* FROM score_snapshots s JOIN counted_snapshots c ON c.id = s.id JOIN campaigns k ON k.id = c.campaign_id
                         WHERE k.state = 'Open')
        SELECT t.node_id AS node, 100 * t.national_fait / t.national_potentiel AS percent
        FROM counted s JOIN score_node_totals t ON t.snapshot_id = s.id WHERE t.national_potentiel > 0
        UNION ALL
        SELECT '', 100 * national_fait / national_potentiel FROM counted WHERE national_potentiel > 0
        """;

    private const string ProgressSql = """
        WITH percents AS (
            SELECT c.organisation_id, c.campaign_id, t.node_id, 100 * t.national_fait / t.national_potentiel AS percent
            FROM counted_snapshots c JOIN score_node_totals t ON t.snapshot_id = c.id WHERE t.national_potentiel > 0
            UNION ALL
            SELECT c.organisation_id, c.campaign_id, '', 100 * s.national_fait / s.national_potentiel
            FROM counted_snapshots c JOIN score_snapshots s ON s.id = c.id WHERE s.national_potentiel > 0)
        SELECT b.node_id AS node, count(*)::int AS organisations, percentile_cont(0.5) WITHIN GROUP (ORDER BY b.percent) AS before,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY a.percent) AS after
        FROM percents b JOIN percents a ON a.organisation_id = b.organisation_id AND a.node_id = b.node_id AND a.campaign_id <> @earlier
        WHERE b.campaign_id = @earlier
        GROUP BY b.node_id
        HAVING count(*) >= 5
        """;

    private Task<ExpectedQuartiles> QuartilesAsync(double[] percents) => Factory.InTerritoryAsync(TestTerritories.First, db =>
        db.Database.SqlQueryRaw<ExpectedQuartiles>(
        """
        SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY p) AS q1, percentile_cont(0.5) WITHIN GROUP (ORDER BY p) AS median,
               percentile_cont(0.75) WITHIN GROUP (ORDER BY p) AS q3
        FROM unnest(@percents) AS p
        """, new Npgsql.NpgsqlParameter("percents", percents)).SingleAsync());

    /// <summary>Runs the job for each territory; returns how many sets it computed.</summary>
    private async Task<int> RunTheJobAsync(params string[] territories)
    {
        var computed = 0;
        foreach (var territory in territories)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            computed += await scope.ServiceProvider.GetRequiredService<NationalFiguresJob>().RunAsync(territory, TestContext.Current.CancellationToken);
        }
        return computed;
    }

    private async Task<NationalFigures> FiguresAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        return await NationalFigures.OfAsync(services.GetRequiredService<ITenantStore>(), services.GetRequiredService<IMultiTenantContextAccessor>(),
            services.GetRequiredService<AssettDbContext>(), From, To, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
    }

    /// <summary>The territory's campaign of 2026, closed, on the same referential version as its 2027 one.</summary>
    private Task<Guid> EarlierCampaignAsync(string territory) => Factory.InTerritoryAsync(territory, async db =>
    {
        var version = await db.Campaigns.Select(c => c.ReferentialVersionId).SingleAsync();
        var campaign = new Campaign
        {
            Id = Guid.NewGuid(), Name = "Campagne de test 2026", OpensOn = new(2026, 1, 15), ClosesOn = new(2026, 6, 30), ReferentialVersionId = version,
            State = CampaignState.Closed,
        };
        db.Add(campaign);
        await db.SaveChangesAsync();
        return campaign.Id;
    });

    /// <summary>
    /// An organisation's counted score in the territory's 2027 campaign (opened), or in <paramref name="earlier"/> for an organisation
    /// already there: axis 1 of 80 national points (and 20 local ones, 10 done), axis 2 of 100.
    /// </summary>
    private Task<Guid> ScoredAsync(string territory, (Guid Campaign, Guid Organisation)? earlier, string sector, double national, double axis2) =>
        Factory.InTerritoryAsync(territory, async db =>
        {
            Guid campaignId;
            var organisationId = earlier?.Organisation ?? Guid.NewGuid();
            if (earlier is { } known) campaignId = known.Campaign;
            else
            {
                await db.Campaigns.Where(c => c.State == CampaignState.Planned).ExecuteUpdateAsync(c => c.SetProperty(x => x.State, CampaignState.Open));
                campaignId = await db.Campaigns.Where(c => c.State == CampaignState.Open).Select(c => c.Id).SingleAsync();
                var email = $"{Guid.NewGuid():N}@membre.example";
                var user = new AssettUser
                {
                    Id = Guid.NewGuid(), UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    NormalizedUserName = email.ToUpperInvariant(), EmailConfirmed = true,
                };
                db.AddRange(user,
                    new Organisation
                    {
                        Id = organisationId, Name = $"Organisation {national}", Rna = $"W{Random.Shared.Next(100_000_000, 999_999_999)}", NafSection = sector,
                    },
                    new Membership { Id = Guid.NewGuid(), UserId = user.Id, OrganisationId = organisationId, Role = MembershipRole.OrganisationOwner });
            }
            var version = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.ReferentialVersionId).SingleAsync();
            var assessment = new Assessment
            {
                Id = Guid.NewGuid(), OrganisationId = organisationId, CampaignId = campaignId, State = AssessmentState.InProgress,
            };
            var snapshot = new ScoreSnapshot
            {
                Id = Guid.NewGuid(), AssessmentId = assessment.Id, ReferentialVersionId = version, Kind = SnapshotKind.Current, TakenAt = DateTimeOffset.UtcNow,
                PointFait = national + 10 + axis2, PointPotentiel = 200, NationalFait = national + axis2, NationalPotentiel = 180,
            };
            db.AddRange(assessment, snapshot,
                new ScoreNodeTotal
                {
                    Id = Guid.NewGuid(), SnapshotId = snapshot.Id, NodeId = "assett_1", PointFait = national + 10, PointPotentiel = 100,
                    NationalFait = national, NationalPotentiel = 80,
                },
                new ScoreNodeTotal
                {
                    Id = Guid.NewGuid(), SnapshotId = snapshot.Id, NodeId = "assett_2", PointFait = axis2, PointPotentiel = 100, NationalFait = axis2,
                    NationalPotentiel = 100,
                });
            await db.SaveChangesAsync();
            return organisationId;
        });
}
