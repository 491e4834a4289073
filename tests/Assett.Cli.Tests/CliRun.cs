using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace Assett.Cli.Tests;

/// <summary>Runs the <c>assett</c> command in-process with the given settings and captures what it prints.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(IDictionary<string, string?> settings, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await AssettCommand.InvokeAsync(configuration, args,
            new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string?>(), args);

    public static Dictionary<string, string?> On(TestDatabase database) => new()
    {
        ["ConnectionStrings:Assett"] = database.AppConnectionString,
        ["ConnectionStrings:AssettAdmin"] = database.AdminConnectionString,
    };
}
