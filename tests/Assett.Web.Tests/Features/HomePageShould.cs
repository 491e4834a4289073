using System.Net;

namespace Assett.Web.Tests.Features;

public sealed class HomePageShould(PostgresServer server) : WebHostTest(server)
{
    [Fact]
    public async Task ServeAFrenchPageStyledWithTheDsfr()
    {
        var client = Factory.CreateClient();

        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        var stylesheet = await client.GetAsync("/dsfr/dsfr.min.css", TestContext.Current.CancellationToken);

        Assert.Contains("<html lang=\"fr\"", page);
        Assert.Contains("Engager les acteurs économiques du territoire", page);
        Assert.Contains("href=\"/dsfr/dsfr.min.css\"", page);
        Assert.Equal(HttpStatusCode.OK, stylesheet.StatusCode);
        Assert.Equal("text/css", stylesheet.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnswerAnUnknownAddressWithAFrenchNotFoundPage()
    {
        var response = await Factory.CreateClient().GetAsync("/nulle-part", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page non trouvée", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
