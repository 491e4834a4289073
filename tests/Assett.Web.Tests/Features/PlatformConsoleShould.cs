using System.Net;
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
/// The Cerema console: national figures on national nodes only with small groups hidden, the version
/// diff, and nothing of an organisation for a platform administrator.
/// </summary>
public sealed class PlatformConsoleShould(PostgresServer server) : WebHostTest(server)
{
    private const string Administrator = "cerema@exemple.fr";

    [Fact]
    public async Task ScoreOnNationalNodesOnlyAndHideGroupsBelowFive()
    {
        // Essai Nord (local measure 1.L1 in axis 1): six organisations; Essai Outre-mer: four.
        // Axis 1 holds 100 points, 20 of them local: 30 done nationally + 10 done locally.
        for (var i = 0; i < 6; i++) await ScoredAsync(TestTerritories.First, $"Nord {i}", "C", national: 30 + i, local: 10);
        for (var i = 0; i < 4; i++) await ScoredAsync(TestTerritories.Overseas, $"Outre-mer {i}", "I", national: 50, local: 0);

        var figures = await InScopeAsync(services => NationalFigures.OfAsync(services.GetRequiredService<ITenantStore>(),
            services.GetRequiredService<IMultiTenantContextAccessor>(), services.GetRequiredService<AssettDbContext>(), new DateOnly(2027, 1, 1),
            new DateOnly(2027, 12, 31), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken));

        var north = figures.Groups.Single(g => g.Territory == TestTerritories.FirstName && g.Dimension == "tous" && g.NodeId == "assett_1");
        Assert.Equal((6, 100.0 * 32.5 / 80), (north.Organisations, Math.Round(north.Median, 6))); // (30..35 done) over 80 national points
        var overall = figures.Groups.Single(g => g.Territory == TestTerritories.FirstName && g.Dimension == "tous" && g.NodeId == "");
        Assert.Equal(Math.Round(100.0 * (32.5 + 40) / (80 + 100), 6), Math.Round(overall.Median, 6)); // axis 2: 40 of 100, no local node
        Assert.DoesNotContain(figures.Groups, g => g.Territory == TestTerritories.OverseasName); // four organisations: hidden
        var together = figures.Groups.Single(g => g.Territory == NationalFigures.Together && g.Dimension == "tous" && g.NodeId == "assett_1");
        Assert.Equal(10, together.Organisations);
        Assert.DoesNotContain(figures.Groups, g => g.Dimension == "secteur" && g.Group.StartsWith("Hébergement")); // sector I: four only
        Assert.Contains(figures.Funnels, f => f.Territory == TestTerritories.OverseasName && f.Funnel.Registered == 4);
        Assert.DoesNotContain(figures.Groups, g => g.Theme.Contains("L1"));
    }

    [Fact]
    public async Task ListTheNodeAnOverlayAddsInTheVersionDiff()
    {
        await Factory.SignedInPlatformAdministratorAsync(TestTerritories.First, Administrator);
        var admin = await Factory.SignedInAgainAsync("", Administrator);
        var withoutOverlay = await Factory.InTerritoryAsync(TestTerritories.Overseas, db => db.ReferentialVersions.Select(v => v.Id).SingleAsync());
        var withOverlay = await Factory.InTerritoryAsync(TestTerritories.First, db => db.ReferentialVersions.Select(v => v.Id).SingleAsync());

        var page = await admin.GetStringAsync(
            $"/plateforme/referentiels?de={TestTerritories.Overseas}:{withoutOverlay}&a={TestTerritories.First}:{withOverlay}",
            TestContext.Current.CancellationToken);

        Assert.Contains("<th scope=\"row\">assett_1.L1</th>", page);
        Assert.Contains("ajouté (local)", page);
        Assert.Contains("Campagne de test 2027", page);
    }

    [Fact]
    public async Task ShowAPlatformAdministratorTheTerritoriesButNoOrganisation()
    {
        var organisation = (await Boulangerie.SeedAsync(Factory)).Id;
        var inTerritory = await Factory.SignedInPlatformAdministratorAsync(TestTerritories.First, Administrator);
        var admin = await Factory.SignedInAgainAsync("", Administrator);

        var console = await admin.GetStringAsync("/plateforme", TestContext.Current.CancellationToken);
        var bilan = await admin.GetStringAsync("/plateforme/chiffres?handler=Bilan", TestContext.Current.CancellationToken);

        Assert.Contains(TestTerritories.FirstName, console);
        Assert.Contains("aucun agent du territoire", console);
        Assert.DoesNotContain("Boulangerie du Clain", console + bilan);
        foreach (var path in new[]
                 {
                     $"territoire/organisations/{organisation}", "territoire/organisations", "evaluation", "evaluation/1.1", "evaluation/reponses.csv",
                     "resultats", "plan-action", "territoire/engagements", "territoire/rencontres",
                 })
        {
            var response = await inTerritory.GetAsync($"/t/{TestTerritories.First}/{path}", TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {response.StatusCode}");
        }
    }

    /// <summary>A member organisation with a counted score: axis 1 with 20 local points of 100, axis 2 at 40 of 100.</summary>
    private Task ScoredAsync(string territory, string name, string sector, double national, double local) => Factory.InTerritoryAsync(territory, async db =>
    {
        await db.Campaigns.ExecuteUpdateAsync(c => c.SetProperty(x => x.State, CampaignState.Open));
        var campaign = await db.Campaigns.SingleAsync();
        var email = $"{Guid.NewGuid():N}@membre.example";
        var user = new AssettUser
        {
            Id = Guid.NewGuid(), UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
            EmailConfirmed = true,
        };
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = name, Rna = $"W{Random.Shared.Next(100_000_000, 999_999_999)}", NafSection = sector };
        var assessment = new Assessment { Id = Guid.NewGuid(), OrganisationId = organisation.Id, CampaignId = campaign.Id, State = AssessmentState.InProgress };
        var snapshot = new ScoreSnapshot
        {
            Id = Guid.NewGuid(), AssessmentId = assessment.Id, ReferentialVersionId = campaign.ReferentialVersionId, Kind = SnapshotKind.Current,
            TakenAt = DateTimeOffset.UtcNow, PointFait = national + local + 40, PointPotentiel = 200, NationalFait = national + 40, NationalPotentiel = 180,
        };
        db.AddRange(user, organisation, assessment, snapshot,
            new Membership { Id = Guid.NewGuid(), UserId = user.Id, OrganisationId = organisation.Id, Role = MembershipRole.OrganisationOwner },
            new ScoreNodeTotal
            {
                Id = Guid.NewGuid(), SnapshotId = snapshot.Id, NodeId = "assett_1", PointFait = national + local, PointPotentiel = 100, NationalFait = national,
                NationalPotentiel = 80,
            },
            new ScoreNodeTotal
            {
                Id = Guid.NewGuid(), SnapshotId = snapshot.Id, NodeId = "assett_2", PointFait = 40, PointPotentiel = 100, NationalFait = 40,
                NationalPotentiel = 100,
            });
        return await db.SaveChangesAsync();
    });

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}
