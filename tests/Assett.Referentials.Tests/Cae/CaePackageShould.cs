using Assett.Testing;
using System.Text.RegularExpressions;
using Assett.Referentials.Evaluation;
using Assett.Referentials.Packages;

namespace Assett.Referentials.Tests.Cae;

/// <summary>The real Climat Air Énergie package, as Territoires en Transitions publishes it.</summary>
public sealed partial class CaePackageShould
{
    private static readonly Lazy<PackageLoadResult> Loaded = new(() => PackageLoader.Load(Fixtures.CaePackage()));

    private static ReferentialPackage Package()
    {
        Fixtures.CaePackage();
        Assert.True(Loaded.Value.Succeeded, string.Join("\n", Loaded.Value.Diagnostics.Errors));
        return Loaded.Value.Package!;
    }

    [Fact]
    public void LoadWithoutErrorAndTheKnownShape()
    {
        var package = Package();

        Assert.Equal("cae", package.ReferentialId);
        Assert.Equal(6, package.NodesAtLevel("axe").Count());
        Assert.Equal(19, package.NodesAtLevel("sous-axe").Count());
        Assert.Equal(61, package.NodesAtLevel("action").Count());
        Assert.Equal(325, package.NodesAtLevel("sous-action").Count());
        Assert.Equal(1111, package.Nodes.Count(n => n.IsLeaf));
        Assert.Equal(500, package.Root.Points, 9);
        Assert.Equal([100, 64, 94, 96, 46, 100], package.Root.Children.Select(a => Math.Round(a.Points, 9)));
        Assert.Equal(53, package.Questions.Count);
    }

    [Fact]
    public void ParseEveryFormulaOfTheFiveRuleFiles()
    {
        var package = Package();
        var folder = Path.Combine(Fixtures.CaePackage(), "personnalisations");
        var files = Directory.GetFiles(folder, "*.md");
        var formulaBlocks = files.Sum(f => FormulaFence().Matches(File.ReadAllText(f)).Count);

        Assert.Equal(5, files.Length);
        Assert.Equal(formulaBlocks, package.Rules.Count);
        Assert.DoesNotContain(package.Diagnostics.Items, d => d.Message.Contains("does not parse"));
    }

    [Fact]
    public void ScoreAnOrganisationThatHasDoneEverythingAtOneHundredPercent()
    {
        var package = Package();
        var statuses = package.Nodes.Select(n => n.IsLeaf ? NodeStatus.Done : NodeStatus.None).ToArray();
        var profile = new OrganisationProfile().Tag("type", "EPCI").Tag("population", "plus_de_20000", "plus_de_50000")
            .Tag("localisation", "metropole");

        var result = new ReferentialEvaluator(package).Evaluate(new EvaluationInput(profile, statuses));

        Assert.Equal(100, result.Root.ScorePercent, 6);
        Assert.Equal(result.Root.TotalTachesCount, result.Root.CompletedTachesCount);
        Assert.True(result.Root.PointPotentiel is > 0 and <= 500 * 1.2);
    }

    [Fact]
    public void KeepASubActionMarkedNonRenseigneWithAllItsTasksNonConcernedConcernedWithNothingUnfilled()
    {
        var package = Package();
        var subAction = package.NodesAtLevel("sous-action").First(n => n.Children.Count > 1);
        var statuses = package.Nodes.Select(n => n.IsLeaf ? NodeStatus.Done : NodeStatus.None).ToArray();
        statuses[subAction.Index] = NodeStatus.NotFilled;
        foreach (var task in subAction.Children) statuses[task.Index] = NodeStatus.NotConcerned;
        var profile = new OrganisationProfile().Tag("type", "EPCI").Tag("population", "plus_de_20000").Tag("localisation", "metropole");

        var result = new ReferentialEvaluator(package).Evaluate(new EvaluationInput(profile, statuses));

        // As Territoires en Transitions' scores.service.ts: concerned, its potential kept, its points summed from its tasks (0).
        var score = result[subAction];
        Assert.True(score.Concerne);
        Assert.True(score.PointPotentiel > 0);
        Assert.Equal(0, score.PointNonRenseigne);
        Assert.Equal(0, score.PointFait);
        for (var node = subAction.Parent; node is not null; node = node.Parent)
            Assert.Equal(node.Children.Sum(c => result[c].PointNonRenseigne), result[node].PointNonRenseigne, 9);
        Assert.Equal(0, result.Root.PointNonRenseigne, 9);
    }

    [GeneratedRegex("^```formule", RegexOptions.Multiline)]
    private static partial Regex FormulaFence();
}
