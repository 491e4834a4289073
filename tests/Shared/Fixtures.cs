namespace Assett.Testing;

/// <summary>
/// The shared real data: <c>ASSETT_FIXTURES</c>, or <c>../shared/fixtures</c> beside the checkout.
/// Tests that need it are skipped, with the reason shown, when it is absent (CI requires it). The test projects
/// that use it compile this file (a link in their project file): it needs xunit's Assert, which Assett.Testing has not.
/// </summary>
public static class Fixtures
{
    public static string? Root
    {
        get
        {
            if (Environment.GetEnvironmentVariable("ASSETT_FIXTURES") is { Length: > 0 } configured)
                return Directory.Exists(configured) ? configured : null;
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
                if (File.Exists(Path.Combine(directory.FullName, "Assett.sln")))
                {
                    var shared = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "fixtures"));
                    return Directory.Exists(shared) ? shared : null;
                }
            return null;
        }
    }

    /// <summary>The real CAE package folder, or a skip with the reason.</summary>
    public static string CaePackage()
    {
        var path = Root is { } root ? Path.Combine(root, "referentiels", "cae") : null;
        if (path is null || !Directory.Exists(path))
            Assert.Skip("The shared fixtures are absent: set ASSETT_FIXTURES to the folder holding referentiels/cae.");
        return path;
    }
}
