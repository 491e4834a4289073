using System.Net;

namespace Assett.Web.Tests.Features;

/// <summary>The territories of the configuration, applied by the development host, reached by prefix or host.</summary>
public sealed class TerritoriesShould(PostgresServer server) : WebHostTest(server)
{
    [Fact]
    public async Task ListTheTerritoriesOnThePlatformHome()
    {
        var page = await Factory.CreateClient().GetStringAsync("/", TestContext.Current.CancellationToken);

        foreach (var (slug, name) in TestTerritories.All)
            Assert.Contains($"href=\"/t/{slug}/\">{name}</a>", page);
    }

    [Fact]
    public async Task ServeEachTerritoryUnderItsPrefixAndItsHost()
    {
        var client = Factory.CreateClient();

        foreach (var (slug, name) in TestTerritories.All)
        {
            var byPrefix = await client.GetStringAsync($"/t/{slug}/", TestContext.Current.CancellationToken);
            var request = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = $"{slug}.assett.localhost" } };
            var byHost = await (await client.SendAsync(request, TestContext.Current.CancellationToken))
                .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            Assert.Contains($"<title>{name} – Assett</title>", byPrefix);
            Assert.Contains($"<title>{name} – Assett</title>", byHost);
        }
    }

    [Fact]
    public async Task AnswerAnUnknownTerritoryWithAFrenchNotFoundPage()
    {
        var response = await Factory.CreateClient().GetAsync("/t/nulle-part/", TestContext.Current.CancellationToken);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Territoire inconnu", page);
        Assert.Contains("Aucun territoire « nulle-part » n’utilise Assett.", page);
    }
}
