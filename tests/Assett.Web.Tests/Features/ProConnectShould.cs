using System.Net;
using Assett.Data.Accounts;
using Assett.Data.Invitations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Web.Tests.Features;

/// <summary>
/// Agents sign in through a stand-in ProConnect (<see cref="ProConnectStandIn"/>): the whole redirect dance of the
/// authorization code with PKCE, the signed userinfo, then the account matched by email in the territory named by state.
/// </summary>
public sealed class ProConnectShould(PostgresServer server) : WebHostTest(server)
{
    private const string Agent = "agente@essai-nord.example";
    private static readonly string SignInPage = $"/t/{TestTerritories.First}/connexion";

    private readonly ProConnectStandIn _proConnect = new();
    private HttpClient _browser = null!;

    // ProConnect comes back to the public address, over HTTPS: its correlation cookie is « Secure; SameSite=None ».
    protected override AssettWebFactory CreateFactory(TestDatabase database) => new(database)
    {
        ProConnectIssuer = _proConnect.Issuer, Settings = new Dictionary<string, string> { ["Assett:PublicUrl"] = "https://localhost" },
    };

    protected override Task ArrangeAsync()
    {
        _browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _proConnect.DisposeAsync();
    }

    /// <summary>« S’identifier avec ProConnect », ProConnect's own redirect back, and the answer of the callback.</summary>
    private async Task<HttpResponseMessage> SignInWithProConnectAsync(string signInPage)
    {
        var form = await _browser.GetStringAsync(signInPage, TestContext.Current.CancellationToken);
        var challenge = await _browser.PostAsync($"{signInPage}?handler=ProConnect",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Forms.AntiforgeryToken(form) }),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(_proConnect.Issuer.AbsoluteUri, authorize.AbsoluteUri);
        Assert.Contains("code_challenge_method=S256", authorize.Query);
        Assert.Contains("scope=openid%20email%20given_name%20usual_name%20siret", authorize.Query);
        using var outside = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var back = await outside.GetAsync(authorize, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        return await _browser.GetAsync(back.Headers.Location!.PathAndQuery, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task SignAnOfficerInAndSendThemToTheirDashboard()
    {
        await Factory.CreateOfficerAsync(TestTerritories.First, Agent, MembershipRole.OfficerReader);
        var form = await _browser.GetStringAsync(SignInPage, TestContext.Current.CancellationToken);

        var returned = await SignInWithProConnectAsync(SignInPage);
        var dashboard = await _browser.GetStringAsync(returned.Headers.Location!.OriginalString, TestContext.Current.CancellationToken);

        Assert.Contains("S’identifier avec ProConnect", form);
        Assert.Contains("name=\"Input.Email\"", form); // the password form stays
        Assert.Contains("name=\"Input.Password\"", form);
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        Assert.Equal($"/t/{TestTerritories.First}/territoire", returned.Headers.Location!.OriginalString);
        Assert.Contains("Tableau de bord de la cohorte", dashboard);
        Assert.Equal(1, _proConnect.UserInfoAnswers); // the signed userinfo was asked for, and accepted
    }

    [Fact]
    public async Task AcceptAPendingOfficerInvitationAtTheFirstSignIn()
    {
        var now = DateTimeOffset.UtcNow;
        await Factory.InTerritoryAsync(TestTerritories.First, db =>
        {
            db.Invitations.Add(new Invitation
            {
                Id = Guid.NewGuid(), Email = Agent, Role = MembershipRole.OfficerAdmin, TokenHash = "pending", ExpiresAt = now.AddDays(14),
                CreatedBy = "admin@essai-nord.example", CreatedAt = now,
            });
            return db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        var returned = await SignInWithProConnectAsync(SignInPage);

        Assert.Equal($"/t/{TestTerritories.First}/territoire", returned.Headers.Location?.OriginalString);
        var (accepted, role) = await Factory.InTerritoryAsync(TestTerritories.First, async db =>
            ((await db.Invitations.SingleAsync(TestContext.Current.CancellationToken)).AcceptedAt,
                (await db.Memberships.SingleAsync(TestContext.Current.CancellationToken)).Role));
        Assert.NotNull(accepted);
        Assert.Equal(MembershipRole.OfficerAdmin, role);
        await using var scope = Factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AssettUser>>().FindByEmailAsync(Agent);
        Assert.False(await scope.ServiceProvider.GetRequiredService<UserManager<AssettUser>>().HasPasswordAsync(user!));
    }

    [Fact]
    public async Task RefuseAnAgentWithNoAccessToTheTerritoryInFrench()
    {
        await Factory.CreateOfficerAsync(TestTerritories.Second, Agent, MembershipRole.OfficerAdmin); // an officer, of another territory

        var returned = await SignInWithProConnectAsync(SignInPage);
        var page = await returned.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var dashboard = await _browser.GetAsync($"/t/{TestTerritories.First}/territoire", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.Contains($"L’adresse {Agent} n’ouvre pas d’accès à l’équipe de {TestTerritories.FirstName}", page);
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode); // to the sign-in page: nobody is signed in
    }

    [Fact]
    public async Task RefuseAUserinfoNotSignedByTheProvider()
    {
        await Factory.CreateOfficerAsync(TestTerritories.First, Agent, MembershipRole.OfficerReader);
        _proConnect.ForgesUserInfo = true;

        var returned = await SignInWithProConnectAsync(SignInPage);

        Assert.Contains("La connexion avec ProConnect n’a pas abouti", await returned.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("?code=abc&state=forged")]
    [InlineData("?error=access_denied&state=forged")]
    [InlineData("")]
    public async Task AnswerAForgedOrCancelledReturnInFrench(string query)
    {
        var returned = await _browser.GetAsync($"/connexion/proconnect/retour{query}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, returned.StatusCode); // OpenIddict's status, with the page's French words
        Assert.Contains("La connexion avec ProConnect n’a pas abouti", await returned.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SignAPlatformAdministratorInAtTheRoot()
    {
        await using (var scope = Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UserManager<AssettUser>>().CreateAsync(
                new AssettUser { Id = Guid.NewGuid(), UserName = Agent, Email = Agent, EmailConfirmed = true, IsPlatformAdministrator = true });

        var returned = await SignInWithProConnectAsync("/connexion");
        var refused = await SignInWithProConnectAsync(SignInPage); // not an officer of the territory

        Assert.Equal("/plateforme", returned.Headers.Location?.OriginalString);
        Assert.Contains("n’ouvre pas d’accès à l’équipe", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task BeOffWithoutItsConfiguration()
    {
        await using var off = new AssettWebFactory(await Postgres.CreateDatabaseAsync());
        var browser = off.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var form = await browser.GetStringAsync(SignInPage, TestContext.Current.CancellationToken);
        var callback = await browser.GetAsync("/connexion/proconnect/retour?code=x&state=y", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("ProConnect", form);
        Assert.Equal(HttpStatusCode.NotFound, callback.StatusCode);
    }
}
