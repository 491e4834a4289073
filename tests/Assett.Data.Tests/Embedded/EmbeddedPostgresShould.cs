using System.Diagnostics;
using Assett.Data.Embedded;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Assett.Data.Tests.Embedded;

/// <summary>Each test runs its own cluster in its own folder: these are the launcher's own tests.</summary>
public sealed class EmbeddedPostgresShould : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"assett-launcher-{Guid.NewGuid():N}");
    private readonly List<EmbeddedPostgresCluster> _started = [];

    [Fact]
    public async Task StartAClusterWhereTheAppRoleOwnsNothingAndCannotBypassRowSecurity()
    {
        var cluster = await StartAsync();

        await using var connection = new NpgsqlConnection(cluster.AppConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var role = await ScalarAsync<string>(connection,
            "SELECT current_user || ' ' || rolsuper || ' ' || rolbypassrls FROM pg_roles WHERE rolname = current_user");
        Assert.Equal("assett_app false false", role);
        Assert.True(cluster.StartedHere);
    }

    [Fact]
    public async Task ReuseARunningClusterAndStopItWhenTheLastUserLeaves()
    {
        var first = await StartAsync();
        var second = await StartAsync();

        Assert.False(second.StartedHere);
        Assert.Equal(first.Port, second.Port);
        await second.DisposeAsync();
        Assert.Equal(1, await CountAsync(first, "SELECT 1"));
        await first.DisposeAsync();
        Assert.Null(PostmasterPidFile.Read(first.DataDirectory));
    }

    [Fact]
    public async Task KeepServingTheOthersWhenTheProcessThatStartedItEnds()
    {
        var starter = await StartAsync(); // a CLI command that found no server
        var host = await StartAsync();    // a web host started meanwhile

        await starter.DisposeAsync();

        Assert.Equal(1, await CountAsync(host, "SELECT 1"));
        await host.DisposeAsync();
        Assert.Null(PostmasterPidFile.Read(host.DataDirectory));
    }

    [Fact]
    public async Task IgnoreTheLeaseOfAProcessThatDied()
    {
        var cluster = await StartAsync();
        // A killed process's lease: its file stays, its lock went with it.
        await File.WriteAllTextAsync(Path.Combine(_root, "leases", "999999-dead.lease"), "", TestContext.Current.CancellationToken);

        await cluster.DisposeAsync();

        Assert.Null(PostmasterPidFile.Read(cluster.DataDirectory));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "leases")));
    }

    [Fact]
    public async Task KeepCommittedDataAcrossRestarts()
    {
        var first = await StartAsync();
        await ExecuteAsync(first, "CREATE TABLE kept (value int); INSERT INTO kept VALUES (42)");
        await first.DisposeAsync();

        var second = await StartAsync();

        Assert.True(second.StartedHere);
        Assert.Equal(1, await CountAsync(second, "SELECT count(*) FROM kept WHERE value = 42"));
    }

    [Fact]
    public async Task StartAfreshWhenTheProcessThatStartedTheClusterIsStoppingIt()
    {
        var first = await StartAsync();
        await ExecuteAsync(first, "CREATE TABLE kept (value int); INSERT INTO kept VALUES (3)");

        var stopping = first.DisposeAsync().AsTask(); // a host shutting down while the next one starts
        var second = await StartAsync();
        await stopping;

        Assert.True(second.StartedHere);
        Assert.Equal(1, await CountAsync(second, "SELECT count(*) FROM kept WHERE value = 3"));
    }

    [Fact]
    public async Task RecoverAfterTheServerWasKilled()
    {
        var first = await StartAsync();
        await ExecuteAsync(first, "CREATE TABLE kept (value int); INSERT INTO kept VALUES (7)");
        NpgsqlConnection.ClearAllPools();
        var pid = PostmasterPidFile.Read(first.DataDirectory)!.ProcessId;
        using (var server = Process.GetProcessById(pid))
        {
            server.Kill();
            await server.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var second = await StartAsync();

        Assert.True(second.StartedHere);
        Assert.Equal(1, await CountAsync(second, "SELECT count(*) FROM kept WHERE value = 7"));
    }

    [Fact]
    public async Task TreatAPidFileNamingAnotherLiveProcessAsStale()
    {
        var first = await StartAsync();
        var dataDirectory = first.DataDirectory;
        await first.DisposeAsync();
        // A pid reused after a reboot or in a container: alive, but not our server.
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "postmaster.pid"),
            $"{Environment.ProcessId}\n{dataDirectory}\n0\n5999\n", TestContext.Current.CancellationToken);

        var second = await StartAsync();

        Assert.True(second.StartedHere);
        Assert.NotEqual(Environment.ProcessId, PostmasterPidFile.Read(dataDirectory)!.ProcessId);
    }

    [Fact]
    public async Task RecreateAClusterWhoseInitialisationWasInterrupted()
    {
        Directory.CreateDirectory(Path.Combine(_root, "data"));
        await File.WriteAllTextAsync(Path.Combine(_root, "data", "PG_VERSION"), "15\n", TestContext.Current.CancellationToken);

        var cluster = await StartAsync();

        Assert.Equal(1, await CountAsync(cluster, "SELECT 1"));
    }

    [Fact]
    public async Task StartDespiteALeftoverLockFile()
    {
        Directory.CreateDirectory(_root);
        await File.WriteAllTextAsync(Path.Combine(_root, "launcher.lock"), "", TestContext.Current.CancellationToken);

        var cluster = await StartAsync();

        Assert.True(cluster.StartedHere);
    }

    [Fact]
    public async Task RefuseADataDirectoryOfAnotherMajorVersionWithAClearMessage()
    {
        var first = await StartAsync();
        await first.DisposeAsync();
        await File.WriteAllTextAsync(Path.Combine(first.DataDirectory, "PG_VERSION"), "9\n", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(StartAsync);

        Assert.Contains("created by PostgreSQL 9", error.Message);
        Assert.Contains("apt-get install postgresql-9", error.Message);
        Assert.Contains(_root, error.Message);
    }

    [Fact]
    public async Task ExplainHowToInstallPostgresWhenNoBinariesAreFound()
    {
        var empty = Directory.CreateTempSubdirectory("assett-no-postgres-").FullName;

        var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(() =>
            PostgresBinaries.FindAsync(null, null, pgConfig: "assett-no-such-pg_config", searchRoot: empty));

        Assert.Contains("apt-get install postgresql", error.Message);
        Assert.Contains("ConnectionStrings__Assett", error.Message);
        Directory.Delete(empty);
    }

    [Fact]
    public async Task NameAConfiguredBinaryFolderThatHoldsNoServer()
    {
        var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(() =>
            PostgresBinaries.FindAsync("/nonexistent/postgresql/bin"));

        Assert.Contains("/nonexistent/postgresql/bin", error.Message);
        Assert.Contains("apt-get install postgresql", error.Message);
    }

    private async Task<EmbeddedPostgresCluster> StartAsync()
    {
        var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { RootDirectory = _root }, NullLogger.Instance);
        _started.Add(cluster);
        return cluster;
    }

    private static async Task ExecuteAsync(EmbeddedPostgresCluster cluster, string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(EmbeddedPostgresCluster cluster, string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.AdminConnectionString);
        await connection.OpenAsync();
        return Convert.ToInt64(await ScalarAsync<object>(connection, sql));
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        // The last one out stops the cluster.
        for (var i = _started.Count - 1; i >= 0; i--) await _started[i].DisposeAsync();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
