namespace Assett.Data.Embedded;

/// <summary>
/// The <c>postmaster.pid</c> PostgreSQL writes in its data directory: the server's pid (line 1) and
/// port (line 4). It tells whether a cluster is already running, or was left behind by a killed run.
/// </summary>
internal sealed record PostmasterPidFile(int ProcessId, int Port)
{
    public static PostmasterPidFile? Read(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "postmaster.pid");
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        // A file cut short by a crash still means "stale", so an unreadable pid reads as 0.
        var pid = lines.Length > 0 && int.TryParse(lines[0], out var p) ? p : 0;
        var port = lines.Length > 3 && int.TryParse(lines[3], out var q) ? q : 0;
        return new PostmasterPidFile(pid, port);
    }

    public bool ProcessIsAlive => ProcessId > 0 && Directory.Exists($"/proc/{ProcessId}");

    /// <summary>True when the pid is a live postgres serving this very data directory (pids get reused).</summary>
    public bool IsLiveServerOf(string dataDirectory)
    {
        if (ProcessId <= 0) return false;
        try
        {
            var commandLine = File.ReadAllText($"/proc/{ProcessId}/cmdline").Replace('\0', ' ');
            return commandLine.Contains("postgres", StringComparison.Ordinal)
                && commandLine.Contains(Path.GetFullPath(dataDirectory), StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static void Delete(string dataDirectory) => File.Delete(Path.Combine(dataDirectory, "postmaster.pid"));
}
