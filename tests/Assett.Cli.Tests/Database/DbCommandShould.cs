using Assett.Data;
using Microsoft.EntityFrameworkCore;

namespace Assett.Cli.Tests.Database;

public sealed class DbCommandShould(PostgresServer server)
{
    [Fact]
    public async Task MigrateAnEmptyDatabase()
    {
        var name = $"assett_empty_{Guid.NewGuid():N}";
        await server.Cluster.CreateDatabaseAsync(name);
        var database = new TestDatabase(server.Cluster.ConnectionString("assett_app", name), server.Cluster.ConnectionString("assett_owner", name));

        var run = await CliRun.RunAsync(CliRun.On(database), "db", "migrate");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{name} as assett_owner is up to date", run.Output);
        await using var context = AssettDbContextOptions.Create(database.AppConnectionString);
        Assert.Empty(await context.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await context.Tenants.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PrintWhereTheDatabaseIsAndItsMigrations()
    {
        var database = await server.CreateDatabaseAsync();

        var run = await CliRun.RunAsync(CliRun.On(database), "db", "info");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Configured PostgreSQL server", run.Output);
        Assert.Contains("as assett_app", run.Output);
        var migrations = typeof(AssettDbContext).Assembly.GetTypes()
            .Count(t => t.IsDefined(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false));
        Assert.Contains($"Applied migrations ({migrations}):", run.Output);
        Assert.Contains("_Accounts", run.Output);
        Assert.Contains("_PlatformSettings", run.Output);
        Assert.Contains("Purpose:          development", run.Output);
        Assert.Contains("_TenantData", run.Output);
        Assert.Contains("_Initial", run.Output);
        Assert.Contains("No pending migration.", run.Output);
        Assert.DoesNotContain("Password", run.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ExplainAnUnreachableDatabaseWithoutAStackTrace()
    {
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Assett"] = "Host=127.0.0.1;Port=1;Username=a;Database=b;Timeout=2" };

        var run = await CliRun.RunAsync(settings, "db", "info");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the database did not answer", run.Error);
        Assert.Contains("ConnectionStrings__Assett", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }
}
