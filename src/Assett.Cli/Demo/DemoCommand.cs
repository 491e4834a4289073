using System.CommandLine;
using Assett.Data;
using Assett.Data.Demo;
using Microsoft.Extensions.Configuration;

namespace Assett.Cli.Demo;

/// <summary>
/// <c>assett demo seed --tenant &lt;slug&gt; --organisations N [--campaigns K]</c>, <c>demo passwords</c>, <c>demo officer</c> and
/// <c>demo admin</c>.
/// </summary>
public static class DemoCommand
{
    public static Command Create(IConfiguration configuration)
    {
        var tenant = new Option<string>("--tenant") { Description = "The territory's identifier, e.g. grand-poitiers.", Required = true };
        var organisations = new Option<int>("--organisations") { Description = "How many organisations to generate.", Required = true };
        var campaigns = new Option<int>("--campaigns") { Description = "How many yearly campaigns (the last one open).", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same data.", DefaultValueFactory = _ => 1 };
        var seedCommand = new Command("seed", "Generate organisations and assessments for demonstrations and load tests (development or demo databases only).")
        {
            tenant, organisations, campaigns, seed,
        };
        // On the options, not the command: a command's validator reads 0 for an option left to its default.
        organisations.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError("--organisations must be at least 1");
        });
        campaigns.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 10) result.AddError("--campaigns must be between 1 and 10");
        });
        seedCommand.SetAction(CommandRunner.Run(async (parseResult, logger, output, cancellationToken) =>
        {
            await using var database = await AssettDatabase.OpenAsync(configuration, logger);
            var options = new DemoSeedOptions(parseResult.GetValue(tenant)!, parseResult.GetValue(organisations),
                parseResult.GetValue(campaigns), parseResult.GetValue(seed));
            try
            {
                var result = await new DemoSeeder(database.AppConnectionString, TimeProvider.System)
                    .SeedAsync(options, progress => logger.LogProgress(progress), cancellationToken);
                await output.WriteLineAsync($"{options.Tenant}: {result.Organisations} organisations, {result.Assessments} assessments, " +
                    $"{result.Statuses} task statuses in {result.Elapsed.TotalSeconds:0.0} s");
                return 0;
            }
            catch (DemoSeedException e)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        }));
        var command = new Command("demo", "Demonstration and load data.");
        command.Subcommands.Add(seedCommand);
        command.Subcommands.Add(PasswordsCommand(configuration));
        command.Subcommands.Add(OfficerCommand(configuration));
        command.Subcommands.Add(AdminCommand(configuration));
        return command;
    }

    /// <summary><c>assett demo officer --tenant &lt;slug&gt; --password P</c>: the territory's demonstration officer (dashboard load tests).</summary>
    private static Command OfficerCommand(IConfiguration configuration)
    {
        var tenant = new Option<string>("--tenant") { Description = "The territory's identifier, e.g. grand-poitiers.", Required = true };
        var password = new Option<string>("--password") { Description = "The officer's password.", Required = true };
        var officer = new Command("officer",
            "Create the territory's demonstration officer, or give it this password, and print its address (development or demo databases only).")
        {
            tenant, password,
        };
        officer.SetAction(CommandRunner.Run(async (parseResult, logger, output, cancellationToken) =>
        {
            await using var database = await AssettDatabase.OpenAsync(configuration, logger);
            try
            {
                await output.WriteLineAsync(await DemoAccounts.SetOfficerAsync(database.AppConnectionString, parseResult.GetValue(tenant)!,
                    parseResult.GetValue(password)!, cancellationToken));
                return 0;
            }
            catch (DemoSeedException e)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        }));
        return officer;
    }

    /// <summary><c>assett demo admin --password P</c>: the demonstration platform administrator (national load tests).</summary>
    private static Command AdminCommand(IConfiguration configuration)
    {
        var password = new Option<string>("--password") { Description = "The administrator's password.", Required = true };
        var admin = new Command("admin",
            "Create the demonstration platform administrator, or give it this password, and print its address (development or demo databases only).")
        {
            password,
        };
        admin.SetAction(CommandRunner.Run(async (parseResult, logger, output, cancellationToken) =>
        {
            await using var database = await AssettDatabase.OpenAsync(configuration, logger);
            try
            {
                await output.WriteLineAsync(await DemoAccounts.SetAdministratorAsync(database.AppConnectionString, parseResult.GetValue(password)!,
                    cancellationToken));
                return 0;
            }
            catch (DemoSeedException e)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        }));
        return admin;
    }

    /// <summary><c>assett demo passwords --tenant &lt;slug&gt; --count N --password P</c>: sign-in for a few seeded owners (load tests).</summary>
    private static Command PasswordsCommand(IConfiguration configuration)
    {
        var tenant = new Option<string>("--tenant") { Description = "The territory's identifier, e.g. grand-poitiers.", Required = true };
        var count = new Option<int>("--count") { Description = "How many seeded owners get the password.", Required = true };
        var password = new Option<string>("--password") { Description = "The password they get.", Required = true };
        var passwords = new Command("passwords", "Give seeded owners a password, and print their addresses (development or demo databases only).")
        {
            tenant, count, password,
        };
        passwords.SetAction(CommandRunner.Run(async (parseResult, logger, output, cancellationToken) =>
        {
            await using var database = await AssettDatabase.OpenAsync(configuration, logger);
            try
            {
                var emails = await DemoAccounts.SetPasswordsAsync(database.AppConnectionString, parseResult.GetValue(tenant)!, parseResult.GetValue(count),
                    parseResult.GetValue(password)!, cancellationToken);
                foreach (var email in emails) await output.WriteLineAsync(email);
                return emails.Count > 0 ? 0 : 1;
            }
            catch (DemoSeedException e)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        }));
        return passwords;
    }

    private static void LogProgress(this Microsoft.Extensions.Logging.ILogger logger, string progress) =>
        Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(logger, "{Progress}", progress);
}
