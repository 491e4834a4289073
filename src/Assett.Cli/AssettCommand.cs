using System.CommandLine;
using Assett.Cli.Admins;
using Assett.Cli.Clients;
using Assett.Cli.Database;
using Assett.Cli.Demo;
using Assett.Cli.Referentials;
using Assett.Cli.Tenants;
using Microsoft.Extensions.Configuration;

namespace Assett.Cli;

/// <summary>The <c>assett</c> command: one sub-command per area.</summary>
public static class AssettCommand
{
    public const int UsageError = 2;

    public static RootCommand Create(IConfiguration configuration)
    {
        var root = new RootCommand("Assett: engager les acteurs du territoire dans la transition écologique.");
        root.Subcommands.Add(DbCommand.Create(configuration));
        root.Subcommands.Add(ReferentialCommand.Create());
        root.Subcommands.Add(TenantsCommand.Create(configuration));
        root.Subcommands.Add(DemoCommand.Create(configuration));
        root.Subcommands.Add(ClientsCommand.Create(configuration));
        root.Subcommands.Add(AdminsCommand.Create(configuration));
        return root;
    }

    /// <summary>Runs a command line: exit 0 on success, 1 on invalid input, 2 on a usage error.</summary>
    public static async Task<int> InvokeAsync(IConfiguration configuration, string[] args, InvocationConfiguration? invocation = null)
    {
        invocation ??= new InvocationConfiguration();
        var parseResult = Create(configuration).Parse(args);
        if (parseResult.Errors.Count > 0 && !IsHelpRequest(args))
        {
            foreach (var error in parseResult.Errors) await invocation.Error.WriteLineAsync($"error: {error.Message}");
            await invocation.Error.WriteLineAsync("Run 'assett --help' (or '<command> --help') for usage.");
            return UsageError;
        }
        return await parseResult.InvokeAsync(invocation);
    }

    private static bool IsHelpRequest(string[] args) => args.Any(a => a is "--help" or "-h" or "-?");
}
