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
            catch (Exception e) when (DatabaseProblem(e) is { } problem)
            {
                await error.WriteLineAsync($"error: {problem}");
                return 1;
            }
        };

    /// <summary>What to tell the user about a database failure (EF Core wraps some in other exceptions), or null.</summary>
    private static string? DatabaseProblem(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case PostgresException { SqlState: PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn } undefined:
                    return $"the database is not up to date ({undefined.MessageText}): run 'assett db migrate'.";
                case PostgresException refused:
                    return $"the database refused the operation: {refused.MessageText} ({refused.SqlState}).";
                case NpgsqlException unreachable:
                    return $"the database did not answer ({unreachable.Message}). Check ConnectionStrings__Assett " +
                        "and ConnectionStrings__AssettAdmin, or unset them to use the embedded PostgreSQL.";
            }
        }
        return null;
    }
}
