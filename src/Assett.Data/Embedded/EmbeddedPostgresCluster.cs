using Microsoft.Extensions.Logging;
using Npgsql;

namespace Assett.Data.Embedded;

/// <summary>
/// A running embedded cluster, shared by the processes that use it: each holds a lease, and
/// disposing the last one stops the server, whichever process started it (docs/decisions.md). A
/// throwaway cluster is also deleted.
/// </summary>
public sealed class EmbeddedPostgresCluster : IAsyncDisposable
{
    private readonly EmbeddedPostgresOptions _options;
    private readonly ClusterLayout _layout;
    private readonly PostgresBinaries _binaries;
    private readonly ILogger _logger;
    private readonly ClusterLease _lease;
    private bool _disposed;

    internal EmbeddedPostgresCluster(EmbeddedPostgresOptions options, ClusterLayout layout, PostgresBinaries binaries,
        int port, bool startedHere, ClusterLease lease, ILogger logger)
    {
        _lease = lease;
        _options = options;
        _layout = layout;
        _binaries = binaries;
        _logger = logger;
        Port = port;
        StartedHere = startedHere;
    }

    public int Port { get; }

    /// <summary>Whether this process started the server (it may still be stopped by another: the last one out).</summary>
    public bool StartedHere { get; }
    public int MajorVersion => _binaries.MajorVersion;
    public string DataDirectory => _layout.Data;
    public string LogFile => _layout.LogFile;

    /// <summary>The owner of the application's tables: migrations and schema installs.</summary>
    public string AdminConnectionString => ConnectionString(_options.OwnerRole, _options.Database);

    /// <summary>The application role: every request, job and command.</summary>
    public string AppConnectionString => ConnectionString(_options.AppRole, _options.Database);

    /// <summary>Through the cluster's Unix socket: a round trip costs far less CPU than over loopback TCP.</summary>
    public string ConnectionString(string role, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = _layout.SocketDirectory,
        Port = Port,
        Username = role,
        Database = database,
        IncludeErrorDetail = true,
        // Below the server's max_connections, shared by every process: a burst waits for a connection instead of being refused.
        MaxPoolSize = MaxPoolSize,
    }.ConnectionString;

    public const int MaxPoolSize = 60;

    /// <summary>Creates a database owned by the owner role, optionally as a copy of a template database.</summary>
    public async Task CreateDatabaseAsync(string name, string? template = null)
    {
        var sql = $"CREATE DATABASE {Identifier(name)} OWNER {Identifier(_options.OwnerRole)}"
            + (template is null ? "" : $" TEMPLATE {Identifier(template)}");
        await ExecuteAsSuperuserAsync(sql);
    }

    public Task DropDatabaseAsync(string name) =>
        ExecuteAsSuperuserAsync($"DROP DATABASE IF EXISTS {Identifier(name)} WITH (FORCE)");

    internal async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres", "postgres"));
                await connection.OpenAsync();
                return;
            }
            catch (Exception e) when (e is NpgsqlException or PostgresException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
            catch (Exception e) when (e is NpgsqlException or PostgresException)
            {
                throw new EmbeddedPostgresException(
                    $"The embedded PostgreSQL on port {Port} did not accept connections within {timeout.TotalSeconds:0} s. " +
                    $"End of {_layout.LogFile}:\n{_layout.LogTail()}", e);
            }
        }
    }

    internal async Task EnsureRolesAndDatabaseAsync()
    {
        var owner = Identifier(_options.OwnerRole);
        var app = Identifier(_options.AppRole);
        await ExecuteAsSuperuserAsync($"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{_options.OwnerRole}') THEN
                CREATE ROLE {owner} LOGIN;
              END IF;
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{_options.AppRole}') THEN
                CREATE ROLE {app} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
              END IF;
            END $$;
            """);
        await using var connection = new NpgsqlConnection(ConnectionString("postgres", "postgres"));
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
        {
            Parameters = { new() { Value = _options.Database } },
        };
        if (await exists.ExecuteScalarAsync() is null)
            await CreateDatabaseAsync(_options.Database);
    }

    private async Task ExecuteAsSuperuserAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres", "postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        NpgsqlConnection.ClearAllPools();
        // Under the launchers' lock: a host starting meanwhile waits for the stop, then starts the cluster
        // anew, instead of taking for running a server that is going away.
        await using var launcherLock = await LauncherLock.AcquireAsync(_layout.LockFile, _options.StartTimeout);
        var others = _lease.OthersLive(_layout);
        _lease.Dispose();
        if (others > 0)
        {
            _logger.LogInformation("Embedded PostgreSQL on port {Port} left running: {Others} other Assett process(es) still use it", Port, others);
            return;
        }
        var mode = _options.Ephemeral ? "immediate" : "fast";
        var result = await ProcessRunner.RunAsync(_binaries.PgCtl, ["-D", _layout.Data, "-m", mode, "-w", "stop"],
            TimeSpan.FromSeconds(60), ProcessRunner.RunsAsRoot);
        if (result.ExitCode != 0)
            _logger.LogWarning("Stopping the embedded PostgreSQL failed: {Output}", result.Output);
        else
            _logger.LogInformation("Embedded PostgreSQL on port {Port} stopped", Port);

        if (_options.Ephemeral)
        {
            TryDelete(_layout.Root);
            TryDelete(_layout.SocketDirectory);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
