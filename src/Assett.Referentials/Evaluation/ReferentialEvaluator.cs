using Assett.Referentials.Formulas;
using Assett.Referentials.Packages;

namespace Assett.Referentials.Evaluation;

/// <summary>
/// Scores one organisation on a whole referential tree (docs/referential-format.md §5). Built once per
/// package: the tree is flattened into arrays in pre-order (a subtree is a contiguous range), so an
/// evaluation allocates little more than its result.
/// </summary>
public sealed class ReferentialEvaluator
{
    private readonly int _count;
    private readonly int _actionDepth;
    private readonly int[] _parent;
    private readonly int[] _depth;
    private readonly int[] _subtreeEnd; // exclusive
    private readonly int[][] _children;
    private readonly double[] _referentialPoints;
    private readonly int[] _leafCount;
    private readonly int[] _directLeafChildren;
    private readonly Formula?[] _reduction;
    private readonly Formula?[] _desactivation;
    private readonly (int Node, Formula Formula)[] _scoreRealise;
    private readonly bool[] _disabled;

    /// <param name="package">The referential.</param>
    /// <param name="disabledNodeIds">Nodes a territory disables (its overlay): désactivés for every organisation.</param>
    public ReferentialEvaluator(ReferentialPackage package, IEnumerable<string>? disabledNodeIds = null)
    {
        Package = package;
        var nodes = package.Nodes;
        _count = nodes.Count;
        _actionDepth = package.ActionDepth;
        _parent = nodes.Select(n => n.Parent?.Index ?? -1).ToArray();
        _depth = nodes.Select(n => n.Depth).ToArray();
        _children = nodes.Select(n => n.Children.Select(c => c.Index).ToArray()).ToArray();
        _referentialPoints = nodes.Select(n => n.Points).ToArray();
        _subtreeEnd = new int[_count];
        _leafCount = new int[_count];
        for (var i = _count - 1; i >= 0; i--)
        {
            _leafCount[i] = _children[i].Length == 0 ? 1 : _children[i].Sum(c => _leafCount[c]);
            _subtreeEnd[i] = _children[i].Length == 0 ? i + 1 : _subtreeEnd[_children[i][^1]];
        }
        _directLeafChildren = _children.Select(c => c.Count(x => _children[x].Length == 0)).ToArray();
        _reduction = new Formula?[_count];
        _desactivation = new Formula?[_count];
        var scoreRealise = new List<(int, Formula)>();
        foreach (var rule in package.Rules)
        {
            switch (rule.Kind)
            {
                case RuleKind.Reduction: _reduction[rule.NodeIndex] = rule.Formula; break;
                case RuleKind.Desactivation: _desactivation[rule.NodeIndex] = rule.Formula; break;
                default: scoreRealise.Add((rule.NodeIndex, rule.Formula)); break;
            }
        }
        _scoreRealise = scoreRealise.ToArray();
        _disabled = new bool[_count];
        foreach (var id in disabledNodeIds ?? [])
            if (package.NodesById.TryGetValue(id, out var node)) _disabled[node.Index] = true;
    }

    public ReferentialPackage Package { get; }

    public EvaluationResult Evaluate(EvaluationInput input)
    {
        var scores = new ScoreColumns(_count);
        var context = new Context(input.Profile, scores);
        var statuses = input.Statuses;
        ApplyReductions(scores, context);
        ApplyDesactivation(scores, context);
        MarkNonConcerned(scores, statuses);
        Redistribute(scores, statuses);
        ComputePoints(scores, statuses);
        ApplyScoreRealise(scores, statuses, context);
        return new EvaluationResult(Package, scores);
    }

