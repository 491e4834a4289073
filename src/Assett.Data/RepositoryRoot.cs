namespace Assett.Data;

/// <summary>The checkout's root: the nearest folder above the current one that holds <c>Assett.sln</c>.</summary>
public static class RepositoryRoot
{
    public static string Find() => TryFind() ?? Environment.CurrentDirectory;

    public static string? TryFind()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
                if (File.Exists(Path.Combine(directory.FullName, "Assett.sln")))
                    return directory.FullName;
        }
        return null;
    }
}
