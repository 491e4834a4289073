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
    public async Task ServeEachOfTheSevenTerritoriesUnderItsPrefixAndItsHost()
    {
        await using var factory = new AssettWebFactory(await server.CreateDatabaseAsync());
        var client = factory.CreateClient();
        (string Slug, string Name)[] territories =
        [
            ("grand-poitiers", "Grand Poitiers"), ("toulouse-metropole", "Toulouse Métropole"), ("rouen-normandie", "Métropole Rouen Normandie"),
            ("grand-besancon", "Grand Besançon Métropole"), ("grand-orly-seine-bievre", "Grand-Orly Seine Bièvre"), ("haut-poitou", "Haut-Poitou"),
            ("centre-ouest-mayotte", "Centre-Ouest (Mayotte)"),
        ];

        foreach (var (slug, name) in territories)
        {
            var byPrefix = await client.GetStringAsync($"/t/{slug}/", TestContext.Current.CancellationToken);
            var request = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = $"{slug}.assett.localhost" } };
            var byHost = await (await client.SendAsync(request, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            Assert.Contains($"<title>{name} – Assett</title>", byPrefix);
            Assert.Contains($"<title>{name} – Assett</title>", byHost);
        }
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
