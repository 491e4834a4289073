using System.Net;
using Assett.Data.Assessments;
using Assett.Data.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Tests.Features;

/// <summary>« Les acteurs engagés »: public, opted in by each organisation, item by item, within its own territory.</summary>
public sealed class EngagedActorsShould(PostgresServer server) : WebHostTest(server)
{
    private Organisation _boulangerie = null!;

    protected override async Task ArrangeAsync() => _boulangerie = await Boulangerie.SeedAsync(Factory);

    private static Organisation Company(string name, string siret, bool listed, bool showsLevel = false) => new()
    {
        Id = Guid.NewGuid(), Siret = siret, Name = name, NafCode = "62.01Z", NafSection = "J", CommuneInsee = TestTerritories.FirstCommune,
        ListedPublicly = listed, ShowsLevelPublicly = showsLevel,
    };

    /// <summary>A submitted assessment at <paramref name="percent"/> in the territory's campaign.</summary>
    private async Task SubmitAsync(string territory, Organisation organisation, double percent) =>
        await Factory.InTerritoryAsync(territory, async db =>
        {
            var campaign = await db.Campaigns.SingleAsync();
            var assessment = new Assessment
            {
                Id = Guid.NewGuid(), OrganisationId = organisation.Id, CampaignId = campaign.Id, State = AssessmentState.Submitted,
            };
            db.Assessments.Add(assessment);
            db.ScoreSnapshots.Add(new ScoreSnapshot
            {
                Id = Guid.NewGuid(), AssessmentId = assessment.Id, ReferentialVersionId = campaign.ReferentialVersionId, Kind = SnapshotKind.Submitted,
                ScorePercent = percent, TakenAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task ListOnlyTheOptedInOrganisationsOfItsTerritoryWithWhatEachChoseToShow()
    {
        var listedWithLevel = Company("Atelier Numérique", "73282932000082", listed: true, showsLevel: true);
        var listedWithoutLevel = Company("Bureau d’études Mont-Blanc", "44306184100047", listed: true);
        var discreet = Company("Conseil Discret", "55210055400013", listed: false, showsLevel: true);
        var elsewhere = Company("Ailleurs SARL", "73282932000082", listed: true, showsLevel: true);
        await Factory.InTerritoryAsync(TestTerritories.First, db =>
        {
            db.Organisations.AddRange(listedWithLevel, listedWithoutLevel, discreet);
            db.CharterAcceptances.Add(new CharterAcceptance
            {
                Id = Guid.NewGuid(), OrganisationId = listedWithLevel.Id, Version = 1, AcceptedBy = "gerant@atelier.example",
                AcceptedAt = new DateTimeOffset(2027, 2, 3, 10, 0, 0, TimeSpan.Zero),
            });
            return db.SaveChangesAsync();
        });
        await Factory.InTerritoryAsync(TestTerritories.Second, db => { db.Organisations.Add(elsewhere); return db.SaveChangesAsync(); });
        await SubmitAsync(TestTerritories.First, listedWithLevel, 62);
        await SubmitAsync(TestTerritories.First, listedWithoutLevel, 80);
        var visitor = Factory.CreateClient();

        var page = await visitor.GetStringAsync($"/t/{TestTerritories.First}/acteurs-engages", TestContext.Current.CancellationToken);
        var filtered = await visitor.GetStringAsync($"/t/{TestTerritories.First}/acteurs-engages?type=Association",
            TestContext.Current.CancellationToken);
        var home = await visitor.GetStringAsync($"/t/{TestTerritories.First}/", TestContext.Current.CancellationToken);

        Assert.Contains("Atelier Numérique", page);
        Assert.Contains("Engagée depuis le 3 février 2027", page); // its first acceptance of the charter
        Assert.Contains("Niveau : Confirmé", page);
        Assert.Contains("Bureau d’études Mont-Blanc", page);
        Assert.DoesNotContain("Exemplaire", page); // its level stays private
        Assert.Contains("Information et communication", page);
        Assert.Contains(TestTerritories.FirstCommuneName, page);
        Assert.DoesNotContain("Conseil Discret", page);
        Assert.DoesNotContain("Boulangerie du Clain", page);
        Assert.DoesNotContain("Ailleurs SARL", page);
        Assert.DoesNotContain("73282932000082", page); // no identifier, no score
        Assert.DoesNotContain("62 %", page);
        Assert.Contains("0 organisation sur 2", filtered);
        Assert.Contains("Les acteurs engagés", home);
    }

    [Fact]
    public async Task LetAnOrganisationAppearThenWithdrawInOneClick()
    {
        var visitor = Factory.CreateClient();
        var empty = await visitor.GetStringAsync($"/t/{TestTerritories.First}/acteurs-engages", TestContext.Current.CancellationToken);
        var owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);
        var reader = await Boulangerie.SignedInAsync(Factory, Boulangerie.Reader);

        var byReader = await reader.SubmitAsync($"/t/{TestTerritories.First}/organisation/visibilite", new() { ["listed"] = "true" });
        await owner.SubmitAsync($"/t/{TestTerritories.First}/organisation/visibilite", new() { ["listed"] = "true" });
        var listed = await visitor.GetStringAsync($"/t/{TestTerritories.First}/acteurs-engages", TestContext.Current.CancellationToken);
        var withdrawn = await owner.SubmitAsync($"/t/{TestTerritories.First}/organisation/visibilite?handler=Withdraw", []);
        var after = await visitor.GetStringAsync($"/t/{TestTerritories.First}/acteurs-engages", TestContext.Current.CancellationToken);

        Assert.Contains("Aucune organisation n’a encore choisi d’apparaître", empty);
        Assert.Equal(HttpStatusCode.Forbidden, byReader.StatusCode);
        Assert.Contains("Boulangerie du Clain", listed);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.DoesNotContain("Boulangerie du Clain", after);
        var organisation = await Factory.InTerritoryAsync(TestTerritories.First, db => db.Organisations.SingleAsync(o => o.Id == _boulangerie.Id));
        Assert.False(organisation.ListedPublicly);
    }
}
