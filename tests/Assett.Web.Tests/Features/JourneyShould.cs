using System.Net;
using System.Text;
using Assett.Data;
using Assett.Data.Assessments;
using Assett.Data.Campaigns;
using Assett.Data.Commitments;
using Assett.Data.Demo;
using Assett.Data.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Web.Tests.Features;

/// <summary>The business owner's journey after the questionnaire: profile, toolbox, action plan, submission, exports, cohort.</summary>
public sealed class JourneyShould(PostgresServer server) : WebHostTest(server)
{
    private Organisation _organisation = null!;

    protected override async Task ArrangeAsync()
    {
        _organisation = await Boulangerie.SeedAsync(Factory);
    }

    private Task<T> InTerritoryAsync<T>(Func<AssettDbContext, Task<T>> work) => Factory.InTerritoryAsync(TestTerritories.First, work);

    private Task<Assessment> AssessmentAsync() => InTerritoryAsync(db => db.Assessments.SingleAsync());

    private static async Task<string> PageAsync(HttpClient browser, string path) =>
        await browser.GetStringAsync($"/t/{TestTerritories.First}/{path}", TestContext.Current.CancellationToken);

    [Fact]
    public async Task AskForAMissingOrganisationNameInFrench()
    {
        var owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);

        var page = await (await owner.SubmitAsync($"/t/{TestTerritories.First}/organisation/profil", new()
        {
            ["Input.Name"] = "", ["Input.Kind"] = "Entreprise", ["Input.NafCode"] = "10.71C",
        })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("Indiquez le nom de l’organisation.", page);
        Assert.DoesNotContain("field is required", page);
        Assert.Contains("value=\"10.71C\"", page);
        Assert.Equal("Boulangerie du Clain", (await InTerritoryAsync(db => db.Organisations.SingleAsync())).Name);
    }

    [Fact]
    public async Task SaveTheProfileAndItsAnswersForTheEngine()
    {
        var owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);

        var refused = await (await owner.SubmitAsync($"/t/{TestTerritories.First}/organisation/profil", new()
        {
            ["Input.Name"] = "Boulangerie du Clain", ["Input.Kind"] = "Entreprise", ["Input.NafCode"] = "99.99Z", ["Input.Answers[flotte]"] = "NON",
        })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var saved = await owner.SubmitAsync($"/t/{TestTerritories.First}/organisation/profil", new()
        {
            ["Input.Name"] = "Boulangerie du Clain", ["Input.Kind"] = "Entreprise", ["Input.NafCode"] = "56.10c", ["Input.Headcount"] = "From10To49",
            ["Input.Commune"] = TestTerritories.FirstCommune, ["Input.Answers[flotte]"] = "NON", ["Input.Answers[locaux]"] = "locaux_locataire",
            ["Input.SharesComments"] = "true",
        });
        var toolbox = await PageAsync(owner, "boite-a-outils");
        var energyBases = await PageAsync(owner, "boite-a-outils?theme=2&etape=bases");
        var fleet = await PageAsync(owner, "evaluation/4.4");

        Assert.Contains("Ce code NAF n’existe pas", refused);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var organisation = await InTerritoryAsync(db => db.Organisations.SingleAsync());
        Assert.Equal(("56.10C", "I", HeadcountBand.From10To49, TestTerritories.FirstCommune, true),
            (organisation.NafCode, organisation.NafSection, organisation.Headcount, organisation.CommuneInsee, organisation.SharesComments));
        var assessment = await AssessmentAsync();
        Assert.Equal("NON", assessment.Answers["flotte"]);
        Assert.Equal(["I"], assessment.IdentityTags["secteur"]);
        Assert.Equal(["moins_de_250", "moins_de_50", "plus_de_10"], assessment.IdentityTags["effectif"].Order());
        Assert.Contains("Mesure 1.1 ", toolbox);
        Assert.DoesNotContain("Mesure 4.4 ", toolbox); // no vehicles: the fleet measure does not concern the bakery
        Assert.Contains("cette mesure ne la concerne pas", fleet);
        // Filtered by theme and stage: the energy measures' bases only.
        Assert.Contains("Mesure 2.1 ", energyBases);
        Assert.DoesNotContain("Mesure 1.1 ", energyBases);
        Assert.Matches("<p class=\"fr-badge fr-badge--sm fr-badge--blue-ecume\">bases</p>", energyBases);
        Assert.DoesNotMatch("fr-badge--blue-ecume\">(mise en œuvre|effets)<", energyBases);
    }

