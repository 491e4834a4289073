using System.CommandLine;
using Assett.Cli.Database;
using Assett.Cli.Referentials;
using Microsoft.Extensions.Configuration;

namespace Assett.Cli;

/// <summary>The <c>assett</c> command: one sub-command per area.</summary>
public static class AssettCommand
{
    public static RootCommand Create(IConfiguration configuration)
    {
        var root = new RootCommand("Assett: engager les acteurs du territoire dans la transition écologique.");
        root.Subcommands.Add(DbCommand.Create(configuration));
        root.Subcommands.Add(ReferentialCommand.Create());
        return root;
    }
}