    /// <summary>Step 1: F(n) = k × F(parent) below a reduction; potential = F × referential points there, sums elsewhere.</summary>
    private void ApplyReductions(ScoreColumns s, Context context)
    {
        var factor = new double[_count]; // NaN: no reduction on the node or above it
        for (var i = 0; i < _count; i++)
        {
            var inherited = _parent[i] >= 0 ? factor[_parent[i]] : double.NaN;
            factor[i] = inherited;
            s.PotentielPerso[i] = double.NaN;
            if (_reduction[i] is { } rule && rule.Evaluate(context).AsNumber is { } k)
            {
                factor[i] = double.IsNaN(inherited) ? k : k * inherited;
                s.PotentielPerso[i] = factor[i] * _referentialPoints[i];
            }
        }
        for (var i = _count - 1; i >= 0; i--)
        {
            if (!double.IsNaN(factor[i])) s.Potentiel[i] = factor[i] * _referentialPoints[i];
            else if (_children[i].Length == 0) s.Potentiel[i] = _referentialPoints[i];
            else s.Potentiel[i] = SumPotential(s, i, concernedOnly: false);
        }
    }

    /// <summary>Step 2: a désactivé node and its descendants.</summary>
    private void ApplyDesactivation(ScoreColumns s, Context context)
    {
        for (var i = 0; i < _count; i++)
            s.Desactive[i] = _disabled[i] || (_parent[i] >= 0 && s.Desactive[_parent[i]])
                || (_desactivation[i] is { } rule && rule.Evaluate(context).IsTrue);
    }

    /// <summary>Step 3: non concerné top-down from statuses and désactivation, then bottom-up when all children are.</summary>
    private void MarkNonConcerned(ScoreColumns s, NodeStatus[] statuses)
    {
        for (var i = 0; i < _count; i++)
            s.Concerne[i] = !s.Desactive[i] && statuses[i].Kind != StatusKind.NonConcerne
                && (_parent[i] < 0 || s.Concerne[_parent[i]]);
        for (var i = _count - 1; i >= 0; i--)
        {
            if (!s.Concerne[i] || _children[i].Length == 0 || HasOwnStatus(statuses[i])) continue;
            if (AllChildrenNonConcerned(s, i)) s.Concerne[i] = false;
        }
    }

    /// <summary>Step 4: below the action level, the potential of non-concerned children goes to the concerned ones.</summary>
    private void Redistribute(ScoreColumns s, NodeStatus[] statuses)
    {
        for (var i = _count - 1; i >= 0; i--)
        {
            var children = _children[i];
            if (children.Length == 0 || !s.Concerne[i]) continue;
            if (_depth[i] >= _actionDepth) ShareOut(s, children);
            if (HasOwnStatus(statuses[i]) && AllChildrenNonConcerned(s, i)) continue;
            s.Potentiel[i] = SumPotential(s, i, concernedOnly: true);
        }
    }

    private void ShareOut(ScoreColumns s, int[] children)
    {
        double released = 0;
        var receivers = 0;
        foreach (var c in children)
        {
            if (!s.Concerne[c]) released += s.Potentiel[c];
            else if (s.Potentiel[c] > 0) receivers++;
        }
        if (released <= 0 || receivers == 0) return;
        var share = released / receivers;
        foreach (var c in children)
        {
            if (!s.Concerne[c] || s.Potentiel[c] <= 0) continue;
            var scale = (s.Potentiel[c] + share) / s.Potentiel[c];
            for (var j = c; j < _subtreeEnd[c]; j++) s.Potentiel[j] *= scale;
        }
    }

