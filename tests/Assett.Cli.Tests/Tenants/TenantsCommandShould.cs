using Assett.Data;

namespace Assett.Cli.Tests.Tenants;

public sealed class TenantsCommandShould(PostgresServer server) : IDisposable
{
    private static readonly string Repository = Path.Combine(RepositoryRoot.Find(), "tenants-config");
    private static readonly string Example = Path.Combine(RepositoryRoot.Find(), "tests", "Assett.Data.Tests", "Onboarding", "Example");
    private readonly string _broken = Directory.CreateTempSubdirectory("assett-tenants-").FullName;

    /// <summary>The real territories: every folder of tenants-config/ with a tenant.yaml, whatever they hold.</summary>
    private static readonly List<string> RepositoryTenants =
        [.. Directory.GetDirectories(Repository).Where(d => File.Exists(Path.Combine(d, "tenant.yaml")))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Fact]
    public async Task ValidateTheRepositoryConfiguration()
    {
        var run = await CliRun.RunAsync("tenants", "validate", Repository);

        Assert.Equal(0, run.ExitCode);
        Assert.NotEmpty(RepositoryTenants);
        Assert.Equal($"{RepositoryTenants.Count} tenant(s) valid: {string.Join(", ", RepositoryTenants)}", run.Output.Trim());
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task ApplyTheRepositoryConfigurationThenFindNothingToChange()
    {
        var settings = CliRun.On(await server.CreateDatabaseAsync());

        var first = await CliRun.RunAsync(settings, "tenants", "apply", Repository);
        var second = await CliRun.RunAsync(settings, "tenants", "apply", Repository);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.All(RepositoryTenants, slug => Assert.Contains($"{slug}: create tenant", first.Output));
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.All(RepositoryTenants, slug => Assert.Contains($"{slug}: unchanged", second.Output));
        Assert.Contains($"{RepositoryTenants.Count} tenant(s), 0 change(s)", second.Output);
    }

    [Fact]
    public async Task ExitWithOneAndTheMistakesOfABrokenConfiguration()
    {
        Directory.CreateDirectory(Path.Combine(_broken, "x"));
        File.WriteAllText(Path.Combine(_broken, "x", "tenant.yaml"), "identifier: x\nname: X\ntime_zone: Mars/Olympus\nreferential:\n  base: absent\n");

        var run = await CliRun.RunAsync("tenants", "validate", _broken);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("x/tenant.yaml:3: time_zone: unknown IANA time zone 'Mars/Olympus'", run.Error);
        Assert.Contains("x/tenant.yaml:5: referential.base: referential 'absent' not found", run.Error);
    }

    [Fact]
    public async Task ApplyThenFindNothingToChangeThenList()
    {
        var settings = CliRun.On(await server.CreateDatabaseAsync());

        var dryRun = await CliRun.RunAsync(settings, "tenants", "apply", Example, "--dry-run");
        var first = await CliRun.RunAsync(settings, "tenants", "apply", Example);
        var second = await CliRun.RunAsync(settings, "tenants", "apply", Example);
        var list = await CliRun.RunAsync(settings, "tenants", "list");

        Assert.Contains("grand-poitiers: would create tenant « Grand Poitiers »", dryRun.Output);
        Assert.Contains("(dry run: nothing saved)", dryRun.Output);
        Assert.Contains("grand-poitiers: create tenant « Grand Poitiers »", first.Output);
        Assert.Contains("grand-poitiers: unchanged", second.Output);
        Assert.Contains("haut-poitou: unchanged", second.Output);
        Assert.Contains("2 tenant(s), 0 change(s)", second.Output);
        Assert.Contains("grand-poitiers", list.Output);
        Assert.Contains("demo-entreprises · ", list.Output);
    }

    public void Dispose() => Directory.Delete(_broken, recursive: true);
}
