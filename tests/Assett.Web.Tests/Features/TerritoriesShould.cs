using System.Net;

namespace Assett.Web.Tests.Features;

/// <summary>The territories of tenants-config/, applied by the development host, reached by prefix or host.</summary>
public sealed class TerritoriesShould(PostgresServer server)
{
    [Fact]
    public async Task ListTheTerritoriesOnThePlatformHome()
    {
        await using var factory = new AssettWebFactory(await server.CreateDatabaseAsync());

        var page = await factory.CreateClient().GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("href=\"/t/grand-poitiers/\">Grand Poitiers</a>", page);
        Assert.Contains("href=\"/t/haut-poitou/\">Haut-Poitou</a>", page);
    }

    [Fact]
    public async Task ServeATerritoryUnderItsPrefixAndItsHost()
    {
        await using var factory = new AssettWebFactory(await server.CreateDatabaseAsync());
        var client = factory.CreateClient();

        var byPrefix = await client.GetStringAsync("/t/grand-poitiers/", TestContext.Current.CancellationToken);
        var request = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "haut-poitou.assett.localhost" } };
        var byHost = await (await client.SendAsync(request, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("<title>Grand Poitiers – Assett</title>", byPrefix);
        Assert.Contains("<title>Haut-Poitou – Assett</title>", byHost);
    }

    [Fact]
    public async Task AnswerAnUnknownTerritoryWithAFrenchNotFoundPage()
    {
        await using var factory = new AssettWebFactory(await server.CreateDatabaseAsync());

        var response = await factory.CreateClient().GetAsync("/t/nulle-part/", TestContext.Current.CancellationToken);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Territoire inconnu", page);
        Assert.Contains("Aucun territoire « nulle-part » n’utilise Assett.", page);
    }
}
