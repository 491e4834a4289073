using System.Net;

namespace Assett.Web.Tests;

public sealed class HealthShould(PostgresServer server)
{
    [Fact]
    public async Task AnswerHealthyWhenTheDatabaseAnswers()
    {
        await using var factory = new AssettWebFactory(await server.CreateDatabaseAsync());

        var response = await factory.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnswerUnavailableWhenTheDatabaseDoesNot()
    {
        // Nothing listens on port 1; outside Development the host starts without migrating.
        const string nowhere = "Host=127.0.0.1;Port=1;Username=assett_app;Database=assett;Timeout=2";
        await using var factory = new AssettWebFactory(nowhere, nowhere, environment: "Testing");

        var response = await factory.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
