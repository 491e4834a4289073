using System.CommandLine;

namespace Assett.Cli.Referentials;

/// <summary><c>assett referential</c>: inspect and evaluate referential packages.</summary>
public static class ReferentialCommand
{
    public static Command Create()
    {
        var command = new Command("referential", "Referential packages: inspect one, evaluate a case against it.");
        command.Subcommands.Add(InspectCommand.Create());
        command.Subcommands.Add(EvaluateCommand.Create());
        return command;
    }
}
