using System.Security.Cryptography;
using System.Text;
using Assett.Data.Embedded;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Assett.Data;

/// <summary>
/// Where Assett's database is: the configured server (<c>ConnectionStrings__Assett</c>), or else the
/// embedded development cluster, started or reused, and migrated. Disposing stops a cluster this
/// process started.
/// </summary>
public sealed class AssettDatabase : IAsyncDisposable
{
    private AssettDatabase(string appConnectionString, string adminConnectionString, EmbeddedPostgresCluster? embedded)
    {
        AppConnectionString = appConnectionString;
        AdminConnectionString = adminConnectionString;
        Embedded = embedded;
    }

    /// <summary>The application role: owns nothing, does not bypass row-level security.</summary>
    public string AppConnectionString { get; }

    /// <summary>The owner: migrations and grants.</summary>
    public string AdminConnectionString { get; }

    public EmbeddedPostgresCluster? Embedded { get; }

    public static async Task<AssettDatabase> OpenAsync(IConfiguration configuration, ILogger logger)
    {
        if (configuration.GetConnectionString("Assett") is { Length: > 0 } app)
        {
            var admin = configuration.GetConnectionString("AssettAdmin") is { Length: > 0 } owner ? owner : app;
            await ApplicationRole.EnsureItCannotBypassRowSecurityAsync(app, logger);
            return new AssettDatabase(app, admin, embedded: null);
        }

        var options = new EmbeddedPostgresOptions
        {
            RootDirectory = configuration["Assett:EmbeddedPostgres:RootDirectory"] ?? DevelopmentClusterRoot(),
            BinDirectory = configuration["Assett:EmbeddedPostgres:BinDirectory"],
        };
        logger.LogInformation("No ConnectionStrings__Assett configured: using the embedded PostgreSQL in {Root}", options.RootDirectory);
        var cluster = await EmbeddedPostgres.StartAsync(options, logger);
        var database = new AssettDatabase(cluster.AppConnectionString, cluster.AdminConnectionString, cluster);
        try
        {
            // Nobody else would migrate a private development cluster.
            await DatabaseMigrator.MigrateAsync(database.AdminConnectionString, database.AppConnectionString, logger);
            if (await Platform.DatabasePurpose.GetAsync(database.AppConnectionString) is null)
                await Platform.DatabasePurpose.MarkAsync(database.AdminConnectionString, Platform.DatabasePurpose.Development);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
        return database;
    }

    /// <summary>
    /// <c>.assett/postgres</c> in the checkout; as root, a folder under <c>/var/tmp</c> named after the
    /// checkout, because the <c>postgres</c> user cannot traverse <c>/root</c>.
    /// </summary>
    public static string DevelopmentClusterRoot()
    {
        var repository = RepositoryRoot.Find();
        if (!Environment.IsPrivilegedProcess) return Path.Combine(repository, ".assett", "postgres");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repository)))[..12];
        return Path.Combine("/var/tmp", $"assett-{hash}");
    }

    /// <summary>A description safe to print: server, database and role, never a password.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database} as {builder.Username}";
    }

    public ValueTask DisposeAsync() => Embedded?.DisposeAsync() ?? ValueTask.CompletedTask;
}
