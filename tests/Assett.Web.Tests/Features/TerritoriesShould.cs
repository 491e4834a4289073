using System.Net;

namespace Assett.Web.Tests.Features;

/// <summary>The territories of tenants-config/, applied by the development host, reached by prefix or host.</summary>
public sealed class TerritoriesShould(PostgresServer server) : WebHostTest(server)
{
    [Fact]
    public async Task ListTheTerritoriesOnThePlatformHome()
    {
        var page = await Factory.CreateClient().GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("href=\"/t/grand-poitiers/\">Grand Poitiers</a>", page);
        Assert.Contains("href=\"/t/haut-poitou/\">Haut-Poitou</a>", page);
    }

    [Fact]
    public async Task ServeEachOfTheSevenTerritoriesUnderItsPrefixAndItsHost()
    {
        var client = Factory.CreateClient();
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
        var response = await Factory.CreateClient().GetAsync("/t/nulle-part/", TestContext.Current.CancellationToken);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Territoire inconnu", page);
        Assert.Contains("Aucun territoire « nulle-part » n’utilise Assett.", page);
    }
}
