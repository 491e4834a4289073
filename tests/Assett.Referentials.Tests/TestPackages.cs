using Assett.Referentials.Evaluation;
using Assett.Referentials.Packages;

namespace Assett.Referentials.Tests;

/// <summary>The synthetic packages of <c>Packages/</c>, loaded once, and helpers to evaluate cases on them.</summary>
public static class TestPackages
{
    private static readonly Lazy<ReferentialPackage> DemoPackage = new(() => LoadValid("demo"));

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Packages", name);

    /// <summary>The tree of the specification's worked examples (section 6).</summary>
    public static ReferentialPackage Demo => DemoPackage.Value;

    /// <summary>The national referential the territories start from, <c>tenants-config/referentiels/assett-entreprises</c>.</summary>
    public static string NationalPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Assett.sln")))
                return Path.Combine(directory.FullName, "tenants-config", "referentiels", "assett-entreprises");
        throw new DirectoryNotFoundException("No Assett.sln above the tests' folder.");
    }

    public static ReferentialPackage LoadValid(string name) => LoadFolder(PathOf(name));

    public static ReferentialPackage LoadFolder(string folder)
    {
        var result = PackageLoader.Load(folder);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics.Items));
        return result.Package!;
    }

    /// <summary>Builds a package from inline files: (path, markdown).</summary>
    public static PackageLoadResult FromFiles(params (string Path, string Content)[] files) =>
        PackageLoader.Load(files.Select(f => new PackageFile(f.Path, f.Content)));

    public static EvaluationResult Evaluate(ReferentialPackage package, string caseYaml)
    {
        var (input, diagnostics) = CaseFile.Parse(caseYaml, "case.yml", package);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items));
        return new ReferentialEvaluator(package).Evaluate(input!);
    }

    public static double Rounded(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);
}
