using Assett.Referentials.Evaluation;
using Assett.Referentials.Formulas;
using Assett.Referentials.Packages;

namespace Assett.Benchmarks;

/// <summary>The real CAE package (<c>ASSETT_FIXTURES</c>, else <c>../shared/fixtures</c> beside the checkout) and a full case.</summary>
internal static class CaeFixture
{
    public static string PackageFolder()
    {
        var fixtures = Environment.GetEnvironmentVariable("ASSETT_FIXTURES");
        if (string.IsNullOrEmpty(fixtures))
        {
            for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
                if (File.Exists(Path.Combine(directory.FullName, "Assett.sln")))
                    fixtures = Path.Combine(directory.FullName, "..", "shared", "fixtures");
        }
        var folder = Path.GetFullPath(Path.Combine(fixtures ?? "../shared/fixtures", "referentiels", "cae"));
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"The CAE package is not at {folder}: set ASSETT_FIXTURES.");
        return folder;
    }

    public static ReferentialPackage Load()
    {
        var result = PackageLoader.Load(PackageFolder());
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("\n", result.Diagnostics.Errors));
        return result.Package!;
    }

    /// <summary>An EPCI with every task answered (a mix of statuses) and every personalisation question answered.</summary>
    public static EvaluationInput FullCase(ReferentialPackage package)
    {
        var profile = new OrganisationProfile()
            .Tag("type", "EPCI").Tag("population", "plus_de_20000", "plus_de_50000", "moins_de_100000").Tag("localisation", "metropole");
        var n = 0;
        foreach (var question in package.Questions.Values.OrderBy(q => q.Id, StringComparer.Ordinal))
        {
            profile.Answer(question.Id, question.Type switch
            {
                QuestionType.Binaire => FormulaValue.Of(n++ % 2 == 0),
                QuestionType.Proportion => FormulaValue.Of(0.5),
                _ => FormulaValue.OfText(question.Choices[0].Id),
            });
        }
        NodeStatus[] cycle =
            [NodeStatus.Done, NodeStatus.Planned, NodeStatus.NotDone, NodeStatus.Split(0.5, 0.3, 0.2)!.Value, NodeStatus.Done, NodeStatus.NotConcerned];
        var statuses = package.Nodes.Select(node => node.IsLeaf ? cycle[node.Index % cycle.Length] : NodeStatus.None).ToArray();
        return new EvaluationInput(profile, statuses);
    }
}
