using System.Text.RegularExpressions;

namespace Assett.Web.Tests.Architecture;

/// <summary>
/// The rule of docs/architecture.md: a slice (a folder of <c>Features/</c>) uses only itself and
/// <c>Features/Shared</c>, which uses no slice; a file's namespace is its folder's, so that a
/// reference to another slice cannot hide without naming it.
/// </summary>
public sealed partial class SlicesShould
{
    private static readonly string Features = Path.Combine(Assett.Data.RepositoryRoot.Find(), "src", "Assett.Web", "Features");

    [Fact]
    public void ImportNoOtherSlice()
    {
        var crossings = SourceFiles()
            .SelectMany(file => FeatureReference().Matches(File.ReadAllText(file))
                .Select(match => match.Groups["slice"].Value)
                .Where(target => target != SliceOf(file) && target != "Shared")
                .Select(target => $"{Path.GetRelativePath(Features, file)} uses Features.{target}"))
            .Distinct().ToList();
        Assert.Empty(crossings);
        Assert.Contains(SourceFiles(), file => SliceOf(file) == "Officer");
    }

    [Fact]
    public void DeclareTheNamespaceOfTheirFolder()
    {
        var wrong = SourceFiles().Where(file => file.EndsWith(".cs", StringComparison.Ordinal))
            .Select(file => (File: file, Declared: NamespaceDeclaration().Match(File.ReadAllText(file)).Groups["name"].Value))
            .Where(f => f.Declared != ExpectedNamespace(f.File))
            .Select(f => $"{Path.GetRelativePath(Features, f.File)} declares '{f.Declared}', expected '{ExpectedNamespace(f.File)}'")
            .ToList();
        Assert.Empty(wrong);
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Features, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal));

    /// <summary>The first folder below Features/; files at its root (the view imports) belong to no slice.</summary>
    private static string SliceOf(string file) =>
        Path.GetRelativePath(Features, file).Split(Path.DirectorySeparatorChar) is { Length: > 1 } parts ? parts[0] : "";

    private static string ExpectedNamespace(string file) =>
        "Assett.Web.Features." + Path.GetRelativePath(Features, Path.GetDirectoryName(file)!).Replace(Path.DirectorySeparatorChar, '.');

    [GeneratedRegex(@"Assett\.Web\.Features\.(?<slice>[A-Za-z]+)")]
    private static partial Regex FeatureReference();

    [GeneratedRegex(@"^namespace (?<name>[A-Za-z.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();
}
