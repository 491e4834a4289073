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

    public static ReferentialPackage LoadValid(string name)
    {
        var result = PackageLoader.Load(PathOf(name));
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