    [Fact]
    public async Task CommitToAMeasurableTargetEditItThenMarkItDoneWithItsHistory()
    {
        var owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);
        var inAMonth = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd");
        var inTwoMonths = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd");
        Dictionary<string, string> Terms(string due, string carrier, string target = "90") => new()
        {
            ["tache"] = "assett_1.1.1.1", ["Form.Kind"] = "objectif", ["Form.Indicator"] = "Consommation d’électricité", ["Form.Unit"] = "MWh par an",
            ["Form.Baseline"] = "120", ["Form.Target"] = target, ["Form.DueDate"] = due, ["Form.Carrier"] = carrier,
        };

        var refused = await (await owner.SubmitAsync($"/t/{TestTerritories.First}/plan-action", Terms("2020-01-01", "Léa", target: "quatre-vingt-dix")))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var added = await owner.SubmitAsync($"/t/{TestTerritories.First}/plan-action", Terms(inAMonth, "Léa"));
        var planned = await InTerritoryAsync(db => db.TaskStatuses.SingleAsync(s => s.NodeId == "assett_1.1.1.1"));
        var plan = await PageAsync(owner, "plan-action");
        var twice = await (await owner.SubmitAsync($"/t/{TestTerritories.First}/plan-action", Terms(inAMonth, "Paul")))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var commitment = await InTerritoryAsync(db => db.Commitments.SingleAsync());
        var edited = await owner.SubmitAsync($"/t/{TestTerritories.First}/plan-action?handler=Edit&modifier={commitment.Id}", Terms(inTwoMonths, "Paul"));
        await owner.SubmitAsync($"/t/{TestTerritories.First}/plan-action?handler=Complete", new() { ["id"] = commitment.Id.ToString(), ["reached"] = "95,5" });
        var done = await InTerritoryAsync(db => db.TaskStatuses.SingleAsync(s => s.NodeId == "assett_1.1.1.1"));
        var final = await PageAsync(owner, "plan-action");

