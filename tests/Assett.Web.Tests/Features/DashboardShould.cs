using System.Net;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Assessments;
using Assett.Data.Campaigns;
using Assett.Data.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Assett.Web.Tests.Features;

/// <summary>
/// The officer's cohort dashboard on known figures: five organisations of the first test territory scored
/// 10, 20, 30, 40 and 50 %, one invited only, and an organisation of the second scored 99 % that must appear nowhere.
/// </summary>
public sealed partial class DashboardShould(PostgresServer server) : WebHostTest(server)
{
    private const string Officer = "chargee@territoire.example";
    private HttpClient _officer = null!;
    private readonly List<Guid> _organisations = [];

    protected override async Task ArrangeAsync()
    {
        await Factory.InTerritoryAsync(TestTerritories.First, async db =>
        {
            var campaign = await db.Campaigns.SingleAsync(c => c.Name == TestTerritories.Campaign);
            campaign.State = CampaignState.Open;
            var scores = new[] { 10, 20, 30, 40, 50 };
            for (var i = 0; i < scores.Length; i++)
                _organisations.Add(AddScored(db, campaign, $"Atelier {i + 1}", scores[i], i < 2 ? AssessmentState.Submitted : AssessmentState.InProgress,
                    HeadcountBand.From0To9 + i % 2, sharesComments: i == 0));
            db.Organisations.Add(new Organisation { Id = Guid.NewGuid(), Name = "Atelier invité", Rna = "W861000001" });
            return await db.SaveChangesAsync();
        });
        await Factory.InTerritoryAsync(TestTerritories.Second, async db =>
        {
            var campaign = await db.Campaigns.FirstAsync();
            AddScored(db, campaign, "Voisin du Sud", 99, AssessmentState.Submitted, HeadcountBand.From0To9, sharesComments: true);
            return await db.SaveChangesAsync();
        });
        _officer = await Factory.SignedInOfficerAsync(TestTerritories.First, Officer, MembershipRole.OfficerReader);
    }

    [Fact]
    public async Task ShowTheFunnelAndTheQuartilesOfEachGroup()
    {
        var page = Squeeze(await _officer.GetStringAsync($"/t/{TestTerritories.First}/territoire", TestContext.Current.CancellationToken));
        var bySize = Squeeze(await _officer.GetStringAsync($"/t/{TestTerritories.First}/territoire?axe=taille", TestContext.Current.CancellationToken));

        Assert.Contains("<th scope=\"row\">Invitées</th><td>6</td><td>100 %</td>", page);
        Assert.Contains("<th scope=\"row\">Inscrites</th><td>5</td><td>83 %</td>", page);
        Assert.Contains("<th scope=\"row\">Autoévaluation commencée</th><td>5</td>", page);
        Assert.Contains("<th scope=\"row\">Autoévaluation transmise</th><td>2</td><td>33 %</td>", page);
        // Each bar to scale: its width is the step's share of the invited.
        Assert.Equal(["100", "83.33", "83.33", "33.33"], BarWidths().Matches(page).Select(m => m.Groups[1].Value));
        var bySector = await _officer.GetStringAsync($"/t/{TestTerritories.First}/territoire?axe=secteur", TestContext.Current.CancellationToken);
        Assert.Contains("Industrie manufacturière", bySector); // the NAF section's title, not « Section C »
        Assert.DoesNotContain("Section C", bySector);
        // Overall: Q1 20 %, median 30 %, Q3 40 %; the theme « 1 » holds the same scores here.
        Assert.Contains("<th scope=\"row\">Toutes les organisations</th><td>5</td><td><span>20 % · <strong>30 %</strong> · 40 %</span></td>", page);
        Assert.DoesNotContain("99 %", page);
        // Fewer than 10 people: 10, 30, 50 %; 10 to 49: 20, 40 %.
        Assert.Contains("<th scope=\"row\">Moins de 10</th><td>3</td><td><span>20 % · <strong>30 %</strong> · 40 %</span></td>", bySize);
        Assert.Contains("<th scope=\"row\">De 10 à 49</th><td>2</td><td><span>25 % · <strong>30 %</strong> · 35 %</span></td>", bySize);
    }

