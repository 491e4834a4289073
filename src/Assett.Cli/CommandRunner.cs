using System.CommandLine;
using Assett.Data.Embedded;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Assett.Cli;

/// <summary>
/// Runs a command's body with a logger on standard error, and turns the failures a user can fix into
/// a one-line message and exit code 1 instead of a stack trace.
/// </summary>
internal static class CommandRunner
{
    public static Func<ParseResult, CancellationToken, Task<int>> Run(
        Func<ParseResult, ILogger, TextWriter, CancellationToken, Task<int>> body) =>
        async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            using var logging = LoggerFactory.Create(logging => logging
                .AddSimpleConsole(o => o.SingleLine = true)
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
                .SetMinimumLevel(LogLevel.Information));
            var logger = logging.CreateLogger("assett");
            try
            {
                return await body(parseResult, logger, output, cancellationToken);
            }
            catch (EmbeddedPostgresException e)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn)
            {
                await error.WriteLineAsync($"error: the database is not up to date ({e.MessageText}): run 'assett db migrate'.");
                return 1;
            }
            catch (PostgresException e)
            {
                await error.WriteLineAsync($"error: the database refused the operation: {e.MessageText} ({e.SqlState}).");
                return 1;
            }
            catch (NpgsqlException e)
            {
                await error.WriteLineAsync($"error: the database did not answer ({e.Message}). Check ConnectionStrings__Assett " +
                    "and ConnectionStrings__AssettAdmin, or unset them to use the embedded PostgreSQL.");
                return 1;
            }
        };
}
