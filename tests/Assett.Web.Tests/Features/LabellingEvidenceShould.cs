using System.Net;
using AngleSharp.Html.Parser;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Commitments;
using Assett.Data.Labelling;
using Assett.Data.Meetings;
using Assett.Data.Organisations;
using Assett.Referentials.Packages;
using Assett.Web.Features.Officer.Labelling;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Assett.Web.Tests.Features;

/// <summary>
/// « Preuves Territoire engagé »: the statuses the cohort's data propose (tenants-config/labelling), the officer's
/// confirmation, each task's printable page and XLSX, the measures scored with the CAE package, and isolation.
/// </summary>
public sealed class LabellingEvidenceShould(PostgresServer server) : WebHostTest(server)
{
    private const string Page = $"/t/{TestTerritories.First}/territoire/preuves";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <summary>With the CAE package of the shared fixtures when they are there (the scoring test says when they are not).</summary>
    protected override AssettWebFactory CreateFactory(TestDatabase database) => new WithCaePackage(database);

    [Fact]
    public async Task ProposeEachStatusByItsRule()
    {
        var officer = await Factory.SignedInOfficerAsync(TestTerritories.First, "lecture@essai-nord.example", MembershipRole.OfficerReader);
        var company = await MemberAsync("Boulangerie", OrganisationKind.Entreprise, siret: "12345678900011");
        var commune = await MemberAsync("Mairie", OrganisationKind.EtablissementPublic, siret: MemberCommuneSiren() + "00018");
        var first = await MeetingAsync("Atelier énergie", Now.AddDays(-60), company);
        await MeetingAsync("Visite de la chaufferie", Now.AddDays(-20), company);
        await MeetingAsync("Petit-déjeuner mobilité", Now.AddDays(30));

        var withoutSignatory = await ProposedAsync(officer);
        Assert.Equal("Pas fait", withoutSignatory["6.1.1.3.1"]); // two meetings held, but no signatory
        Assert.Equal("Programmé", withoutSignatory["6.1.2.3.1"]); // a meeting planned
        Assert.Equal("Programmé", withoutSignatory["6.1.2.1.2"]); // a member commune in the cohort, a meeting planned
        Assert.Equal("Pas fait", withoutSignatory["6.1.1.3.2"]); // no commitment

        await InTerritoryAsync(db =>
        {
            db.CharterAcceptances.Add(new CharterAcceptance
            {
                Id = Guid.NewGuid(), OrganisationId = company, Version = 1, AcceptedBy = "gerante@boulangerie.example", AcceptedAt = Now.AddDays(-90),
            });
            db.MeetingRegistrations.Add(Present(first, commune, "elu@mairie.example"));
            return db.SaveChangesAsync();
        });
        var commitment = await CommitmentAsync(company);

        var signed = await ProposedAsync(officer);
        Assert.Equal("Fait", signed["6.1.1.3.1"]); // a signatory and two meetings held
        Assert.Equal("Fait", signed["6.1.2.3.1"]);
        Assert.Equal("Pas fait", signed["6.1.1.3.5"]); // one signatory only: two are needed
        Assert.Equal("Fait", signed["6.1.2.1.2"]); // the member commune came
        Assert.Equal("Programmé", signed["6.1.1.3.2"]); // a quantified commitment, not followed up yet

        await InTerritoryAsync(db =>
        {
            db.CommitmentEvents.Add(new CommitmentEvent
            {
                Id = Guid.NewGuid(), CommitmentId = commitment, Kind = CommitmentEventKind.Done, At = Now.AddDays(-2),
                Actor = "gerante@boulangerie.example", Detail = "réalisé : 12 %",
            });
            return db.SaveChangesAsync();
        });
        Assert.Equal("Fait", (await ProposedAsync(officer))["6.1.1.3.2"]);

        var lastYear = await ProposedAsync(officer, $"?du={Now.AddYears(-3):yyyy-MM-dd}&au={Now.AddYears(-2):yyyy-MM-dd}");
        Assert.Equal("Pas fait", lastYear["6.1.1.3.1"]); // nothing held in that period
    }

