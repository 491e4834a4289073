using System.Net;
using Assett.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Web.Tests;

/// <summary>
/// Links in emails come from the configuration, never from the request: a forged <c>Host</c> or
/// <c>X-Forwarded-Host</c> cannot redirect a password reset (the hole found in issue 14).
/// </summary>
public sealed class LinksShould(PostgresServer server) : WebHostTest(server)
{
    private const string Email = "gerante@boulangerie.example";
    private HttpClient _client = null!;

    protected override async Task ArrangeAsync()
    {
        _client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserManager<AssettUser>>()
            .CreateAsync(new AssettUser { Id = Guid.NewGuid(), UserName = Email, Email = Email, EmailConfirmed = true }, "Clé-Secrète-2026");
    }

    private async Task<HttpResponseMessage> AskForAResetAsync(Action<HttpRequestMessage> forge)
    {
        var page = await _client.GetStringAsync($"/t/{TestTerritories.First}/mot-de-passe-oublie", TestContext.Current.CancellationToken);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/t/{TestTerritories.First}/mot-de-passe-oublie")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = Email, ["__RequestVerificationToken"] = Forms.AntiforgeryToken(page),
            }),
        };
        forge(request);
        return await _client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private Task<List<string>> MailBodiesAsync() =>
        Factory.InTerritoryAsync(TestTerritories.First, db => db.OutboxMessages.Select(m => m.TextBody).ToListAsync());

    [Fact]
    public async Task RefuseARequestForAnUnknownHostAndSendNothing()
    {
        var response = await AskForAResetAsync(request => request.Headers.Host = "evil.example");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Adresse inconnue", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await MailBodiesAsync());
    }

    [Fact]
    public async Task BuildTheResetLinkFromTheConfiguredAddressWhateverTheForwardedHeaders()
    {
        var response = await AskForAResetAsync(request =>
        {
            request.Headers.Add("X-Forwarded-Host", "evil.example");
            request.Headers.Add("X-Forwarded-Proto", "https");
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = Assert.Single(await MailBodiesAsync());
        Assert.Contains($"http://localhost:5080/t/{TestTerritories.First}/nouveau-mot-de-passe?utilisateur=", body);
        Assert.DoesNotContain("evil.example", body);
    }

    [Fact]
    public async Task ServeATerritoryOnItsConfiguredHost()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = $"{TestTerritories.First}.assett.localhost" } };

        var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(TestTerritories.FirstName, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