    [Fact]
    public async Task ListFilterSortAndExportOnlyTheTerritorysOrganisations()
    {
        var sorted = await _officer.GetStringAsync($"/t/{TestTerritories.First}/territoire/organisations?tri=score",
            TestContext.Current.CancellationToken);
        var submitted = await _officer.GetStringAsync($"/t/{TestTerritories.First}/territoire/organisations?etape=Submitted",
            TestContext.Current.CancellationToken);
        var found = await _officer.GetStringAsync($"/t/{TestTerritories.First}/territoire/organisations?recherche=atelier%203",
            TestContext.Current.CancellationToken);
        var csv = await _officer.GetStringAsync($"/t/{TestTerritories.First}/territoire/organisations?handler=Csv",
            TestContext.Current.CancellationToken);
        var xlsx = await _officer.GetByteArrayAsync($"/t/{TestTerritories.First}/territoire/organisations?handler=Xlsx&tri=score",
            TestContext.Current.CancellationToken);
        var sheet = new MemoryStream(xlsx).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

        Assert.True(sorted.IndexOf("Atelier 5", StringComparison.Ordinal) < sorted.IndexOf("Atelier 1<", StringComparison.Ordinal));
        Assert.Contains("2 organisations", submitted);
        Assert.Contains("1 organisation<", found);
        Assert.Equal(7, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length); // the header and six organisations
        Assert.StartsWith("\uFEFFOrganisation;SIRET ou RNA;Type;", csv);
        Assert.DoesNotContain("Voisin du Sud", csv);
        Assert.Equal(["Atelier 5", "Atelier 4", "Atelier 3", "Atelier 2", "Atelier 1", "Atelier invité"], sheet.Select(r => r["Organisation"]?.ToString()));
        Assert.Equal(50d, Convert.ToDouble(sheet[0]["Score global (%)"]));
        Assert.Equal("Transmise", sheet[3]["Étape"]);
    }

    [Fact]
    public async Task ShowAnOrganisationsCommentsOnlyWhenItSharesThem()
    {
        var sharing = await _officer.GetStringAsync($"/t/{TestTerritories.First}/territoire/organisations/{_organisations[0]}",
            TestContext.Current.CancellationToken);
        var private_ = await _officer.GetStringAsync($"/t/{TestTerritories.First}/territoire/organisations/{_organisations[1]}",
            TestContext.Current.CancellationToken);
        var neighbour = await Factory.InTerritoryAsync(TestTerritories.Second, db => db.Organisations.Select(o => o.Id).SingleAsync());
        var elsewhere = await _officer.GetAsync($"/t/{TestTerritories.First}/territoire/organisations/{neighbour}", TestContext.Current.CancellationToken);

        Assert.Contains("Commentaire de Atelier 1", sharing);
        Assert.DoesNotContain("Commentaire de Atelier 2", private_);
        Assert.Contains("n’a pas choisi de partager ses commentaires", private_);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task ProduceTheMonthlyReportOnceWithTheCohortsFiguresAndEmailTheOfficersALink()
    {
        var first = await RunReportJobAsync();
        var again = await RunReportJobAsync();
        var mail = await Factory.InTerritoryAsync(TestTerritories.First, db => db.OutboxMessages.SingleAsync(m => m.ToAddress == Officer));
        var page = Squeeze(await _officer.GetStringAsync($"/t/{TestTerritories.First}/territoire/rapports/{first}", TestContext.Current.CancellationToken));
        var list = await _officer.GetStringAsync($"/t/{TestTerritories.First}/territoire/rapports", TestContext.Current.CancellationToken);
        var xlsx = await _officer.GetByteArrayAsync($"/t/{TestTerritories.First}/territoire/rapports/{first}?handler=Xlsx",
            TestContext.Current.CancellationToken);
        var maturity = new MemoryStream(xlsx).Query(useHeaderRow: true, sheetName: "Maturité").Cast<IDictionary<string, object?>>().ToList();
        var stored = await Factory.InTerritoryAsync(TestTerritories.First, db => db.CohortReports.Select(r => r.Figures).SingleAsync());
        var byAReader = await _officer.PostAsync($"/t/{TestTerritories.First}/territoire/rapports",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Forms.AntiforgeryToken(list) }),
            TestContext.Current.CancellationToken);
        var admin = await Factory.SignedInOfficerAsync(TestTerritories.First, "responsable@territoire.example", MembershipRole.OfficerAdmin);
        var onDemand = await admin.SubmitAsync($"/t/{TestTerritories.First}/territoire/rapports", []);

