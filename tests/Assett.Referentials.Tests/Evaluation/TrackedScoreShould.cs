using Assett.Referentials.Evaluation;
using Assett.Referentials.Formulas;
using Assett.Referentials.Packages;
using Assett.Testing;

namespace Assett.Referentials.Tests.Evaluation;

/// <summary>
/// The property of the re-scoring: after any sequence of status changes, a <see cref="TrackedScore"/> holds exactly the
/// figures a full evaluation of the same statuses gives, on every node. Random profiles, statuses and sequences, seeded
/// so that a failure reproduces; every node and every figure compared after every change.
/// </summary>
public sealed class TrackedScoreShould
{
    private static readonly string[] Types = ["EPCI", "commune", "syndicat", "entreprise", "association", "etablissement_public"];
    private static readonly string[] Populations = ["moins_de_10000", "moins_de_20000", "moins_de_50000", "moins_de_100000", "plus_de_20000",
        "plus_de_50000", "plus_de_100000"];
    private static readonly string[] Headcounts = ["moins_de_10", "moins_de_50", "moins_de_250", "plus_de_10", "plus_de_50", "plus_de_250"];

    [Fact]
    public void EqualTheFullEvaluationAfterEveryChangeOnTheCaePackage() =>
        Check(TestPackages.LoadFolder(Fixtures.CaePackage()), sequences: 1000, changes: 12, seed: 2112);

    [Fact]
    public void EqualTheFullEvaluationAfterEveryChangeOnTheNationalReferential() =>
        Check(TestPackages.LoadFolder(TestPackages.NationalPath()), sequences: 3000, changes: 12, seed: 1221);

    [Fact]
    public void EqualTheFullEvaluationWithNodesATerritoryDisabled()
    {
        var package = TestPackages.LoadFolder(TestPackages.NationalPath());
        var disabled = package.NodesAtLevel("action").Where((_, i) => i % 5 == 0).Select(n => n.Id).ToList();
        Check(package, sequences: 300, changes: 12, seed: 7, disabled);
    }

    private static void Check(ReferentialPackage package, int sequences, int changes, int seed, IReadOnlyList<string>? disabled = null)
    {
        var evaluator = new ReferentialEvaluator(package, disabled);
        var random = new Random(seed);
        var answerable = package.Nodes.Where(n => n.Depth > package.ActionDepth).ToArray();
        for (var sequence = 0; sequence < sequences; sequence++)
        {
            var profile = RandomProfile(package, random);
            var statuses = package.Nodes.Select(n => n.IsLeaf && random.Next(3) > 0 ? RandomStatus(random) : NodeStatus.None).ToArray();
            var tracked = evaluator.Track(new EvaluationInput(profile, statuses));
            var steps = new List<string>();
            AssertSame(evaluator.Evaluate(new EvaluationInput(profile, statuses)), tracked.Result, package, seed, sequence, steps);
            for (var change = 0; change < changes; change++)
            {
                // Mostly tasks, sometimes a sub-action: the statuses a form or a case file may set.
                var node = answerable[random.Next(answerable.Length)];
                var status = RandomStatus(random);
                statuses[node.Index] = status;
                tracked.Change(node.Index, status);
                steps.Add($"{node.Id} := {status}");
                AssertSame(evaluator.Evaluate(new EvaluationInput(profile, statuses)), tracked.Result, package, seed, sequence, steps);
            }
        }
    }

    private static void AssertSame(EvaluationResult full, EvaluationResult tracked, ReferentialPackage package, int seed, int sequence,
        List<string> steps)
    {
        foreach (var node in package.Nodes)
        {
            var (expected, actual) = (full[node], tracked[node]);
            if (!Same(expected, actual))
                Assert.Fail($"Seed {seed}, sequence {sequence}, after [{string.Join("; ", steps)}]: {node.Id} is {Show(actual)}, " +
                    $"the full evaluation gives {Show(expected)}.");
        }
    }

    private static bool Same(NodeScore a, NodeScore b) =>
        a.Concerne == b.Concerne && a.Desactive == b.Desactive
        && Near(a.PointPotentiel, b.PointPotentiel) && Near(a.PointPotentielPerso, b.PointPotentielPerso)
        && Near(a.PointFait, b.PointFait) && Near(a.PointProgramme, b.PointProgramme) && Near(a.PointPasFait, b.PointPasFait)
        && Near(a.PointNonRenseigne, b.PointNonRenseigne) && Near(a.TotalTachesCount, b.TotalTachesCount)
        && Near(a.CompletedTachesCount, b.CompletedTachesCount) && Near(a.FaitTachesAvancement, b.FaitTachesAvancement)
        && Near(a.ProgrammeTachesAvancement, b.ProgrammeTachesAvancement) && Near(a.PasFaitTachesAvancement, b.PasFaitTachesAvancement)
        && Near(a.PasConcerneTachesAvancement, b.PasConcerneTachesAvancement);

    // Equal, or within rounding: a sum over the same children in the same order is the same double.
    private static bool Near(double a, double b) => a.Equals(b) || Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a));

    private static string Show(NodeScore s) =>
        $"(pot {s.PointPotentiel}, fait {s.PointFait}, prog {s.PointProgramme}, pas fait {s.PointPasFait}, nr {s.PointNonRenseigne}, " +
        $"concerné {s.Concerne}, tâches {s.CompletedTachesCount}/{s.TotalTachesCount})";

    private static NodeStatus RandomStatus(Random random) => random.Next(8) switch
    {
        0 => NodeStatus.Done,
        1 => NodeStatus.Planned,
        2 => NodeStatus.NotDone,
        3 => NodeStatus.NotConcerned,
        4 => NodeStatus.NotFilled,
        5 => NodeStatus.None,
        _ => RandomSplit(random),
    };

    private static NodeStatus RandomSplit(Random random)
    {
        var fait = Math.Round(random.NextDouble(), 2);
        var programme = Math.Round(random.NextDouble() * (1 - fait), 2);
        return NodeStatus.Split(fait, programme, 1 - fait - programme) ?? NodeStatus.Done;
    }

    private static OrganisationProfile RandomProfile(ReferentialPackage package, Random random)
    {
        var profile = new OrganisationProfile()
            .Tag("type", Types[random.Next(Types.Length)])
            .Tag("population", Populations.Where(_ => random.Next(2) == 0).ToArray())
            .Tag("effectif", Headcounts.Where(_ => random.Next(2) == 0).ToArray())
            .Tag("localisation", random.Next(4) == 0 ? "DOM" : "metropole");
        foreach (var question in package.Questions.Values.Where(_ => random.Next(5) > 0))
            profile.Answer(question.Id, question.Type switch
            {
                QuestionType.Binaire => FormulaValue.Of(random.Next(2) == 0),
                QuestionType.Proportion => FormulaValue.Of(Math.Round(random.NextDouble(), 2)),
                _ => FormulaValue.OfText(question.Choices[random.Next(question.Choices.Count)].Id),
            });
        return profile;
    }
}
