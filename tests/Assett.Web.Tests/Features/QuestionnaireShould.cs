using System.Net;
using System.Text.Json;
using Assett.Data;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Tests.Features;

/// <summary>
/// The questionnaire through the real pages: answering a measure without JavaScript, the autosave
/// handler, concurrent edits of the same task by two colleagues, the task's history, and the results.
/// </summary>
public sealed class QuestionnaireShould(PostgresServer server) : WebHostTest(server)
{
    protected override async Task ArrangeAsync()
    {
        await Boulangerie.SeedAsync(Factory);
    }

    private Task<T> InTerritoryAsync<T>(Func<AssettDbContext, Task<T>> work) => Factory.InTerritoryAsync(TestTerritories.First, work);

    private Task<HttpClient> SignedInAsync(string email) => Boulangerie.SignedInAsync(Factory, email);

    private static Task<HttpResponseMessage> AutosaveAsync(HttpClient browser, string nodeId, string status, uint seenVersion, string? comment = null) =>
        browser.SubmitAsync($"/t/{TestTerritories.First}/evaluation/1.1?handler=Task", new()
        {
            ["NodeId"] = nodeId, ["Status"] = status, ["SeenVersion"] = seenVersion.ToString(), ["Comment"] = comment ?? "",
        });

    private static async Task<string> MessageOfAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("message").GetString()!;

    [Fact]
    public async Task RefuseASplitOverAHundredAndShowItAsTyped()
    {
        var owner = await SignedInAsync(Boulangerie.Owner);

        var response = await owner.SubmitAsync($"/t/{TestTerritories.First}/evaluation/1.1", new()
        {
            ["Answers[0].NodeId"] = "assett_1.1.1.1", ["Answers[0].Status"] = "detaille", ["Answers[0].SeenVersion"] = "0",
            ["Answers[0].FaitPercent"] = "80", ["Answers[0].ProgrammePercent"] = "50", ["Answers[0].Comment"] = "Presque tout",
        });
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("dont la somme ne dépasse pas 100", page);
        Assert.Matches("id=\"assett_1-1-1-1-detaille\"[^>]*checked", page);
        Assert.Matches("id=\"assett_1-1-1-1-part-faite\"[^>]*value=\"80\"", page);
        Assert.Matches("id=\"assett_1-1-1-1-part-programmee\"[^>]*value=\"50\"", page);
        Assert.Contains(">Presque tout</textarea>", page);
        Assert.Equal(0, await InTerritoryAsync(db => db.TaskStatuses.CountAsync()));
    }

