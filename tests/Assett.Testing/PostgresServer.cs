using Assett.Data;
using Assett.Data.Embedded;
using Assett.Data.Platform;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Assett.Testing;

/// <summary>
/// One throwaway PostgreSQL cluster per test assembly (an xunit assembly fixture), with a migrated
/// template database; each test class takes its own copy with <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string Template = "assett_template";
    private static int _databaseCount;
    private EmbeddedPostgresCluster? _cluster;

    public EmbeddedPostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        _cluster = await EmbeddedPostgres.StartAsync(TestClusterOptions(), NullLogger.Instance);
        await Cluster.CreateDatabaseAsync(Template);
        // Unpooled, so no idle connection keeps the template busy when it is copied.
        await DatabaseMigrator.MigrateAsync(
            Unpooled(Cluster.ConnectionString("assett_owner", Template)),
            Unpooled(Cluster.ConnectionString("assett_app", Template)),
            NullLogger.Instance);
        await DatabasePurpose.MarkAsync(Unpooled(Cluster.ConnectionString("assett_owner", Template)), DatabasePurpose.Development);
    }

    /// <summary>A fresh, migrated database of this cluster.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync()
    {
        var name = $"assett_test_{Interlocked.Increment(ref _databaseCount)}";
        await Cluster.CreateDatabaseAsync(name, Template);
        return new TestDatabase(
            Cluster.ConnectionString("assett_app", name),
            Cluster.ConnectionString("assett_owner", name));
    }

    public static EmbeddedPostgresOptions TestClusterOptions(string? root = null) => new()
    {
        RootDirectory = root ?? Path.Combine(Path.GetTempPath(), $"assett-test-{Guid.NewGuid():N}"),
        Ephemeral = true,
    };

    private static string Unpooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}

/// <summary>A database of the test cluster: the application role's and the owner's connection strings.</summary>
public sealed record TestDatabase(string AppConnectionString, string AdminConnectionString);