    /// <summary>Step 5: points and task counters, bottom-up.</summary>
    private void ComputePoints(ScoreColumns s, NodeStatus[] statuses)
    {
        for (var i = _count - 1; i >= 0; i--)
        {
            var status = statuses[i];
            if (!s.Concerne[i])
            {
                var count = _directLeafChildren[i] == 0 ? 1 : _directLeafChildren[i];
                s.Potentiel[i] = 0;
                s.Total[i] = s.Completed[i] = s.PasConcerneAvancement[i] = count;
                continue;
            }
            if (status.Kind == StatusKind.Progress)
            {
                s.Fait[i] = status.Fait * s.Potentiel[i];
                s.Programme[i] = status.Programme * s.Potentiel[i];
                s.PasFait[i] = status.PasFait * s.Potentiel[i];
                s.Total[i] = s.Completed[i] = _leafCount[i];
                s.FaitAvancement[i] = status.Fait * _leafCount[i];
                s.ProgrammeAvancement[i] = status.Programme * _leafCount[i];
                s.PasFaitAvancement[i] = status.PasFait * _leafCount[i];
                continue;
            }
            if (_children[i].Length == 0)
            {
                s.NonRenseigne[i] = s.Potentiel[i];
                s.Total[i] = 1;
                continue;
            }
            foreach (var c in _children[i])
            {
                s.Fait[i] += s.Fait[c];
                s.Programme[i] += s.Programme[c];
                s.PasFait[i] += s.PasFait[c];
                s.NonRenseigne[i] += s.NonRenseigne[c];
                s.Total[i] += s.Total[c];
                s.Completed[i] += s.Completed[c];
                s.FaitAvancement[i] += s.FaitAvancement[c];
                s.ProgrammeAvancement[i] += s.ProgrammeAvancement[c];
                s.PasFaitAvancement[i] += s.PasFaitAvancement[c];
                s.PasConcerneAvancement[i] += s.PasConcerneAvancement[c];
            }
        }
    }

    /// <summary>Step 6: point fait scaled to the rule's target ratio, then re-summed upwards.</summary>
    private void ApplyScoreRealise(ScoreColumns s, NodeStatus[] statuses, Context context)
    {
        if (_scoreRealise.Length == 0) return;
        context.ScoresAvailable = true;
        Span<double> targets = _scoreRealise.Length <= 64 ? stackalloc double[_scoreRealise.Length] : new double[_scoreRealise.Length];
        for (var r = 0; r < _scoreRealise.Length; r++)
        {
            var (node, formula) = _scoreRealise[r];
            targets[r] = s.Potentiel[node] > 0 && formula.Evaluate(context).AsNumber is { } t ? t : double.NaN;
        }
        for (var r = 0; r < _scoreRealise.Length; r++)
        {
            var node = _scoreRealise[r].Node;
            if (double.IsNaN(targets[r])) continue;
            var ratio = s.Fait[node] / s.Potentiel[node];
            if (ratio <= 0) continue;
            var scale = targets[r] / ratio;
            for (var j = node; j < _subtreeEnd[node]; j++) s.Fait[j] *= scale;
            for (var a = _parent[node]; a >= 0; a = _parent[a])
            {
                if (statuses[a].Kind == StatusKind.Progress) continue;
                double sum = 0;
                foreach (var c in _children[a]) sum += s.Fait[c];
                s.Fait[a] = sum;
            }
        }
    }

    private static bool HasOwnStatus(NodeStatus status) => status.Kind is StatusKind.Progress or StatusKind.NonRenseigne;

    private bool AllChildrenNonConcerned(ScoreColumns s, int node)
    {
        foreach (var c in _children[node])
            if (s.Concerne[c]) return false;
        return true;
    }

    private double SumPotential(ScoreColumns s, int node, bool concernedOnly)
    {
        double sum = 0;
        foreach (var c in _children[node])
            if (!concernedOnly || s.Concerne[c]) sum += s.Potentiel[c];
        return sum;
    }

    /// <summary>What formulas read during one evaluation; scores only once points are computed (score réalisé).</summary>
    private sealed class Context(OrganisationProfile profile, ScoreColumns scores) : IFormulaContext
    {
        public bool ScoresAvailable { get; set; }

        public bool HasIdentityTag(string field, string tag) =>
            profile.Identity.TryGetValue(field, out var tags) && tags.Contains(tag);

        public FormulaValue Answer(string questionId) =>
            profile.Answers.TryGetValue(questionId, out var answer) ? answer : FormulaValue.Null;

        public double? Score(int nodeIndex)
        {
            if (!ScoresAvailable) return null;
            var potential = scores.Potentiel[nodeIndex];
            return potential > 0 ? scores.Fait[nodeIndex] / potential : 0;
        }
    }
}