    [Fact]
    public async Task LetOnlyAnAdminConfirmAndExportEachTaskOfItsOwnTerritory()
    {
        var reader = await Factory.SignedInOfficerAsync(TestTerritories.First, "lecture@essai-nord.example", MembershipRole.OfficerReader);
        var admin = await Factory.SignedInOfficerAsync(TestTerritories.First, "admin@essai-nord.example", MembershipRole.OfficerAdmin);
        var south = await Factory.SignedInOfficerAsync(TestTerritories.Second, "admin@essai-sud.example", MembershipRole.OfficerAdmin);
        var company = await MemberAsync("Boulangerie", OrganisationKind.Entreprise, siret: "12345678900011");
        await MeetingAsync("Atelier énergie", Now.AddDays(-10), company);

        Assert.Equal(HttpStatusCode.Forbidden, (await ConfirmAsync(reader, "cae_6.1.1.3.1", "Done")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ConfirmAsync(admin, "cae_6.1.1.3.1", "Peut-être")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ConfirmAsync(admin, "cae_9.9.9.9", "Done")).StatusCode);
        var confirmed = await ConfirmAsync(admin, "cae_6.1.1.3.1", "Done");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var stored = await InTerritoryAsync(db => db.EvidenceConfirmations.SingleAsync());
        Assert.Equal(("cae_6.1.1.3.1", EvidenceStatus.Done, "admin@essai-nord.example"), (stored.CaeId, stored.Status, stored.ConfirmedBy));
        var page = await reader.GetStringAsync(Page, TestContext.Current.CancellationToken);
        Assert.Contains("Statut confirmé : fait, par admin@essai-nord.example", page);
        Assert.DoesNotContain("Confirmer le statut", page); // a reader reads

        var print = await reader.GetAsync($"{Page}?handler=Print&tache=cae_6.1.1.3.1", TestContext.Current.CancellationToken);
        var printed = await print.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal("text/html", print.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Tâche 6.1.1.3.1 : ", printed);
        Assert.Contains("Statut confirmé par le territoire le ", printed);
        Assert.Contains("Atelier énergie", printed);
        Assert.DoesNotContain("Boulangerie", printed); // not listed publicly: never named

        var xlsx = await reader.GetByteArrayAsync($"{Page}?handler=Export&tache=cae_6.1.1.3.1", TestContext.Current.CancellationToken);
        using var workbook = new MemoryStream(xlsx);
        Assert.Equal(["Tâche", "Chiffres", "Charte", "Signataires publiés", "Rencontres tenues", "Rencontres programmées"], workbook.GetSheetNames());
        var held = workbook.Query(useHeaderRow: true, sheetName: "Rencontres tenues").Cast<IDictionary<string, object>>().Single();
        Assert.Equal(("Atelier énergie", 1.0), ((string)held["Rencontre"], Convert.ToDouble(held["Participants"])));
        var unknown = await reader.GetAsync($"{Page}?handler=Export&tache=cae_1.1.1.1", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var southPage = await south.GetStringAsync($"/t/{TestTerritories.Second}/territoire/preuves", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("Statut confirmé : fait", southPage);
        Assert.DoesNotContain("Atelier énergie", southPage);
        Assert.NotEqual(HttpStatusCode.OK, (await south.GetAsync(Page, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task ScoreTheMeasuresFromTheConfirmedStatusesWithTheCaePackage()
    {
        Fixtures.CaePackage();
        var admin = await Factory.SignedInOfficerAsync(TestTerritories.First, "admin@essai-nord.example", MembershipRole.OfficerAdmin);
        await ConfirmAsync(admin, "cae_6.1.1.3.1", "Done");
        await ConfirmAsync(admin, "cae_6.1.1.3.2", "Planned");

        var page = new HtmlParser().ParseDocument(await admin.GetStringAsync(Page, TestContext.Current.CancellationToken));

        var measures = page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.StartsWith("Score des mesures"));
        var strategy = measures.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent.StartsWith("6.1.1 "));
        // 6.1.1: 6 points; its sub-action 6.1.1.3 weighs 25 % (1.5 points) over five tasks of 0.3 points each.
        var cells = strategy.QuerySelectorAll("td").Select(c => c.TextContent.Replace('\u00a0', ' ').Replace('\u202f', ' '));
        Assert.Equal(["6", "0,3", "0,3", "5 %", "2 sur 4"], cells);
        // The CAE texts stay out of the repository (decisions.md): the official title is the package's.
        var official = PackageLoader.Load(Fixtures.CaePackage()).Package!.NodesById["cae_6.1.1.3.1"].Title;
        Assert.Contains(page.QuerySelectorAll("h2"), h => h.TextContent.Contains(official));
        Assert.Contains(measures.QuerySelectorAll("tbody th"), th => th.TextContent.StartsWith("6.1.2 "));
    }

    private Task<T> InTerritoryAsync<T>(Func<AssettDbContext, Task<T>> work) => Factory.InTerritoryAsync(TestTerritories.First, work);

    /// <summary>The SIREN of a member commune of Essai Nord's intercommunality, from the reference data.</summary>
    private static string MemberCommuneSiren() => Data.ReferenceData.Territories.CommunesOf("200023372").First(c => c.Siren is not null).Siren!;

    private Task<Guid> MemberAsync(string name, OrganisationKind kind, string siret) => InTerritoryAsync(async db =>
    {
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = name, Kind = kind, Siret = siret, CreatedAt = Now.AddYears(-1) };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation.Id;
    });

    private Task<Guid> MeetingAsync(string title, DateTimeOffset startsAt, Guid? present = null) => InTerritoryAsync(async db =>
    {
        var meeting = new Meeting
        {
            Id = Guid.NewGuid(), Title = title, DurationMinutes = 90, CreatedBy = "officer", State = MeetingState.Published, StartsAt = startsAt,
            Place = "Maison des entreprises",
        };
        db.Meetings.Add(meeting);
        if (present is { } organisation) db.MeetingRegistrations.Add(Present(meeting.Id, organisation, "gerante@boulangerie.example"));
        await db.SaveChangesAsync();
        return meeting.Id;
    });

    private static MeetingRegistration Present(Guid meeting, Guid organisation, string email) => new()
    {
        Id = Guid.NewGuid(), MeetingId = meeting, OrganisationId = organisation, Name = "Présente", Email = email, State = RegistrationState.Registered,
        RegisteredBy = email, RegisteredAt = Now.AddDays(-70), Attended = true,
    };

    private Task<Guid> CommitmentAsync(Guid organisation) => InTerritoryAsync(async db =>
    {
        var campaign = await db.Campaigns.Select(c => c.Id).SingleAsync();
        var commitment = new Commitment
        {
            Id = Guid.NewGuid(), OrganisationId = organisation, CampaignId = campaign, NodeId = "assett_2.1.1.1", Indicator = "Consommation d’électricité",
            Unit = "kWh", Baseline = 12000, TargetValue = 10000, DueDate = DateOnly.FromDateTime(Now.AddMonths(6).UtcDateTime), Carrier = "Gérante",
            CreatedBy = "gerante@boulangerie.example", CreatedAt = Now.AddDays(-30),
        };
        db.Commitments.Add(commitment);
        await db.SaveChangesAsync();
        return commitment.Id;
    });

    /// <summary>The proposed status of each task, by its number, as the page's summary table shows it.</summary>
    private static async Task<Dictionary<string, string>> ProposedAsync(HttpClient officer, string query = "")
    {
        var page = new HtmlParser().ParseDocument(await officer.GetStringAsync(Page + query, TestContext.Current.CancellationToken));
        var table = page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent == "Les tâches documentées");
        return table.QuerySelectorAll("tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim().Split(' ')[0],
            r => r.QuerySelector("td")!.TextContent.Trim());
    }

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient officer, string task, string status)
    {
        var page = await officer.GetStringAsync(Page, TestContext.Current.CancellationToken);
        return await officer.PostAsync($"{Page}?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["tache"] = task, ["statut"] = status, ["__RequestVerificationToken"] = Forms.AntiforgeryToken(page),
        }), TestContext.Current.CancellationToken);
    }

    private sealed class WithCaePackage(TestDatabase database) : AssettWebFactory(database)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (Fixtures.Root is { } root) builder.UseSetting(CaeReferential.Setting, Path.Combine(root, "referentiels", "cae"));
        }
    }
}