        Assert.Contains("Choisissez une date d’échéance à venir.", refused);
        Assert.Contains("La valeur visée s’écrit en chiffres", refused);
        Assert.Contains("quatre-vingt-dix", refused); // what was typed stays
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(StatusKinds.Programme, planned.Status.Kind);
        Assert.Contains("Consommation d’électricité : de 120 à 90 MWh par an", plan);
        Assert.Contains("Cette action a déjà un engagement en cours", twice);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal(StatusKinds.Fait, done.Status.Kind);
        var closed = await InTerritoryAsync(db => db.Commitments.SingleAsync());
        Assert.Equal((CommitmentState.Done, 95.5m, "Paul"), (closed.State, closed.ReachedValue, closed.Carrier));
        var history = await InTerritoryAsync(db => db.CommitmentEvents.OrderBy(e => e.At).Select(e => e.Kind).ToListAsync());
        Assert.Equal([CommitmentEventKind.Created, CommitmentEventKind.Edited, CommitmentEventKind.Done], history);
        Assert.Contains("porté par : Léa → Paul", final);
        Assert.Contains("atteint : 95,5 MWh par an", final);
    }

    [Fact]
    public async Task SubmitKnowinglyOnceTheCampaignIsOpenThenRefuseChanges()
    {
        var owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);
        var whilePlanned = await PageAsync(owner, "resultats");
        await InTerritoryAsync(db => db.Campaigns.ExecuteUpdateAsync(c => c.SetProperty(x => x.State, CampaignState.Open)));
        await owner.SubmitAsync($"/t/{TestTerritories.First}/evaluation/1.1?handler=Task", new()
        {
            ["NodeId"] = "assett_1.1.1.1", ["Status"] = "fait", ["SeenVersion"] = "0",
        });

        var confirmation = await PageAsync(owner, "resultats/transmettre");
        var submitted = await owner.SubmitAsync($"/t/{TestTerritories.First}/resultats/transmettre", []);
        var plan = await PageAsync(owner, "plan-action");
        var after = await owner.SubmitAsync($"/t/{TestTerritories.First}/evaluation/1.1?handler=Task", new()
        {
            ["NodeId"] = "assett_1.1.1.2", ["Status"] = "fait", ["SeenVersion"] = "0",
        });
        var progress = await PageAsync(owner, "resultats/progression");

        Assert.DoesNotContain("Transmettre mon autoévaluation", whilePlanned);
        Assert.Contains("Vous avez répondu à <strong>1 action sur ", confirmation);
        Assert.Contains("restent sans réponse", confirmation);
        Assert.Contains("href=\"/t/essai-nord/evaluation/1.2\"", confirmation);
        Assert.Contains("Confirmer la transmission malgré", confirmation);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Contains($"Votre autoévaluation de la {TestTerritories.Campaign} est transmise depuis le", plan);
        Assert.Contains("Nouvel engagement", plan); // the plan still works
        var assessment = await AssessmentAsync();
        Assert.Equal(AssessmentState.Submitted, assessment.State);
        Assert.Equal(1, await InTerritoryAsync(db => db.ScoreSnapshots.CountAsync(s => s.Kind == SnapshotKind.Submitted)));
        Assert.Equal(7, await InTerritoryAsync(db =>
            db.ScoreNodeTotals.CountAsync(t => db.ScoreSnapshots.Any(s => s.Id == t.SnapshotId && s.Kind == SnapshotKind.Submitted))));
        Assert.Equal(HttpStatusCode.BadRequest, after.StatusCode);
        Assert.Contains($"<th scope=\"col\">{TestTerritories.Campaign}</th>", progress);
    }

    [Fact]
    public async Task ExportTheAnswersAsCsvForExcel()
    {
        var owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);
        await owner.SubmitAsync($"/t/{TestTerritories.First}/evaluation/1.1?handler=Task", new()
        {
            ["NodeId"] = "assett_1.1.1.1", ["Status"] = "fait", ["SeenVersion"] = "0", ["Comment"] = "=HYPERLINK(\"x\"); signé",
        });

        var response = await owner.GetAsync($"/t/{TestTerritories.First}/evaluation/reponses.csv", TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.StartsWith("Thème;Mesure;Étape;Identifiant;Action;Statut", lines[0]);
        Assert.Equal(1 + 211 + 5, lines.Length); // the header, the 211 tasks of the national referential and the 5 of the territory's local measure 1.L1
        Assert.Contains(lines, l => l.Contains(";1.1.1.1;") && l.Contains(";fait;") && l.Contains("\"'=HYPERLINK(\"\"x\"\"); signé\""));
    }

    private async Task SeedOthersAsync(int inTheTerritory)
    {
        var seeder = new DemoSeeder(Factory.Services.GetRequiredService<AssettDatabase>().AppConnectionString, TimeProvider.System);
        await seeder.SeedAsync(new DemoSeedOptions(TestTerritories.Second, 9, 1), _ => { }, TestContext.Current.CancellationToken);
        await seeder.SeedAsync(new DemoSeedOptions(TestTerritories.First, inTheTerritory, 1), _ => { }, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task HideTheCohortBelowFiveOrganisations()
    {
        await SeedOthersAsync(4); // four in the territory; the second territory's nine do not count
        var owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);

        var results = await PageAsync(owner, "resultats");

        Assert.Contains("La comparaison apparaîtra quand au moins 5 organisations", results);
        Assert.DoesNotContain("assett-radar__cohort", results);
    }

    [Fact]
    public async Task CompareWithTheTerritorysCohortFromFiveOrganisations()
    {
        await SeedOthersAsync(5);
        var owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);
        // The bakery's first answer stores its current score: it then counts in the cohort.
        await owner.SubmitAsync($"/t/{TestTerritories.First}/evaluation/1.1?handler=Task", new()
        {
            ["NodeId"] = "assett_1.1.1.1", ["Status"] = "fait", ["SeenVersion"] = "0",
        });

        var results = await PageAsync(owner, "resultats");

        Assert.Contains("Médiane : toutes les organisations du territoire (6 organisations)", results); // the second territory's nine are not in it
        Assert.Contains("assett-radar__cohort", results);
    }

    [Fact]
    public async Task LetTheOwnerTakeTheOrganisationsDataWithoutACurrentCampaign()
    {
        var owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);
        await InTerritoryAsync(db => db.Campaigns.ExecuteUpdateAsync(c => c.SetProperty(x => x.State, CampaignState.Closed)));

        var page = await PageAsync(owner, "organisation/donnees");
        var export = await owner.GetStringAsync($"/t/{TestTerritories.First}/organisation/donnees?handler=Export", TestContext.Current.CancellationToken);

        Assert.Contains("« Boulangerie du Clain »", page);
        Assert.Contains("\"name\": \"Boulangerie du Clain\"", export);
    }

    [Fact]
    public async Task LetTheOwnerKeepTheIdentityUpToDateBetweenCampaigns()
    {
        var owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);
        var reader = await Boulangerie.SignedInAsync(Factory, Boulangerie.Reader);
        await InTerritoryAsync(db => db.Campaigns.ExecuteUpdateAsync(c => c.SetProperty(x => x.State, CampaignState.Closed)));

        var page = await PageAsync(owner, "organisation/profil");
        var saved = await owner.SubmitAsync($"/t/{TestTerritories.First}/organisation/profil", new()
        {
            ["Input.Name"] = "Boulangerie du Clain et fils", ["Input.Kind"] = "Entreprise", ["Input.Headcount"] = "From10To49",
            ["Input.Answers[flotte]"] = "NON",
        });
        var byReader = await reader.SubmitAsync($"/t/{TestTerritories.First}/organisation/profil", new()
        {
            ["Input.Name"] = "Autre nom", ["Input.Kind"] = "Entreprise",
        });

        Assert.Contains("Les questions sur votre activité viennent avec la prochaine campagne", page);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byReader.StatusCode);
        var organisation = await InTerritoryAsync(db => db.Organisations.SingleAsync());
        Assert.Equal(("Boulangerie du Clain et fils", HeadcountBand.From10To49), (organisation.Name, organisation.Headcount));
        Assert.Equal(0, await InTerritoryAsync(db => db.Assessments.CountAsync())); // nothing started without a campaign
    }

    [Fact]
    public async Task ExportThenDeleteTheOrganisationsDataAtItsOwnersRequest()
    {
        var owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);
        await owner.SubmitAsync($"/t/{TestTerritories.First}/evaluation/1.1?handler=Task", new()
        {
            ["NodeId"] = "assett_1.1.1.1", ["Status"] = "fait", ["SeenVersion"] = "0",
        });
        await InTerritoryAsync(async db =>
        {
            db.Organisations.Add(new Organisation { Id = Guid.NewGuid(), Siret = "35600000000048", Name = "Voisine" });
            return await db.SaveChangesAsync();
        });
        var editor = await Boulangerie.SignedInAsync(Factory, Boulangerie.Editor);

        var export = await owner.GetStringAsync($"/t/{TestTerritories.First}/organisation/donnees?handler=Export", TestContext.Current.CancellationToken);
        var byEditor = await editor.GetAsync($"/t/{TestTerritories.First}/organisation/donnees", TestContext.Current.CancellationToken);
        var mistyped = await (await owner.SubmitAsync($"/t/{TestTerritories.First}/organisation/donnees?handler=Delete", new()
        {
            ["Confirmation"] = "Boulangerie",
        })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var kept = await InTerritoryAsync(db => db.Organisations.CountAsync());
        var deleted = await owner.SubmitAsync($"/t/{TestTerritories.First}/organisation/donnees?handler=Delete", new()
        {
            ["Confirmation"] = "Boulangerie du Clain",
        });

        Assert.Contains("\"nodeId\": \"assett_1.1.1.1\"", export);
        Assert.Contains(Boulangerie.Editor, export);
        Assert.Equal(HttpStatusCode.Forbidden, byEditor.StatusCode);
        Assert.Contains("Recopiez exactement le nom de l’organisation", mistyped);
        Assert.Equal(2, kept);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Contains("Boulangerie du Clain et toutes ses données sont supprimées.", await PageAsync(owner, ""));
        Assert.Equal(["Voisine"], await InTerritoryAsync(db => db.Organisations.Select(o => o.Name).ToListAsync()));
        Assert.Equal(0, await InTerritoryAsync(db => db.Assessments.CountAsync()));
        Assert.Equal(0, await InTerritoryAsync(db => db.TaskStatusChanges.CountAsync()));
        Assert.Equal(0, await InTerritoryAsync(db => db.Memberships.CountAsync(m => m.OrganisationId != null)));
        var audit = await InTerritoryAsync(db => db.AuditLog.SingleAsync(a => a.Action == "organisation.deleted"));
        Assert.Equal(_organisation.Id.ToString(), audit.Subject);
        Assert.DoesNotContain("Boulangerie", audit.Details ?? "");
    }

    [Fact]
    public async Task AskToAcceptTheTerritorysCharterBeforeTheQuestionnaire()
    {
        await Factory.InTerritoryAsync(TestTerritories.First, async db =>
        {
            var territory = await db.Tenants.SingleAsync(t => t.Identifier == TestTerritories.First);
            territory.Settings = new Data.Tenants.TenantSettings
            {
                BaseReferential = territory.Settings.BaseReferential, CurrentReferentialVersionId = territory.Settings.CurrentReferentialVersionId,
                Charter = "# Charte\n\nNous nous engageons à progresser chaque année.",
            };
            return await db.SaveChangesAsync();
        });
        var reader = await Boulangerie.SignedInAsync(Factory, Boulangerie.Reader);
        var owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);

        var before = await owner.GetAsync($"/t/{TestTerritories.First}/evaluation/1.1", TestContext.Current.CancellationToken);
        var charter = await PageAsync(owner, "organisation/charte");
        var readerPage = await PageAsync(reader, "organisation/charte");
        var byReader = await reader.SubmitAsync($"/t/{TestTerritories.First}/organisation/charte", []);
        var accepted = await owner.SubmitAsync($"/t/{TestTerritories.First}/organisation/charte", new() { ["version"] = "1" });
        var after = await owner.GetAsync($"/t/{TestTerritories.First}/evaluation/1.1", TestContext.Current.CancellationToken);

        Assert.Equal($"/t/{TestTerritories.First}/organisation/charte", before.Headers.Location?.OriginalString);
        Assert.Contains("Nous nous engageons à progresser chaque année.", charter);
        Assert.Contains("La personne responsable de votre organisation doit d’abord accepter la charte.", readerPage);
        Assert.Equal(HttpStatusCode.Forbidden, byReader.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var acceptance = await InTerritoryAsync(db => db.CharterAcceptances.SingleAsync());
        Assert.Equal((1, Boulangerie.Owner), (acceptance.Version, acceptance.AcceptedBy));
    }

    [Fact]
    public async Task AskAgainForANewVersionOfTheCharterAndKeepBothAcceptances()
    {
        Task SetCharterAsync(int version, string text) => Factory.InTerritoryAsync(TestTerritories.First, async db =>
        {
            var territory = await db.Tenants.SingleAsync(t => t.Identifier == TestTerritories.First);
            territory.Settings = new Data.Tenants.TenantSettings
            {
                BaseReferential = territory.Settings.BaseReferential, CurrentReferentialVersionId = territory.Settings.CurrentReferentialVersionId,
                Charter = text, CharterVersion = version,
            };
            return await db.SaveChangesAsync();
        });
        var owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);
        await SetCharterAsync(1, "## Nos engagements\n\n- progresser chaque année");
        var first = await PageAsync(owner, "organisation/charte");
        await owner.SubmitAsync($"/t/{TestTerritories.First}/organisation/charte", new() { ["version"] = "1" });
        var afterFirst = await owner.GetAsync($"/t/{TestTerritories.First}/plan-action", TestContext.Current.CancellationToken);
        await SetCharterAsync(1, "## Nos engagements\n\n- progresser chaque année, même texte corrigé");
        var sameVersion = await owner.GetAsync($"/t/{TestTerritories.First}/plan-action", TestContext.Current.CancellationToken);

        await SetCharterAsync(2, "## Nos engagements\n\n- progresser chaque année\n- venir aux rencontres");
        var again = await owner.GetAsync($"/t/{TestTerritories.First}/plan-action", TestContext.Current.CancellationToken);
        var renewal = await PageAsync(owner, "organisation/charte");
        var stale = await owner.SubmitAsync($"/t/{TestTerritories.First}/organisation/charte", new() { ["version"] = "1" });
        await owner.SubmitAsync($"/t/{TestTerritories.First}/organisation/charte", new() { ["version"] = "2" });
        var afterSecond = await owner.GetAsync($"/t/{TestTerritories.First}/plan-action", TestContext.Current.CancellationToken);

        Assert.Contains("<h2>Nos engagements</h2>", first);
        Assert.Contains("<li>progresser chaque année</li>", first);
        Assert.Equal(HttpStatusCode.OK, afterFirst.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameVersion.StatusCode); // only a new version asks again
        Assert.Equal($"/t/{TestTerritories.First}/organisation/charte", again.Headers.Location?.OriginalString);
        Assert.Contains("nouvelle version de sa charte (version 2)", renewal);
        Assert.Contains("<li>venir aux rencontres</li>", renewal);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode); // the version read was not the current one: shown again, not accepted
        Assert.Equal(HttpStatusCode.OK, afterSecond.StatusCode);
        var acceptances = await InTerritoryAsync(db =>
            db.CharterAcceptances.OrderBy(a => a.Version).Select(a => new { a.Version, a.AcceptedBy }).ToListAsync());
        Assert.Equal([new { Version = 1, AcceptedBy = Boulangerie.Owner }, new { Version = 2, AcceptedBy = Boulangerie.Owner }], acceptances);
    }

    [Fact]
    public async Task CarryAnswersOverToANewVersionAndListThoseThatDisappeared()
    {
        await InTerritoryAsync(async db =>
        {
            // Last year's campaign on today's version, answered; this year's on a version without the territory's local measure 1.L1.
            var current = await db.ReferentialVersions.SingleAsync();
            var lastYear = new Campaign
            {
                Id = Guid.NewGuid(), Name = "Campagne 2026", OpensOn = new(2026, 1, 15), ClosesOn = new(2026, 6, 30), ReferentialVersionId = current.Id,
                State = CampaignState.Closed,
            };
            var answered = new Assessment
            {
                Id = Guid.NewGuid(), OrganisationId = _organisation.Id, CampaignId = lastYear.Id, State = AssessmentState.Submitted,
            };
            var local = current.Package.Nodes.First(n => n.Id.StartsWith("assett_1.L1.") && n.Id.Count(c => c == '.') == 3).Id;
            var next = new Data.Referentials.ReferentialVersion
            {
                Id = Guid.NewGuid(), BasePackage = current.BasePackage, ReferentialId = current.ReferentialId, ContentHash = "without-1.L1",
                Label = "sans 1.L1",
                Package = new Data.Referentials.StoredPackage { Files = [.. current.Package.Files.Where(f => !f.Path.EndsWith("1.L1.md"))] },
            };
            db.ReferentialVersions.Add(next);
            db.Campaigns.AddRange(lastYear, new Campaign
            {
                Id = Guid.NewGuid(), Name = "Campagne 2027 bis", OpensOn = new(2027, 1, 15), ClosesOn = new(2027, 6, 30), ReferentialVersionId = next.Id,
                State = CampaignState.Open,
            });
            db.Assessments.Add(answered);
            foreach (var node in new[] { "assett_1.1.1.1", local })
                db.TaskStatuses.Add(new TaskStatusEntry
                {
                    Id = Guid.NewGuid(), AssessmentId = answered.Id, NodeId = node, Status = new("fait", 1), UpdatedBy = Boulangerie.Owner,
                });
            return await db.SaveChangesAsync();
        });
        var owner = await Boulangerie.SignedInAsync(Factory, Boulangerie.Owner);

        var home = await PageAsync(owner, "evaluation");

        Assert.Contains("Le référentiel a changé depuis la campagne précédente", home);
        Assert.Contains("<li>1.L1.", home);
        var carried = await InTerritoryAsync(db => db.TaskStatuses
            .Where(s => db.Assessments.Any(a => a.Id == s.AssessmentId && a.State == AssessmentState.InProgress))
            .Select(s => s.NodeId).ToListAsync());
        Assert.Equal(["assett_1.1.1.1"], carried);
    }
}
