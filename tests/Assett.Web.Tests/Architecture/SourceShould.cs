namespace Assett.Web.Tests.Architecture;

/// <summary>The layout .editorconfig asks for and dotnet format does not check: lines a reader sees whole.</summary>
public sealed class SourceShould
{
    private const int MaximumLineLength = 160;

    [Fact]
    public void KeepEveryLineOfCodeWithinTheMaximumLength()
    {
        var root = Assett.Data.RepositoryRoot.Find();
        var tooLong = new[] { "src", "tests" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !IsGenerated(Path.GetRelativePath(root, file)))
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (File: file, Number: index + 1, line.Length)))
            .Where(line => line.Length > MaximumLineLength)
            .Select(line => $"{Path.GetRelativePath(root, line.File)}:{line.Number} ({line.Length} characters)")
            .ToList();
        Assert.Empty(tooLong);
    }

    /// <summary>Migrations come from <c>dotnet ef</c>; build output is no source.</summary>
    private static bool IsGenerated(string path) =>
        path.Split(Path.DirectorySeparatorChar) is var parts && (parts.Contains("Migrations") || parts.Contains("obj") || parts.Contains("bin"));
}
