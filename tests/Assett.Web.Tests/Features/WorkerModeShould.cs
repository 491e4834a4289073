using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Assett.Data;
using Assett.Web.Features.Shared.Jobs;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;

namespace Assett.Web.Tests.Features;

/// <summary>
/// The README's worker command: the same host with <c>--worker</c> runs the territories' jobs from the
/// shared PostgreSQL storage and listens to nothing. It runs as a real process here.
/// </summary>
public sealed class WorkerModeShould(PostgresServer server)
{
    private readonly ConcurrentQueue<string?> _output = new();

    [Fact]
    public async Task RunTheJobsOfTheSharedStorageAndListenToNothing()
    {
        var database = await server.CreateDatabaseAsync();
        var port = FreePort();
        using var worker = Start(database, port);
        try
        {
            await WaitForAsync(database,
                $"SELECT count(*) FROM hangfire.set WHERE key = 'recurring-jobs' AND value = 'reminders:{TestTerritories.First}'", worker);
            // Registered after the territories' jobs: triggering it before it exists would do nothing.
            await WaitForAsync(database,
                $"SELECT count(*) FROM hangfire.set WHERE key = 'recurring-jobs' AND value = '{TenantSchedules.HousekeepingJob}'", worker);
            var options = new PostgreSqlStorageOptions { SchemaName = DatabaseMigrator.HangfireSchema, PrepareSchemaIfNecessary = false };
            var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(database.AppConnectionString, options), options);
            // Hangfire's log provider is process-wide: another test class's host, disposed by now, may have set it.
            Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
            new RecurringJobManager(storage).Trigger(TenantSchedules.HousekeepingJob);
            await WaitForAsync(database, "SELECT count(*) FROM hangfire.job WHERE statename = 'Succeeded'", worker);

            var listening = await ListensAsync(port);

            Assert.False(listening, $"the worker answers on port {port}");
            Assert.False(worker.HasExited);
        }
        finally
        {
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    private Process Start(TestDatabase database, int port)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Assett.Web.dll"), "--worker", "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.Combine(RepositoryRoot.Find(), "src", "Assett.Web"),
            RedirectStandardOutput = true, RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development", ["ConnectionStrings__Assett"] = database.AppConnectionString,
                ["ConnectionStrings__AssettAdmin"] = database.AdminConnectionString, ["Assett__TenantsConfig"] = TestTerritories.Folder,
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => _output.Enqueue(line.Data);
        process.ErrorDataReceived += (_, line) => _output.Enqueue(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits up to two minutes for the query to count at least one row; says what the worker printed if not.</summary>
    private async Task WaitForAsync(TestDatabase database, string query, Process worker)
    {
        await using var connection = new NpgsqlConnection(database.AdminConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromMinutes(2); waited += TimeSpan.FromMilliseconds(500))
        {
            await using var command = new NpgsqlCommand(query, connection);
            if ((long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))! > 0) return;
            if (worker.HasExited) Assert.Fail($"The worker stopped ({worker.ExitCode}):\n{Printed}");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"Nothing for « {query} » after two minutes; the worker printed:\n{Printed}");
    }

    private string Printed => string.Join("\n", _output.TakeLast(30));

    private static async Task<bool> ListensAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
