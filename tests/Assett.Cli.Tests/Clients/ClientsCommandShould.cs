using Assett.Data;

namespace Assett.Cli.Tests.Clients;

public sealed class ClientsCommandShould(PostgresServer server)
{
    private static readonly string Example = Path.Combine(RepositoryRoot.Find(), "tests", "Assett.Data.Tests", "Onboarding", "Example");

    [Fact]
    public async Task RegisterAMachineClientOnceAndPrintItsSecret()
    {
        var settings = CliRun.On(await server.CreateDatabaseAsync());
        await CliRun.RunAsync(settings, "tenants", "apply", Example);

        var first = await CliRun.RunAsync(settings, "clients", "add", "--tenant", "grand-poitiers", "--name", "CRM Territoire",
            "--scopes", "organisations", "cohort");
        var again = await CliRun.RunAsync(settings, "clients", "add", "--tenant", "grand-poitiers", "--name", "CRM Territoire", "--scopes", "organisations");
        var unknown = await CliRun.RunAsync(settings, "clients", "add", "--tenant", "nulle-part", "--name", "CRM", "--scopes", "organisations");
        var badScope = await CliRun.RunAsync(settings, "clients", "add", "--tenant", "grand-poitiers", "--name", "Autre", "--scopes", "tout");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("client_id:     grand-poitiers.crm-territoire", first.Output);
        Assert.Matches(@"client_secret: [A-Za-z0-9_-]{43}", first.Output);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error);
        Assert.Contains("no tenant 'nulle-part'", unknown.Error);
        Assert.Contains("unknown scope(s) tout", badScope.Error);
        var interactive = await CliRun.RunAsync(settings, "clients", "add", "--tenant", "grand-poitiers", "--name", "Tableau de bord",
            "--scopes", "organisations", "--redirect-uri", "https://tableau.example/callback");
        Assert.True(interactive.ExitCode == 0, interactive.Error);
        Assert.Contains("client_id:     grand-poitiers.tableau-de-bord", interactive.Output);
        Assert.Contains("must use PKCE", interactive.Output);
    }
}
