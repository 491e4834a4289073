using Assett.Data.Onboarding;

namespace Assett.Cli.Tests.Demo;

public sealed class DemoCommandShould(PostgresServer server)
{
    [Fact]
    public async Task SeedWithItsDefaultsTwice()
    {
        var database = await server.CreateDatabaseAsync();
        var (tenants, _) = TenantsConfigReader.Read(TestTerritories.Folder);
        await new TenantsConfigApplier(database.AppConnectionString, TimeProvider.System)
            .ApplyAsync(tenants.Where(t => t.Identifier == TestTerritories.First), dryRun: false, "test", TestContext.Current.CancellationToken);

        var first = await CliRun.RunAsync(CliRun.On(database), "demo", "seed", "--tenant", TestTerritories.First, "--organisations", "6");
        var second = await CliRun.RunAsync(CliRun.On(database), "demo", "seed", "--tenant", TestTerritories.First, "--organisations", "6");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains($"{TestTerritories.First}: 6 organisations, 6 assessments", first.Output);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains($"{TestTerritories.First}: 6 organisations, 6 assessments", second.Output);
    }

    [Fact]
    public async Task RefuseACampaignCountOutOfRange()
    {
        var run = await CliRun.RunAsync("demo", "seed", "--tenant", TestTerritories.First, "--organisations", "6", "--campaigns", "0");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--campaigns must be between 1 and 10", run.Error);
    }
}