    [Fact]
    public async Task RefuseACommentOverItsLengthAndSayTheLimit()
    {
        var owner = await SignedInAsync(Boulangerie.Owner);

        var response = await AutosaveAsync(owner, "assett_1.1.1.1", "fait", 0, new string('x', 10_000));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Le commentaire tient en 2\u202F000 caractères au plus ; celui-ci en compte 10\u202F000.", await MessageOfAsync(response));
        Assert.Equal(0, await InTerritoryAsync(db => db.TaskStatuses.CountAsync()));
        Assert.Contains("maxlength=\"2000\"", await owner.GetStringAsync($"/t/{TestTerritories.First}/evaluation/1.1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ShowTheThemesAndWhereToStart()
    {
        var owner = await SignedInAsync(Boulangerie.Owner);

        var home = await owner.GetStringAsync($"/t/{TestTerritories.First}/evaluation", TestContext.Current.CancellationToken);

        Assert.Contains($"Boulangerie du Clain – {TestTerritories.Campaign}", home);
        Assert.Contains("Commencer : 1.1 S’engager et organiser la démarche".Replace('’', '\''), home.Replace("&#x27;", "'"));
        Assert.Contains("<strong>0</strong> actions renseignées", home);
        Assert.Equal(1, await InTerritoryAsync(db => db.Assessments.CountAsync()));
    }

    [Fact]
    public async Task SaveAWholeMeasureWithoutJavaScriptThenScoreIt()
    {
        var owner = await SignedInAsync(Boulangerie.Owner);
        var page = await owner.GetStringAsync($"/t/{TestTerritories.First}/evaluation/1.1", TestContext.Current.CancellationToken);

        var saved = await owner.SubmitAsync($"/t/{TestTerritories.First}/evaluation/1.1", new()
        {
            ["Answers[0].NodeId"] = "assett_1.1.1.1", ["Answers[0].Status"] = "fait", ["Answers[0].SeenVersion"] = "0",
            ["Answers[1].NodeId"] = "assett_1.1.1.2", ["Answers[1].Status"] = "programme", ["Answers[1].SeenVersion"] = "0",
            ["Answers[1].Comment"] = "En janvier",
        });
        var after = await owner.GetStringAsync($"/t/{TestTerritories.First}/evaluation/1.1", TestContext.Current.CancellationToken);
        var results = await owner.GetStringAsync($"/t/{TestTerritories.First}/resultats", TestContext.Current.CancellationToken);

        Assert.Contains("name=\"Answers[0].Status\" value=\"fait\"", page);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Vos réponses sont enregistrées.", after);
        Assert.Contains("En janvier", after);
        Assert.Contains("gerante@boulangerie.example : non renseigné → programmé", after);
        Assert.Contains("<svg class=\"assett-radar\"", results);
        Assert.Contains("<th scope=\"row\">1. ", results);
        var statuses = await InTerritoryAsync(db => db.TaskStatuses.OrderBy(s => s.NodeId).Select(s => s.Status.Kind).ToListAsync());
        Assert.Equal(["fait", "programme"], statuses);
        var current = await InTerritoryAsync(db => db.ScoreSnapshots.SingleAsync(s => s.Kind == Data.Assessments.SnapshotKind.Current));
        Assert.True(current.PointFait > 0 && current.PointProgramme > 0, "each saved answer stores the current score");
    }

    [Fact]
    public async Task ShowATasksLatestChangesOnlyAndSayWhereTheOthersAre()
    {
        var owner = await SignedInAsync(Boulangerie.Owner);
        uint version = 0;
        for (var i = 0; i < 12; i++)
        {
            var saved = await AutosaveAsync(owner, "assett_1.1.1.1", i % 2 == 0 ? "fait" : "pas_fait", version);
            version = JsonDocument.Parse(await saved.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement
                .GetProperty("version").GetUInt32();
        }

        var page = await owner.GetStringAsync($"/t/{TestTerritories.First}/evaluation/1.1", TestContext.Current.CancellationToken);

        Assert.Equal(10, page.Split("gerante@boulangerie.example : ").Length - 1);
        Assert.Contains("Les 10 dernières modifications ; l’historique complet est dans l’export des données de l’organisation.", page);
    }

    [Fact]
    public async Task DetectAColleaguesConcurrentEditInsteadOfOverwritingIt()
    {
        var owner = await SignedInAsync(Boulangerie.Owner);
        var editor = await SignedInAsync(Boulangerie.Editor);
        await owner.GetStringAsync($"/t/{TestTerritories.First}/evaluation", TestContext.Current.CancellationToken);

        var first = await AutosaveAsync(owner, "assett_1.1.1.1", "fait", 0);
        var saved = JsonDocument.Parse(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var version = saved.GetProperty("version").GetUInt32();
        var stale = await AutosaveAsync(editor, "assett_1.1.1.1", "pas_fait", 0); // the editor's page predates the owner's answer
        var informed = await AutosaveAsync(editor, "assett_1.1.1.1", "pas_fait", version, "Pas encore signé");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("assett_1.1.1.1", saved.GetProperty("task").GetString());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("gerante@boulangerie.example a modifié cette réponse entre-temps (fait", await MessageOfAsync(stale));
        Assert.Equal(HttpStatusCode.OK, informed.StatusCode);
        var history = await InTerritoryAsync(db => db.TaskStatusChanges.OrderBy(c => c.ChangedAt)
            .Select(c => $"{c.ChangedBy} {(c.Previous == null ? "-" : c.Previous.Kind)}→{c.Status.Kind}").ToListAsync());
        Assert.Equal(["gerante@boulangerie.example -→fait", "associe@boulangerie.example fait→pas_fait"], history);
    }

    [Fact]
    public async Task RefuseAnswersFromAReaderAndUnknownTasks()
    {
        var reader = await SignedInAsync(Boulangerie.Reader);
        var owner = await SignedInAsync(Boulangerie.Owner);

        var byReader = await AutosaveAsync(reader, "assett_1.1.1.1", "fait", 0);
        var unknown = await AutosaveAsync(owner, "assett_9.9.9.9", "fait", 0);
        var badSplit = await owner.SubmitAsync($"/t/{TestTerritories.First}/evaluation/1.1?handler=Task", new()
        {
            ["NodeId"] = "assett_1.1.1.1", ["Status"] = "detaille", ["FaitPercent"] = "80", ["ProgrammePercent"] = "40", ["SeenVersion"] = "0",
        });

        Assert.Equal(HttpStatusCode.Forbidden, byReader.StatusCode); // a reader only reads (Access.OrganisationEditor)
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSplit.StatusCode);
        Assert.Contains("la somme ne dépasse pas 100", await MessageOfAsync(badSplit));
        Assert.Equal(0, await InTerritoryAsync(db => db.TaskStatuses.CountAsync()));
    }

    [Fact]
    public async Task LeaveAColleaguesAnswerAloneWhenTheFormPostsATaskUntouched()
    {
        var owner = await SignedInAsync(Boulangerie.Owner);
        var editor = await SignedInAsync(Boulangerie.Editor);
        var first = await AutosaveAsync(owner, "assett_1.1.1.1", "fait", 0);
        var version = JsonDocument.Parse(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement
            .GetProperty("version").GetUInt32();
        await AutosaveAsync(editor, "assett_1.1.1.1", "pas_fait", version); // after the owner's page was shown

        var posted = await owner.SubmitAsync($"/t/{TestTerritories.First}/evaluation/1.1", new()
        {
            ["Answers[0].NodeId"] = "assett_1.1.1.1", ["Answers[0].Status"] = "fait", ["Answers[0].SeenVersion"] = version.ToString(),
            ["Answers[0].Original"] = "fait|||",
            ["Answers[1].NodeId"] = "assett_1.1.1.2", ["Answers[1].Status"] = "programme", ["Answers[1].SeenVersion"] = "0",
            ["Answers[1].Original"] = "|||",
        });

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode); // no conflict reported for the task the owner did not touch
        var statuses = await InTerritoryAsync(db => db.TaskStatuses.OrderBy(s => s.NodeId).Select(s => s.Status.Kind).ToListAsync());
        Assert.Equal(["pas_fait", "programme"], statuses);
    }
}
