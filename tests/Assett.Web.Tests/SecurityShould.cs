using System.Net;

namespace Assett.Web.Tests;

public sealed class SecurityShould(PostgresServer server) : WebHostTest(server)
{
    [Fact]
    public async Task SendSecurityHeadersAndAStrictContentPolicyOnPages()
    {
        var response = await Factory.CreateClient().GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task KeepFormsOnTheSiteWhenASignInNamesAnUnregisteredCallback()
    {
        var returnUrl = Uri.EscapeDataString("/connect/authorize?client_id=inconnu&redirect_uri=https%3A%2F%2Fpirate.example%2Fcb&response_type=code");

        var response = await Factory.CreateClient().GetAsync($"/connexion?ReturnUrl={returnUrl}", TestContext.Current.CancellationToken);

        Assert.EndsWith("form-action 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task ThrottleGuessesOfAClientSecret()
    {
        // A window longer than the test, however slow the machine: 20 guesses, then 429 until it ends.
        var client = Factory.WithWebHostBuilder(host => host.UseSetting("Api:TokenRequestWindow", "01:00:00")).CreateClient();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 25; i++)
        {
            var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = $"{TestTerritories.First}.crm", ["client_secret"] = $"guess-{i}",
            }), TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(20, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
