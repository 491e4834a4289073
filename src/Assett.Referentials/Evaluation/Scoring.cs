using Assett.Referentials.Formulas;

namespace Assett.Referentials.Evaluation;

/// <summary>
/// The six steps of docs/referential-format.md §5 on one evaluation's columns. Steps 3 to 5 are written per node, so
/// that a full evaluation runs them over the whole tree and a re-scoring (<see cref="TrackedScore"/>) over the part a
/// changed status can move: one subtree and its ancestors.
/// </summary>
internal sealed class Scoring(EvaluationTree tree, ScoreColumns s, OrganisationProfile profile) : IFormulaContext
{
    private bool _scoresAvailable;

    /// <summary>Step 1: F(n) = k × F(parent) below a reduction; potential = F × referential points there, sums elsewhere.</summary>
    public void ApplyReductions()
    {
        var factor = tree.Count <= 4096 ? stackalloc double[tree.Count] : new double[tree.Count]; // NaN: no reduction on or above
        for (var i = 0; i < tree.Count; i++)
        {
            var inherited = tree.Parent[i] >= 0 ? factor[tree.Parent[i]] : double.NaN;
            factor[i] = inherited;
            var slot = tree.ReductionSlot[i];
            if (slot < 0) continue;
            s.PotentielPerso[slot] = double.NaN;
            if (tree.Reduction[i]!.Evaluate(this).AsNumber is { } k)
            {
                factor[i] = double.IsNaN(inherited) ? k : k * inherited;
                s.PotentielPerso[slot] = factor[i] * tree.ReferentialPoints[i];
            }
        }
        for (var i = tree.Count - 1; i >= 0; i--)
        {
            if (!double.IsNaN(factor[i])) s.Potentiel[i] = factor[i] * tree.ReferentialPoints[i];
            else if (tree.IsLeaf(i)) s.Potentiel[i] = tree.ReferentialPoints[i];
            else s.Potentiel[i] = SumPotential(i, concernedOnly: false);
        }
    }

    /// <summary>Step 2: a désactivé node and its descendants.</summary>
    public void ApplyDesactivation()
    {
        for (var i = 0; i < tree.Count; i++)
            s.Desactive[i] = tree.Disabled[i] || (tree.Parent[i] >= 0 && s.Desactive[tree.Parent[i]])
                || (tree.Desactivation[i] is { } rule && rule.Evaluate(this).IsTrue);
    }

    /// <summary>Step 3, top-down part: désactivé or marked non concerné, or below such a node.</summary>
    public bool ConcernedFromAbove(int node, bool parentConcerned) =>
        !s.Desactive[node] && s.Statuses[node].Kind != StatusKind.NonConcerne && parentConcerned;

    /// <summary>Step 3, bottom-up part: a node whose children are all non concernés is not, unless it has a status of its own.</summary>
    public bool ConcernedFromBelow(int node) =>
        tree.IsLeaf(node) || HasOwnStatus(s.Statuses[node]) || !AllChildrenNonConcerned(node);

    /// <summary>Step 4 on one node, once its children are done: below the action level, non-concerned children's potential goes to the others.</summary>
    public void Redistribute(int node, double stepOnePotential)
    {
        if (tree.IsLeaf(node)) return;
        if (!s.Concerne[node])
        {
            s.Potentiel[node] = stepOnePotential;
            return;
        }
        if (tree.Depth[node] >= tree.ActionDepth) ShareOut(tree.Children[node]);
        if (HasOwnStatus(s.Statuses[node]) && AllChildrenNonConcerned(node)) s.Potentiel[node] = stepOnePotential;
        else s.Potentiel[node] = SumPotential(node, concernedOnly: true);
    }

