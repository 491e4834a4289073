using System.Diagnostics;

namespace Assett.Data.Embedded;

/// <summary>Runs the PostgreSQL tools, as the <c>postgres</c> user when this process is root.</summary>
internal static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Output);

    public static bool RunsAsRoot => Environment.IsPrivilegedProcess;

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout,
        bool asPostgresUser = false)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // runuser warns when postgres cannot enter the current directory.
            WorkingDirectory = asPostgresUser ? "/" : Environment.CurrentDirectory,
        };
        if (asPostgresUser)
        {
            start.FileName = "runuser";
            foreach (var a in new[] { "-u", "postgres", "--", fileName }) start.ArgumentList.Add(a);
        }
        else
        {
            start.FileName = fileName;
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start)
            ?? throw new EmbeddedPostgresException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new EmbeddedPostgresException(
                $"{Path.GetFileName(fileName)} did not finish within {timeout.TotalSeconds:0} s: {string.Join(' ', start.ArgumentList)}");
        }
        return new Result(process.ExitCode, (await stdout + await stderr).Trim());
    }

    /// <summary>Gives a folder to the postgres user when we run as root (initdb and postgres refuse root).</summary>
    public static async Task GiveToPostgresAsync(string directory)
    {
        if (!RunsAsRoot) return;
        var result = await RunAsync("chown", ["-R", "postgres:postgres", directory], TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0)
            throw new EmbeddedPostgresException(
                $"Could not give {directory} to the postgres user: {result.Output}. " +
                "As root, the embedded PostgreSQL runs as 'postgres' (created by 'apt-get install postgresql').");
    }
}
