using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Organisations;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace Assett.Web.Tests.Api;

/// <summary>Machine clients, end to end: client credentials at /connect/token, then /api/v1 scoped to their territory.</summary>
public sealed class OrganisationsApiShould(PostgresServer server) : WebHostTest(server)
{
    private HttpClient _client = null!;
    private readonly Dictionary<string, Guid> _organisations = [];

    protected override async Task ArrangeAsync()
    {
        _client = Factory.CreateClient();
        var accessor = new MultiTenantContextAccessor();
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ITenantStore>();
        foreach (var (slug, name, siret) in new[] { (TestTerritories.First, "Boulangerie du Clain", "73282932000074"),
                     (TestTerritories.Second, "Atelier du Sud", "35600000000048") })
        {
            using var tenant = accessor.Change(await store.FindByIdentifierAsync(slug));
            await using var db = AssettDbContextOptions.Create(Factory.Services.GetRequiredService<AssettDatabase>().AppConnectionString);
            var organisation = new Organisation { Id = Guid.NewGuid(), Siret = siret, Name = name, Kind = OrganisationKind.Entreprise };
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            _organisations[slug] = organisation.Id;
        }
    }

    private async Task<MachineClients.Registration> RegisterAsync(string tenant, params string[] scopes)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await MachineClients.AddAsync(scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>(),
            scope.ServiceProvider.GetRequiredService<AssettDbContext>(), tenant, $"CRM {Guid.NewGuid():N}", scopes);
    }

    private async Task<HttpResponseMessage> RequestTokenAsync(MachineClients.Registration client, string scope, string? secret = null) =>
        await _client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.ClientId,
            ["client_secret"] = secret ?? client.ClientSecret!,
            ["scope"] = scope,
        }), TestContext.Current.CancellationToken);

    private async Task<string> TokenAsync(string tenant, string scope = "organisations")
    {
        var response = await RequestTokenAsync(await RegisterAsync(tenant, scope), scope);
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return json.GetProperty("access_token").GetString()!;
    }

    private Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private Task<Guid> AssessmentWithACommentAsync(string tenant) => Factory.InTerritoryAsync(tenant, async db =>
    {
        var version = await db.ReferentialVersions.FirstAsync();
        var campaign = new Data.Campaigns.Campaign
        {
            Id = Guid.NewGuid(), Name = "Campagne test", OpensOn = new(2026, 1, 1), ClosesOn = new(2026, 12, 31), ReferentialVersionId = version.Id,
        };
        var assessment = new Data.Assessments.Assessment { Id = Guid.NewGuid(), OrganisationId = _organisations[tenant], CampaignId = campaign.Id };
        db.Campaigns.Add(campaign);
        db.Assessments.Add(assessment);
        db.TaskStatuses.Add(new Data.Assessments.TaskStatusEntry
        {
            Id = Guid.NewGuid(), AssessmentId = assessment.Id, NodeId = "assett_1.1.1.1", Status = new("fait", 1), Comment = "Signé par la direction",
            UpdatedBy = "gerante",
        });
        await db.SaveChangesAsync();
        return assessment.Id;
    });

    [Fact]
    public async Task GiveAnAssessmentsAnswersWithoutCommentsTheOrganisationKeepsToItself()
    {
        var mine = await AssessmentWithACommentAsync(TestTerritories.First);
        var theirs = await AssessmentWithACommentAsync(TestTerritories.Second);
        var token = await TokenAsync(TestTerritories.First);

        var response = await GetAsync($"/api/v1/assessments/{mine}", token);
        var other = await GetAsync($"/api/v1/assessments/{theirs}", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("answers")[0];
        Assert.Equal(("assett_1.1.1.1", "fait"), (answer.GetProperty("nodeId").GetString(), answer.GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("comment").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Theory]
    [InlineData($"/t/{TestTerritories.First}/api/v1/organisations")]
    [InlineData($"/t/{TestTerritories.First}/api/v1/organisations/{{ORGANISATION}}")]
    [InlineData("/T/{TERRITORY}/API/V1/ORGANISATIONS/")]
    [InlineData($"/t/{TestTerritories.First}/api/v1/cohort")]
    [InlineData($"/t/{TestTerritories.Second}/api/v1/organisations")]
    public async Task NeverLetThePathChooseTheTerritoryOfAToken(string path)
    {
        // The hole found in issue 14: a token of one territory read another's organisations through its /t/ prefix.
        path = path.Replace("{TERRITORY}", TestTerritories.First.ToUpperInvariant())
            .Replace("{ORGANISATION}", _organisations[TestTerritories.First].ToString());
        var token = await TokenAsync(TestTerritories.Second);

        var response = await GetAsync(path, token);
        var anonymous = await GetAsync(path, null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.DoesNotContain("Boulangerie du Clain", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData($"/t/{TestTerritories.First}/connect/token")]
    [InlineData($"/t/{TestTerritories.First}/connect/authorize")]
    [InlineData("/t/inconnu/connect/token")]
    public async Task AnswerTheTokenServerOnlyAtItsOwnAddress(string path)
    {
        var client = await RegisterAsync(TestTerritories.First, "organisations");
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = client.ClientId, ["client_secret"] = client.ClientSecret!, ["scope"] = "organisations",
        };

        var posted = await _client.PostAsync(path, new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
        var got = await _client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, got.StatusCode);
    }

    [Fact]
    public void IssueTokensUnderTheConfiguredAddressWithS256ProofsOnly()
    {
        var options = Factory.Services
            .GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<OpenIddict.Server.OpenIddictServerOptions>>().CurrentValue;

        Assert.Equal(new Uri("http://localhost:5080/"), options.Issuer);
        Assert.Equal([OpenIddictConstants.CodeChallengeMethods.Sha256], options.CodeChallengeMethods);
    }

    [Fact]
    public async Task GiveTheCohortFiguresOfTheClientsTerritoryOnlyWithTheCohortScope()
    {
        var figures = await GetAsync("/api/v1/cohort?dimension=taille", await TokenAsync(TestTerritories.First, "cohort"));
        var withoutScope = await GetAsync("/api/v1/cohort", await TokenAsync(TestTerritories.First));
        var badDimension = await GetAsync("/api/v1/cohort?dimension=couleur", await TokenAsync(TestTerritories.First, "cohort"));
        var json = await figures.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, figures.StatusCode);
        Assert.Equal(TestTerritories.Campaign, json.GetProperty("campaign").GetProperty("name").GetString());
        Assert.Equal(1, json.GetProperty("funnel").GetProperty("invited").GetInt32()); // the bakery; the second territory's workshop is not counted
        Assert.Equal("taille", json.GetProperty("dimension").GetString());
        Assert.Equal(0, json.GetProperty("quartiles").GetArrayLength()); // no group of five organisations or more
        Assert.Equal(HttpStatusCode.Forbidden, withoutScope.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDimension.StatusCode);
    }

    [Fact]
    public async Task ListOnlyTheOrganisationsOfTheClientsTerritory()
    {
        var response = await GetAsync("/api/v1/organisations", await TokenAsync(TestTerritories.First));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var names = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken))
            .EnumerateArray().Select(o => o.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Boulangerie du Clain"], names);
    }

    [Fact]
    public async Task AnswerNotFoundForAnotherTerritorysOrganisation()
    {
        var token = await TokenAsync(TestTerritories.First);

        var own = await GetAsync($"/api/v1/organisations/{_organisations[TestTerritories.First]}", token);
        var other = await GetAsync($"/api/v1/organisations/{_organisations[TestTerritories.Second]}", token);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        // A problem document that says nothing of the organisation (ApiProblems).
        var problem = await other.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Ressource introuvable", problem.GetProperty("title").GetString());
        Assert.False(problem.TryGetProperty("detail", out _));
    }

    [Fact]
    public async Task AnswerUnauthorizedWithoutAValidTokenWhateverThePath()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/v1/organisations", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync($"/api/v1/organisations/{Guid.NewGuid()}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/v1/organisations", "not-a-token")).StatusCode);
    }

    [Fact]
    public async Task AnswerForbiddenToATokenWithoutTheScope()
    {
        var response = await GetAsync("/api/v1/organisations", await TokenAsync(TestTerritories.First, "cohort"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task RefuseAScopeTheClientMayNotHaveAndAWrongSecret()
    {
        var client = await RegisterAsync(TestTerritories.First, "cohort");

        var wrongScope = await RequestTokenAsync(client, "organisations");
        var wrongSecret = await RequestTokenAsync(client, "cohort", secret: "nope");

        Assert.Equal(HttpStatusCode.BadRequest, wrongScope.StatusCode);
        Assert.Contains("not allowed to use the specified scope", await wrongScope.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Contains("invalid_client", await wrongSecret.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RefuseToRegisterAClientForAnUnknownTerritoryOrScope()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => RegisterAsync("nulle-part", "organisations"));
        await Assert.ThrowsAsync<ArgumentException>(() => RegisterAsync(TestTerritories.First, "everything"));
    }

    [Fact]
    public async Task DescribeTheApiInAnOpenApiDocument()
    {
        var document = await _client.GetStringAsync("/api/v1/openapi.json", TestContext.Current.CancellationToken);

        Assert.Contains("/api/v1/organisations/{id}", document);
        Assert.DoesNotContain("/connect/token", document);
    }
}
