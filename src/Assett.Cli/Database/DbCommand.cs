using System.CommandLine;
using Assett.Data;
using Assett.Data.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Assett.Cli.Database;

/// <summary><c>assett db migrate</c> and <c>assett db info</c>.</summary>
public static class DbCommand
{
    public static Command Create(IConfiguration configuration)
    {
        var migrate = new Command("migrate",
            "Apply the pending migrations as the owner (ConnectionStrings__AssettAdmin) and grant the application role its rights.");
        migrate.SetAction(CommandRunner.Run(async (_, logger, output, cancellationToken) =>
        {
            await using var database = await AssettDatabase.OpenAsync(configuration, logger);
            await DatabaseMigrator.MigrateAsync(database.AdminConnectionString, database.AppConnectionString, logger, cancellationToken);
            await output.WriteLineAsync($"Database {AssettDatabase.Describe(database.AdminConnectionString)} is up to date.");
            return 0;
        }));

        var info = new Command("info", "Print where the database is and which migrations are applied.");
        info.SetAction(CommandRunner.Run(async (_, logger, output, cancellationToken) =>
        {
            await using var database = await AssettDatabase.OpenAsync(configuration, logger);
            await WriteInfoAsync(database, output, cancellationToken);
            return 0;
        }));

        var purpose = new Option<string>("--purpose") { Description = "development or demo.", Required = true };
        purpose.AcceptOnlyFromAmong(DatabasePurpose.Development, DatabasePurpose.Demo);
        var mark = new Command("mark", "Mark the database as a development or demo database (allows 'assett demo seed'), as the owner.") { purpose };
        mark.SetAction(CommandRunner.Run(async (parseResult, logger, output, cancellationToken) =>
        {
            await using var database = await AssettDatabase.OpenAsync(configuration, logger);
            await DatabasePurpose.MarkAsync(database.AdminConnectionString, parseResult.GetValue(purpose)!, cancellationToken);
            await output.WriteLineAsync($"Database {AssettDatabase.Describe(database.AdminConnectionString)} marked as {parseResult.GetValue(purpose)}.");
            return 0;
        }));

        var db = new Command("db", "The database: migrations, where it is, what it is for.");
        db.Subcommands.Add(migrate);
        db.Subcommands.Add(info);
        db.Subcommands.Add(mark);
        return db;
    }

    private static async Task<string> PurposeAsync(AssettDatabase database, CancellationToken cancellationToken)
    {
        try
        {
            return await DatabasePurpose.GetAsync(database.AppConnectionString, cancellationToken) ?? "production (unmarked)";
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            return "unknown (not migrated)";
        }
    }

    private static async Task WriteInfoAsync(AssettDatabase database, TextWriter output, CancellationToken cancellationToken)
    {
        if (database.Embedded is { } cluster)
        {
            await output.WriteLineAsync($"Embedded PostgreSQL {cluster.MajorVersion} on 127.0.0.1:{cluster.Port}");
            await output.WriteLineAsync($"  data: {cluster.DataDirectory}");
            await output.WriteLineAsync($"  log:  {cluster.LogFile}");
        }
        else
        {
            await output.WriteLineAsync("Configured PostgreSQL server (ConnectionStrings__Assett)");
        }
        await output.WriteLineAsync($"Application role: {AssettDatabase.Describe(database.AppConnectionString)}");
        await output.WriteLineAsync($"Owner role:       {AssettDatabase.Describe(database.AdminConnectionString)}");
        await output.WriteLineAsync($"Purpose:          {await PurposeAsync(database, cancellationToken)}");

        await using var context = AssettDbContextOptions.Create(database.AdminConnectionString);
        var applied = (await context.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await output.WriteLineAsync($"Applied migrations ({applied.Count}):");
        foreach (var migration in applied) await output.WriteLineAsync($"  {migration}");
        await output.WriteLineAsync(pending.Count == 0
            ? "No pending migration."
            : $"Pending migrations ({pending.Count}), applied by 'assett db migrate':");
        foreach (var migration in pending) await output.WriteLineAsync($"  {migration}");
    }
}
