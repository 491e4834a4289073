using Assett.Testing;
using Assett.Referentials.Evaluation;
using Assett.Referentials.Packages;

namespace Assett.Referentials.Tests.Fuzzing;

/// <summary>
/// Thousands of mutated package files and case files: the engine reports problems as diagnostics
/// and never lets an exception escape. Seeded, so a failure reproduces.
/// </summary>
public sealed class MutationFuzzingShould
{
    private static readonly string[] Fragments =
    [
        "```", "```yaml", "```formule", "#", "## Actions", "### Désactivation", "### Réduction de potentiel", "### Score réalisé",
        ":", " : ", "[", "]", "{", "}", "\"", "'", "-", "\n", "\t", "é", "œ", "identifiant: ", "points: ", "pourcentage: ",
        "action_id: ", "id: ", "type: choix", "si ", " alors ", " sinon ", " et ", " ou ", "reponse(", "score(", "identite(",
        "min(", ")", ",", "1e308", "-5", "NaN", "0", "100", "1.1", "\"\"", "referentiel: ", "hierarchie: [action]", "&", "*a", "!!",
    ];

    [Fact]
    public void SurviveMutatedSyntheticPackages() => FuzzPackage(TestPackages.PathOf("mini"), iterations: 3000, seed: 20261122);

    [Fact]
    public void SurviveMutatedCaeFiles() => FuzzPackage(Fixtures.CaePackage(), iterations: 150, seed: 42);

    [Fact]
    public void SurviveMutatedCaseFiles()
    {
        var package = TestPackages.LoadValid("mini");
        var evaluator = new ReferentialEvaluator(package);
        var random = new Random(7);
        const string valid = "Identité:\n  type: [association]\nRéponses:\n  flotte: NON\n  part: 0.3\n  chauffage: fioul\n"
            + "Statuts:\n  mini_1.1.1.1: fait\n  mini_1.1.2: [0.2, 0.3, 0.5]\n  mini_1.2.2: non_concerne\n";
        for (var i = 0; i < 3000; i++)
        {
            var text = Mutate(valid, random);
            var (input, diagnostics) = Run(() => CaseFile.Parse(text, "case.yml", package), text);
            if (input is not null)
            {
                Assert.False(diagnostics.HasErrors);
                Run(() => evaluator.Evaluate(input), text);
            }
        }
    }

    private static void FuzzPackage(string folder, int iterations, int seed)
    {
        var root = Path.GetDirectoryName(Path.GetFullPath(folder).TrimEnd('/'))!;
        var files = Directory.GetFiles(folder, "*.md", SearchOption.AllDirectories).Order()
            .Select(f => new PackageFile(Path.GetRelativePath(root, f), File.ReadAllText(f))).ToArray();
        var random = new Random(seed);
        for (var i = 0; i < iterations; i++)
        {
            var mutated = (PackageFile[])files.Clone();
            var victim = random.Next(mutated.Length);
            mutated[victim] = mutated[victim] with { Content = Mutate(mutated[victim].Content, random) };
            var result = Run(() => PackageLoader.Load(mutated), mutated[victim].Content);
            if (result.Succeeded)
            {
                var statuses = result.Package!.Nodes.Select(_ => random.Next(5) switch
                {
                    0 => NodeStatus.Done,
                    1 => NodeStatus.NotConcerned,
                    2 => NodeStatus.Planned,
                    3 => NodeStatus.NotFilled,
                    _ => NodeStatus.None,
                }).ToArray();
                var profile = new OrganisationProfile().Tag("type", "EPCI", "association");
                Run(() => new ReferentialEvaluator(result.Package).Evaluate(new EvaluationInput(profile, statuses)), mutated[victim].Content);
            }
        }
    }

    private static T Run<T>(Func<T> action, string input)
    {
        try
        {
            return action();
        }
        catch (Exception e)
        {
            Assert.Fail($"{e.GetType().Name} escaped: {e.Message}\n--- input ---\n{input}\n--- stack ---\n{e.StackTrace}");
            throw;
        }
    }

    private static string Mutate(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        for (var m = random.Next(1, 4); m > 0; m--)
        {
            var at = random.Next(lines.Count);
            switch (random.Next(8))
            {
                case 0: lines.RemoveAt(at); break;
                case 1: lines.Insert(at, lines[random.Next(lines.Count)]); break;
                case 2: (lines[at], lines[^1]) = (lines[^1], lines[at]); break;
                case 3: lines[at] = lines[at].Insert(random.Next(lines[at].Length + 1), Fragments[random.Next(Fragments.Length)]); break;
                case 4: lines.Insert(at, Fragments[random.Next(Fragments.Length)]); break;
                case 5: lines[at] = lines[at].Length == 0 ? "" : lines[at][..random.Next(lines[at].Length)]; break;
                case 6: lines[at] = new string(lines[at].Select(c => char.IsAsciiDigit(c) ? (char)('0' + random.Next(10)) : c).ToArray()); break;
                default: lines = lines.Take(at).ToList(); break;
            }
            if (lines.Count == 0) lines.Add(Fragments[random.Next(Fragments.Length)]);
        }
        return string.Join('\n', lines);
    }
}
