using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Organisations;
using Assett.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenIddict.Abstractions;

namespace Assett.Web.Tests.Browser;

/// <summary>
/// Authorization code with PKCE in a real browser, through the real sign-in page: a person of the first
/// test territory signs in, the application gets a code, exchanges it, refreshes its token, and reads the API
/// of its own organisation only. The application's callback is caught by the browser test, as the
/// application's own page would catch it.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class InteractiveClientShould(PostgresServer server, Chromium chromium) : WebHostTest(server)
{
    private const string Password = "Clé-Secrète-2026";
    private static readonly Uri Callback = new("https://application.example/callback");
    private HttpClient _http = null!;
    private readonly Dictionary<string, Guid> _organisations = [];

    protected override async Task ArrangeAsync()
    {
        _http = new HttpClient { BaseAddress = LiveServer.Start(Factory) };
        // The host's first answer (its sign-in page) pays its cold start here, not within the browser's 30-second navigation.
        (await _http.GetAsync($"/t/{TestTerritories.First}/connexion", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        Guid userId;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var user = new AssettUser
            {
                Id = Guid.NewGuid(), UserName = "gerante@boulangerie.example", Email = "gerante@boulangerie.example", EmailConfirmed = true,
            };
            await scope.ServiceProvider.GetRequiredService<UserManager<AssettUser>>().CreateAsync(user, Password);
            userId = user.Id;
        }
        var store = Factory.Services.GetRequiredService<ITenantStore>();
        var connection = Factory.Services.GetRequiredService<AssettDatabase>().AppConnectionString;
        _organisations["neighbour"] = await Factory.InTerritoryAsync(TestTerritories.First, async db =>
        {
            var neighbour = new Organisation { Id = Guid.NewGuid(), Siret = "35600000000048", Name = "Voisine du territoire" };
            db.Organisations.Add(neighbour);
            await db.SaveChangesAsync();
            return neighbour.Id;
        });
        foreach (var (slug, siret) in new[] { (TestTerritories.First, "73282932000074"), (TestTerritories.Second, "35600000000048") })
        {
            using var tenant = new MultiTenantContextAccessor().Change(await store.FindByIdentifierAsync(slug));
            await using var db = AssettDbContextOptions.Create(connection);
            var organisation = new Organisation { Id = Guid.NewGuid(), Siret = siret, Name = $"Organisation de {slug}" };
            db.Organisations.Add(organisation);
            if (slug == TestTerritories.First)
                db.Memberships.Add(new Membership
                {
                    Id = Guid.NewGuid(), UserId = userId, OrganisationId = organisation.Id, Role = MembershipRole.OrganisationOwner,
                });
            await db.SaveChangesAsync();
            _organisations[slug] = organisation.Id;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        await base.DisposeAsync();
    }

    private async Task<string> RegisterAsync(string tenant)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return (await MachineClients.AddInteractiveAsync(scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>(),
            scope.ServiceProvider.GetRequiredService<AssettDbContext>(), tenant, $"Application {Guid.NewGuid():N}", ["organisations"], Callback)).ClientId;
    }

    [Fact]
    public async Task SignInGetACodeExchangeItRefreshAndStayInTheTerritory()
    {
        var clientId = await RegisterAsync(TestTerritories.First);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId, ["redirect_uri"] = Callback.ToString(), ["response_type"] = "code",
            ["scope"] = "organisations offline_access", ["code_challenge"] = challenge, ["code_challenge_method"] = "S256", ["state"] = "xyz",
        });

        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = _http.BaseAddress!.ToString() });
        var page = await context.NewPageAsync();
        var callback = new TaskCompletionSource<Uri>();
        await page.RouteAsync($"{Callback}**", async route =>
        {
            callback.TrySetResult(new Uri(route.Request.Url));
            await route.FulfillAsync(new() { Body = "Application connectée", ContentType = "text/plain" });
        });

        await page.GotoAsync(authorize, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var signInUrl = new Uri(page.Url);
        await page.GetByLabel("Adresse électronique").FillAsync("gerante@boulangerie.example");
        await page.GetByLabel("Mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        var returned = await callback.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var query = QueryHelpers.ParseQuery(returned.Query);
        var tokens = await TokenAsync(new()
        {
            ["grant_type"] = "authorization_code", ["code"] = query["code"]!, ["redirect_uri"] = Callback.ToString(),
            ["client_id"] = clientId, ["code_verifier"] = verifier
        });
        var refreshed = await TokenAsync(new()
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!, ["client_id"] = clientId,
        });

        Assert.Equal("/connexion", signInUrl.AbsolutePath);
        Assert.Equal(Callback.ToString(), returned.GetLeftPart(UriPartial.Path));
        Assert.Equal("xyz", query["state"]);
        foreach (var token in new[] { tokens, refreshed }.Select(t => t.GetProperty("access_token").GetString()!))
        {
            Assert.Equal(HttpStatusCode.OK, (await ApiAsync($"/api/v1/organisations/{_organisations[TestTerritories.First]}", token)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await ApiAsync($"/api/v1/organisations/{_organisations[TestTerritories.Second]}", token)).StatusCode);
            // A person's application reads the person's organisation, not the others of the territory.
            Assert.Equal(HttpStatusCode.NotFound, (await ApiAsync($"/api/v1/organisations/{_organisations["neighbour"]}", token)).StatusCode);
        }
        // Once the person leaves the organisation, the application's refresh token gives nothing more.
        await Factory.InTerritoryAsync(TestTerritories.First,
            db => db.Memberships.Where(m => m.OrganisationId == _organisations[TestTerritories.First]).ExecuteDeleteAsync());
        var afterLeaving = await _http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshed.GetProperty("refresh_token").GetString()!, ["client_id"] = clientId,
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, afterLeaving.StatusCode);
        Assert.Contains("invalid_grant", await afterLeaving.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RefuseAPlainProofOfKeyExchange()
    {
        var clientId = await RegisterAsync(TestTerritories.First);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _http.BaseAddress };
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId, ["redirect_uri"] = Callback.ToString(), ["response_type"] = "code", ["scope"] = "organisations",
            ["code_challenge"] = Base64Url(RandomNumberGenerator.GetBytes(32)), ["code_challenge_method"] = "plain", ["state"] = "xyz",
        });

        var response = await http.GetAsync(authorize, TestContext.Current.CancellationToken);

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("invalid_request", body);
        Assert.Contains("code_challenge_method", body);
    }

    [Fact]
    public async Task RefuseACodeWithoutTheRightVerifier()
    {
        var clientId = await RegisterAsync(TestTerritories.First);
        var response = await _http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = "forged", ["redirect_uri"] = Callback.ToString(), ["client_id"] = clientId,
            ["code_verifier"] = "x",
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_grant", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private async Task<JsonElement> TokenAsync(Dictionary<string, string> form)
    {
        var response = await _http.PostAsync("/connect/token", new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return json;
    }

    private Task<HttpResponseMessage> ApiAsync(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        return _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
