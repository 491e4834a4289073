using Assett.Referentials.Packages;

namespace Assett.Referentials.Evaluation;

/// <summary>
/// Scores one organisation on a whole referential tree (docs/referential-format.md §5). Built once per package: the
/// tree is flattened into arrays (<see cref="EvaluationTree"/>), so an evaluation allocates little more than its result.
/// </summary>
public sealed class ReferentialEvaluator
{
    private readonly EvaluationTree _tree;

    /// <param name="package">The referential.</param>
    /// <param name="disabledNodeIds">Nodes a territory disables (its overlay): désactivés for every organisation.</param>
    public ReferentialEvaluator(ReferentialPackage package, IEnumerable<string>? disabledNodeIds = null)
    {
        Package = package;
        _tree = new EvaluationTree(package, disabledNodeIds);
    }

    public ReferentialPackage Package { get; }

    /// <summary>A full evaluation. The result reads <paramref name="input"/>'s statuses: leave them unchanged while it is used.</summary>
    public EvaluationResult Evaluate(EvaluationInput input)
    {
        var scores = new ScoreColumns(_tree, input.Statuses);
        var scoring = new Scoring(_tree, scores, input.Profile);
        scoring.ApplyReductions();
        scoring.ApplyDesactivation();
        for (var i = 0; i < _tree.Count; i++)
            scores.Concerne[i] = scoring.ConcernedFromAbove(i, _tree.Parent[i] < 0 || scores.Concerne[_tree.Parent[i]]);
        for (var i = _tree.Count - 1; i >= 0; i--)
            if (scores.Concerne[i] && !scoring.ConcernedFromBelow(i)) scores.Concerne[i] = false;
        for (var i = _tree.Count - 1; i >= 0; i--) scoring.Redistribute(i, scores.Potentiel[i]);
        for (var i = _tree.Count - 1; i >= 0; i--) scoring.ComputePoints(i);
        scoring.ApplyScoreRealise();
        return new EvaluationResult(Package, scores);
    }

    /// <summary>An evaluation kept up to date status by status (<see cref="TrackedScore.Change"/>), on its own copy of the statuses.</summary>
    public TrackedScore Track(EvaluationInput input) => new(Package, _tree, input);
}