        Assert.NotNull(first);
        Assert.Equal(first, again);
        Assert.Contains($"/t/{TestTerritories.First}/territoire/rapports/{first}", mail.TextBody);
        Assert.Contains("2 autoévaluations transmises sur 6 organisations invitées", mail.TextBody);
        Assert.Contains("<th scope=\"row\">Autoévaluation transmise</th><td>2</td><td>33 %</td>", page);
        Assert.Contains("<th scope=\"row\">Score global</th><td>Toutes les organisations</td><td>5</td>"
            + "<td>20 %</td><td><strong>30 %</strong></td><td>40 %</td>", page);
        Assert.Contains("planifié", list);
        Assert.Equal(30d, Convert.ToDouble(maturity.Single(r => (string?)r["Thème"] == "Score global")["Médiane (%)"]));
        Assert.DoesNotContain("Atelier", stored); // aggregates only: no organisation's name is kept
        Assert.DoesNotContain("99 %", page); // as scores are shown: a bare "99" also turns up in the page's GUIDs
        // Groups of fewer than five organisations are not in a report: 3 and 2 by size here.
        Assert.DoesNotContain("<td>Moins de 10</td>", page);
        Assert.DoesNotContain("<td>De 10 à 49</td>", page);
        Assert.DoesNotContain("Produire un rapport", list); // a reader only reads
        Assert.Equal(HttpStatusCode.Forbidden, byAReader.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, onDemand.StatusCode);
        Assert.StartsWith($"/t/{TestTerritories.First}/territoire/rapports/", onDemand.Headers.Location?.ToString());
        Assert.Equal(2, await Factory.InTerritoryAsync(TestTerritories.First, db => db.CohortReports.CountAsync()));
    }

    private async Task<Guid?> RunReportJobAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Assett.Web.Features.Officer.Reports.CohortReportJob>()
            .RunAsync(TestTerritories.First, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// An organisation with its owner, an assessment, a task's comment and a snapshot: overall and theme « 1 » at
    /// <paramref name="percent"/>.
    /// </summary>
    private static Guid AddScored(AssettDbContext db, Campaign campaign, string name, double percent, AssessmentState state, HeadcountBand size,
        bool sharesComments)
    {
        var organisation = new Organisation
        {
            Id = Guid.NewGuid(), Name = name, Rna = $"W86{Random.Shared.Next(1_000_000, 9_999_999)}", Headcount = size, SharesComments = sharesComments,
            NafSection = "C",
        };
        var user = new AssettUser
        {
            Id = Guid.NewGuid(), UserName = $"{organisation.Id}@example.fr", Email = $"{organisation.Id}@example.fr", EmailConfirmed = true,
        };
        var assessment = new Assessment
        {
            Id = Guid.NewGuid(), OrganisationId = organisation.Id, CampaignId = campaign.Id, State = state, CreatedAt = DateTimeOffset.UtcNow,
        };
        var snapshot = new ScoreSnapshot
        {
            Id = Guid.NewGuid(), AssessmentId = assessment.Id, ReferentialVersionId = campaign.ReferentialVersionId,
            TakenAt = DateTimeOffset.UtcNow, Kind = state == AssessmentState.Submitted ? SnapshotKind.Submitted : SnapshotKind.Current,
            PointFait = percent, PointPotentiel = 100, ScorePercent = percent,
        };
        db.AddRange(organisation, user, assessment, snapshot);
        db.Memberships.Add(new Membership
        {
            Id = Guid.NewGuid(), UserId = user.Id, OrganisationId = organisation.Id, Role = MembershipRole.OrganisationOwner,
        });
        db.ScoreNodeTotals.Add(new ScoreNodeTotal
        {
            Id = Guid.NewGuid(), SnapshotId = snapshot.Id, NodeId = "assett_1", PointFait = percent, PointPotentiel = 100,
        });
        db.TaskStatuses.Add(new TaskStatusEntry
        {
            Id = Guid.NewGuid(), AssessmentId = assessment.Id, NodeId = "assett_1.1.1.1", Status = new StatusValue(StatusKinds.Fait),
            Comment = $"Commentaire de {name}", UpdatedBy = user.Email, UpdatedAt = DateTimeOffset.UtcNow,
        });
        return organisation.Id;
    }

    private static string Squeeze(string html) => System.Text.RegularExpressions.Regex.Replace(html, @">\s+<", "><");

    [System.Text.RegularExpressions.GeneratedRegex("<rect height=\"1\" width=\"([0-9.]+)\" />")]
    private static partial System.Text.RegularExpressions.Regex BarWidths();
}
