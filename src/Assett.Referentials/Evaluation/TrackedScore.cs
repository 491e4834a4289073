using Assett.Referentials.Packages;

namespace Assett.Referentials.Evaluation;

/// <summary>
/// An evaluation kept up to date as statuses change one at a time. A change can only move the potentials of its measure
/// (redistribution stays within an action) and the figures of that measure's ancestors: steps 3 to 5 run again there
/// alone, then score réalisé over the whole tree. It always equals a full evaluation of the same statuses
/// (<c>TrackedScoreShould</c>, a property test on the CAE package and the national referential).
/// </summary>
public sealed class TrackedScore
{
    private readonly EvaluationTree _tree;
    private readonly ScoreColumns _scores;
    private readonly Scoring _scoring;
    private readonly double[] _stepOnePotential;
    private readonly bool[] _concernedFromAbove;

    /// <summary>Step 5's point fait by internal slot, before score réalisé scales it; null without such rules.</summary>
    private readonly double[]? _stepFiveFait;

    internal TrackedScore(ReferentialPackage package, EvaluationTree tree, EvaluationInput input)
    {
        _tree = tree;
        _scores = new ScoreColumns(tree, (NodeStatus[])input.Statuses.Clone());
        _scoring = new Scoring(tree, _scores, input.Profile);
        _scoring.ApplyReductions();
        _scoring.ApplyDesactivation();
        _stepOnePotential = (double[])_scores.Potentiel.Clone();
        _concernedFromAbove = new bool[tree.Count];
        _stepFiveFait = tree.ScoreRealise.Length > 0 ? new double[tree.InternalCount] : null;
        Rescore(0);
        Result = new EvaluationResult(package, _scores);
    }

    /// <summary>The current figures; they change with each <see cref="Change"/>.</summary>
    public EvaluationResult Result { get; }

    public NodeStatus StatusOf(int nodeIndex) => _scores.Statuses[nodeIndex];

    public void Change(int nodeIndex, NodeStatus status)
    {
        _scores.Statuses[nodeIndex] = status;
        Rescore(_tree.RedistributionRoot(nodeIndex));
    }

    /// <summary>Steps 3 to 5 on <paramref name="root"/>'s subtree and its ancestors, in the full evaluation's order; then step 6.</summary>
    private void Rescore(int root)
    {
        var end = _tree.SubtreeEnd[root];
        if (_stepFiveFait is not null)
        {
            for (var slot = 0; slot < _stepFiveFait.Length; slot++) _scores.Internal[slot].Fait = _stepFiveFait[slot];
            Array.Fill(_scores.ScoreScale, 1.0);
        }
        for (var i = root; i < end; i++)
        {
            var parent = _tree.Parent[i];
            _concernedFromAbove[i] = _scoring.ConcernedFromAbove(i, parent < 0 || _concernedFromAbove[parent]);
            _scores.Potentiel[i] = _stepOnePotential[i];
        }
        foreach (var i in BottomUp(root, end)) _scores.Concerne[i] = _concernedFromAbove[i] && _scoring.ConcernedFromBelow(i);
        foreach (var i in BottomUp(root, end)) _scoring.Redistribute(i, _stepOnePotential[i]);
        foreach (var i in BottomUp(root, end))
        {
            _scoring.ComputePoints(i);
            if (_stepFiveFait is not null && _tree.Slot[i] is var slot and >= 0) _stepFiveFait[slot] = _scores.Internal[slot].Fait;
        }
        _scoring.ApplyScoreRealise();
    }

    /// <summary>The subtree's nodes from the last to <paramref name="root"/>, then its ancestors upwards: children before parents.</summary>
    private IEnumerable<int> BottomUp(int root, int end)
    {
        for (var i = end - 1; i >= root; i--) yield return i;
        for (var a = _tree.Parent[root]; a >= 0; a = _tree.Parent[a]) yield return a;
    }
}