    private void ShareOut(int[] children)
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
            for (var j = c; j < tree.SubtreeEnd[c]; j++) s.Potentiel[j] *= scale;
        }
    }

    /// <summary>Step 5 on one node, once its children are done: a leaf's figures are derived when read, an internal node's stored.</summary>
    public void ComputePoints(int node)
    {
        var slot = tree.Slot[node];
        if (!s.Concerne[node])
        {
            s.Potentiel[node] = 0;
            if (slot >= 0) s.Internal[slot] = Sums.NonConcerned(tree.DirectLeafChildren[node] == 0 ? 1 : tree.DirectLeafChildren[node]);
            return;
        }
        if (slot < 0) return;
        var status = s.Statuses[node];
        ref var sums = ref s.Internal[slot];
        if (status.Kind == StatusKind.Progress)
        {
            var potentiel = s.Potentiel[node];
            var leaves = tree.LeafCount[node];
            sums = new Sums
            {
                Fait = status.Fait * potentiel, Programme = status.Programme * potentiel, PasFait = status.PasFait * potentiel,
                Total = leaves, Completed = leaves,
                FaitAvancement = status.Fait * leaves, ProgrammeAvancement = status.Programme * leaves, PasFaitAvancement = status.PasFait * leaves,
            };
            return;
        }
        sums = default;
        foreach (var c in tree.Children[node]) sums.Add(s.SumsOf(c));
    }

    /// <summary>Step 6: point fait scaled to each rule's target ratio (targets all computed first), then re-summed upwards.</summary>
    public void ApplyScoreRealise()
    {
        var rules = tree.ScoreRealise;
        if (rules.Length == 0) return;
        _scoresAvailable = true;
        Span<double> targets = rules.Length <= 256 ? stackalloc double[rules.Length] : new double[rules.Length];
        for (var r = 0; r < rules.Length; r++)
        {
            var (node, formula) = rules[r];
            targets[r] = s.Potentiel[node] > 0 && formula.Evaluate(this).AsNumber is { } t ? t : double.NaN;
        }
        for (var r = 0; r < rules.Length; r++)
        {
            var node = rules[r].Node;
            if (double.IsNaN(targets[r])) continue;
            var ratio = s.FaitOf(node) / s.Potentiel[node];
            if (ratio <= 0) continue;
            var scale = targets[r] / ratio;
            s.ScoreScale[r] = scale;
            for (var j = node; j < tree.SubtreeEnd[node]; j++)
                if (tree.Slot[j] is var slot and >= 0) s.Internal[slot].Fait *= scale;
            for (var a = tree.Parent[node]; a >= 0; a = tree.Parent[a])
            {
                if (s.Statuses[a].Kind == StatusKind.Progress) continue;
                double sum = 0;
                foreach (var c in tree.Children[a]) sum += s.FaitOf(c);
                s.Internal[tree.Slot[a]].Fait = sum;
            }
        }
        _scoresAvailable = false;
    }

    private static bool HasOwnStatus(NodeStatus status) => status.Kind is StatusKind.Progress or StatusKind.NonRenseigne;

    private bool AllChildrenNonConcerned(int node)
    {
        foreach (var c in tree.Children[node])
            if (s.Concerne[c]) return false;
        return true;
    }

    private double SumPotential(int node, bool concernedOnly)
    {
        double sum = 0;
        foreach (var c in tree.Children[node])
            if (!concernedOnly || s.Concerne[c]) sum += s.Potentiel[c];
        return sum;
    }

    // What formulas read: the profile, and scores once points are computed (score réalisé).
    public bool HasIdentityTag(string field, string tag) => profile.Identity.TryGetValue(field, out var tags) && tags.Contains(tag);

    public FormulaValue Answer(string questionId) => profile.Answers.TryGetValue(questionId, out var answer) ? answer : FormulaValue.Null;

    public double? Score(int nodeIndex)
    {
        if (!_scoresAvailable) return null;
        var potential = s.Potentiel[nodeIndex];
        return potential > 0 ? s.FaitOf(nodeIndex) / potential : 0;
    }
}
