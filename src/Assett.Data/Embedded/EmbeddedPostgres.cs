using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Assett.Data.Embedded;

/// <summary>
/// Starts (or reuses) a private PostgreSQL cluster from the machine's binaries, for development and
/// tests, when no connection string is configured. Production never uses it.
/// </summary>
public static class EmbeddedPostgres
{
    private const int PortAttempts = 5;

    public static async Task<EmbeddedPostgresCluster> StartAsync(EmbeddedPostgresOptions options, ILogger logger)
    {
        var layout = new ClusterLayout(options.RootDirectory);
        Directory.CreateDirectory(layout.Root);
        await ProcessRunner.GiveToPostgresAsync(layout.Root);
        await using var launcherLock = await LauncherLock.AcquireAsync(layout.LockFile, options.StartTimeout);

        var existingMajor = layout.ExistingMajorVersion();
        var binaries = await PostgresBinaries.FindAsync(options.BinDirectory, existingMajor);
        if (existingMajor is { } major && major != binaries.MajorVersion)
            throw new EmbeddedPostgresException(
                $"The cluster in {layout.Data} was created by PostgreSQL {major}, but the binaries found are PostgreSQL " +
                $"{binaries.MajorVersion} ({binaries.BinDirectory}). Install PostgreSQL {major} " +
                $"(Debian: 'sudo apt-get install postgresql-{major}') or set Assett__EmbeddedPostgres__BinDirectory to its bin folder; " +
                $"or, if its data may be lost, delete {layout.Root} and a new cluster will be created.");

        if (await ReuseRunningAsync(layout, options, binaries, logger) is { } running)
            return running;

        if (!File.Exists(layout.Marker))
            await InitializeAsync(layout, binaries, logger);

        var port = await StartServerAsync(layout, options, binaries, logger);
        var cluster = new EmbeddedPostgresCluster(options, layout, binaries, port, startedHere: true, ClusterLease.Take(layout), logger);
        try
        {
            await cluster.WaitUntilReadyAsync(options.StartTimeout);
            await cluster.EnsureRolesAndDatabaseAsync();
            await File.WriteAllTextAsync(layout.Marker, DateTime.UtcNow.ToString("O"));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        logger.LogInformation("Embedded PostgreSQL {Major} started on 127.0.0.1:{Port}, data in {Data}, log in {Log}",
            binaries.MajorVersion, port, layout.Data, layout.LogFile);
        return cluster;
    }

    private static async Task<EmbeddedPostgresCluster?> ReuseRunningAsync(ClusterLayout layout,
        EmbeddedPostgresOptions options, PostgresBinaries binaries, ILogger logger)
    {
        if (PostmasterPidFile.Read(layout.Data) is not { } pidFile) return null;
        if (!pidFile.IsLiveServerOf(layout.Data))
        {
            if (pidFile.ProcessIsAlive)
            {
                // The pid was reused (after a reboot, in a container); PostgreSQL would refuse to start.
                logger.LogWarning("Removing the stale postmaster.pid in {Data}: pid {Pid} is now another process",
                    layout.Data, pidFile.ProcessId);
                PostmasterPidFile.Delete(layout.Data);
                layout.ClearSocketDirectory();
            }
            else
            {
                // PostgreSQL removes its own stale pid file once it has checked no old backend still runs.
                logger.LogWarning("The embedded PostgreSQL of {Data} was stopped abruptly (pid {Pid}); restarting it with crash recovery",
                    layout.Data, pidFile.ProcessId);
            }
            return null;
        }
        var lease = ClusterLease.Take(layout);
        var cluster = new EmbeddedPostgresCluster(options, layout, binaries, pidFile.Port, startedHere: false, lease, logger);
        try
        {
            await cluster.WaitUntilReadyAsync(options.StartTimeout);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
        logger.LogInformation("Using the embedded PostgreSQL already running on 127.0.0.1:{Port} (pid {Pid}, data in {Data})",
            pidFile.Port, pidFile.ProcessId, layout.Data);
        return cluster;
    }

    private static async Task InitializeAsync(ClusterLayout layout, PostgresBinaries binaries, ILogger logger)
    {
        if (Directory.Exists(layout.Data))
        {
            // No marker: a previous initdb was interrupted before anything could be stored.
            logger.LogWarning("Removing the half-initialised cluster in {Data}", layout.Data);
            Directory.Delete(layout.Data, recursive: true);
        }
        logger.LogInformation("Creating an embedded PostgreSQL {Major} cluster in {Data}", binaries.MajorVersion, layout.Data);
        var result = await ProcessRunner.RunAsync(binaries.InitDb,
            ["-D", layout.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"],
            TimeSpan.FromMinutes(2), ProcessRunner.RunsAsRoot);
        if (result.ExitCode != 0)
            throw new EmbeddedPostgresException($"initdb failed for {layout.Data}:\n{result.Output}");
    }

    private static async Task<int> StartServerAsync(ClusterLayout layout, EmbeddedPostgresOptions options,
        PostgresBinaries binaries, ILogger logger)
    {
        Directory.CreateDirectory(layout.SocketDirectory);
        await ProcessRunner.GiveToPostgresAsync(layout.SocketDirectory);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var logStart = layout.LogLength();
            // Room for the pools of a web host, a worker and a CLI command at once (EmbeddedPostgresCluster.MaxPoolSize each).
            var serverOptions = $"-c listen_addresses=127.0.0.1 -p {port} -k {Quote(layout.SocketDirectory)}"
                + (options.Ephemeral ? " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500" : " -c max_connections=300");
            var result = await ProcessRunner.RunAsync(binaries.PgCtl,
                ["-D", layout.Data, "-l", layout.LogFile, "-o", serverOptions, "-w", "-t", ((int)options.StartTimeout.TotalSeconds).ToString(), "start"],
                options.StartTimeout + TimeSpan.FromSeconds(10), ProcessRunner.RunsAsRoot);
            if (result.ExitCode == 0) return port;

            var log = layout.LogSince(logStart);
            if (log.Contains("Address already in use", StringComparison.Ordinal) && attempt < PortAttempts)
            {
                logger.LogWarning("Port {Port} was taken before PostgreSQL could bind it; trying another", port);
                continue;
            }
            if (log.Contains("shared memory block is still in use", StringComparison.Ordinal) && attempt < PortAttempts)
            {
                logger.LogWarning("Processes of the killed server are still exiting; retrying in a second");
                await Task.Delay(TimeSpan.FromSeconds(1));
                continue;
            }
            throw new EmbeddedPostgresException(
                $"PostgreSQL did not start (data in {layout.Data}):\n{result.Output}\nEnd of {layout.LogFile}:\n{log}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // pg_ctl hands -o to a shell.
    private static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";
}
