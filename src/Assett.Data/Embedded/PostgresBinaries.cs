using System.Text.RegularExpressions;

namespace Assett.Data.Embedded;

/// <summary>The PostgreSQL server programs of this machine: <c>initdb</c>, <c>pg_ctl</c>, <c>postgres</c>.</summary>
public sealed partial record PostgresBinaries(string BinDirectory, int MajorVersion)
{
    public const string InstallHint =
        "Install PostgreSQL's server (Debian: 'sudo apt-get install postgresql'), " +
        "or set Assett__EmbeddedPostgres__BinDirectory to the folder holding initdb and pg_ctl, " +
        "or point Assett to a running server with ConnectionStrings__Assett (and ConnectionStrings__AssettAdmin).";

    public string InitDb => Path.Combine(BinDirectory, "initdb");
    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    /// <summary>
    /// Finds the binaries: the configured folder, else <c>pg_config --bindir</c>, else the newest
    /// <c>/usr/lib/postgresql/*/bin</c>; when an existing cluster needs a given major version, that one.
    /// </summary>
    public static Task<PostgresBinaries> FindAsync(string? configuredDirectory, int? requiredMajor = null) =>
        FindAsync(configuredDirectory, requiredMajor, "pg_config", "/usr/lib/postgresql");

    internal static async Task<PostgresBinaries> FindAsync(string? configuredDirectory, int? requiredMajor,
        string pgConfig, string searchRoot)
    {
        if (configuredDirectory is not null)
            return await InspectAsync(configuredDirectory)
                ?? throw new EmbeddedPostgresException(
                    $"No PostgreSQL server binaries (initdb, pg_ctl) in the configured folder '{configuredDirectory}'. {InstallHint}");

        var candidates = new List<PostgresBinaries>();
        if (await PgConfigBinDirectoryAsync(pgConfig) is { } fromPgConfig && await InspectAsync(fromPgConfig) is { } found)
            candidates.Add(found);
        if (Directory.Exists(searchRoot))
            foreach (var versionDirectory in Directory.GetDirectories(searchRoot))
                if (await InspectAsync(Path.Combine(versionDirectory, "bin")) is { } versioned)
                    candidates.Add(versioned);

        if (candidates.Count == 0)
            throw new EmbeddedPostgresException($"No PostgreSQL server binaries found (looked at pg_config --bindir and {searchRoot}/*/bin). {InstallHint}");

        if (requiredMajor is null) return candidates.MaxBy(c => c.MajorVersion)!;
        return candidates.FirstOrDefault(c => c.MajorVersion == requiredMajor)
            ?? candidates.MaxBy(c => c.MajorVersion)!;
    }

    private static async Task<string?> PgConfigBinDirectoryAsync(string pgConfig)
    {
        try
        {
            var result = await ProcessRunner.RunAsync(pgConfig, ["--bindir"], TimeSpan.FromSeconds(10));
            return result.ExitCode == 0 ? result.Output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // pg_config is not installed
        }
    }

    private static async Task<PostgresBinaries?> InspectAsync(string directory)
    {
        if (!File.Exists(Path.Combine(directory, "initdb")) || !File.Exists(Path.Combine(directory, "pg_ctl")))
            return null;
        var result = await ProcessRunner.RunAsync(Path.Combine(directory, "pg_ctl"), ["--version"], TimeSpan.FromSeconds(10));
        var match = VersionPattern().Match(result.Output);
        return match.Success ? new PostgresBinaries(directory, int.Parse(match.Groups[1].Value)) : null;
    }

    [GeneratedRegex(@"\(PostgreSQL\) (\d+)")]
    private static partial Regex VersionPattern();
}
