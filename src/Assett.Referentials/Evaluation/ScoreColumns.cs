namespace Assett.Referentials.Evaluation;

/// <summary>The points and task counters that step 5 adds up, for one node.</summary>
internal struct Sums
{
    public double Fait, Programme, PasFait, NonRenseigne;
    public double Total, Completed, FaitAvancement, ProgrammeAvancement, PasFaitAvancement, PasConcerneAvancement;

    public void Add(in Sums other)
    {
        Fait += other.Fait;
        Programme += other.Programme;
        PasFait += other.PasFait;
        NonRenseigne += other.NonRenseigne;
        Total += other.Total;
        Completed += other.Completed;
        FaitAvancement += other.FaitAvancement;
        ProgrammeAvancement += other.ProgrammeAvancement;
        PasFaitAvancement += other.PasFaitAvancement;
        PasConcerneAvancement += other.PasConcerneAvancement;
    }

    /// <summary>A non-concerned node: no points; its direct leaves (or 1) counted as completed and not concerned.</summary>
    public static Sums NonConcerned(double count) => new() { Total = count, Completed = count, PasConcerneAvancement = count };
}

/// <summary>
/// An evaluation's figures. Potentials and flags are kept for every node, sums only for internal nodes: a leaf's
/// figures follow from its status, its potential and the score réalisé scales above it, so they are derived when read.
/// This keeps a whole CAE evaluation under 64 KB (docs/performance.md) without losing a digit.
/// </summary>
internal sealed class ScoreColumns
{
    private readonly EvaluationTree _tree;

    public ScoreColumns(EvaluationTree tree, NodeStatus[] statuses)
    {
        _tree = tree;
        Statuses = statuses;
        Potentiel = new double[tree.Count];
        Concerne = new bool[tree.Count];
        Desactive = new bool[tree.Count];
        Internal = new Sums[tree.InternalCount];
        PotentielPerso = new double[tree.ReductionCount];
        ScoreScale = new double[tree.ScoreRealise.Length];
        Array.Fill(ScoreScale, 1.0);
    }

    /// <summary>The statuses evaluated, read for the leaves' figures: the caller's array, not a copy.</summary>
    public NodeStatus[] Statuses { get; }

    public readonly double[] Potentiel;
    public readonly bool[] Concerne;
    public readonly bool[] Desactive;

    /// <summary>Step 5's sums (then step 6's point fait), by internal slot.</summary>
    public readonly Sums[] Internal;

    /// <summary>F × referential points, by reduction slot (NaN when the rule yields nothing).</summary>
    public readonly double[] PotentielPerso;

    /// <summary>The scale each score réalisé rule applied to the point fait of its subtree (1 before it applies).</summary>
    public readonly double[] ScoreScale;

    public Sums SumsOf(int node)
    {
        var slot = _tree.Slot[node];
        return slot >= 0 ? Internal[slot] : Leaf(node);
    }

    public double FaitOf(int node) => SumsOf(node).Fait;

    /// <summary>Step 5 for a leaf (docs/referential-format.md §5), with the score réalisé scales above it.</summary>
    private Sums Leaf(int node)
    {
        if (!Concerne[node]) return Sums.NonConcerned(1);
        var status = Statuses[node];
        var potentiel = Potentiel[node];
        if (status.Kind != StatusKind.Progress) return new Sums { NonRenseigne = potentiel, Total = 1 };
        var scale = 1.0;
        foreach (var rule in _tree.ScoreRulesAbove[node]) scale *= ScoreScale[rule];
        return new Sums
        {
            Fait = status.Fait * potentiel * scale, Programme = status.Programme * potentiel, PasFait = status.PasFait * potentiel,
            Total = 1, Completed = 1,
            FaitAvancement = status.Fait, ProgrammeAvancement = status.Programme, PasFaitAvancement = status.PasFait,
        };
    }

    public NodeScore this[int node]
    {
        get
        {
            var sums = SumsOf(node);
            var reduction = _tree.ReductionSlot[node];
            return new NodeScore
            {
                PointPotentiel = Potentiel[node],
                PointPotentielPerso = reduction >= 0 ? PotentielPerso[reduction] : double.NaN,
                PointFait = sums.Fait,
                PointProgramme = sums.Programme,
                PointPasFait = sums.PasFait,
                PointNonRenseigne = sums.NonRenseigne,
                Concerne = Concerne[node],
                Desactive = Desactive[node],
                TotalTachesCount = sums.Total,
                CompletedTachesCount = sums.Completed,
                FaitTachesAvancement = sums.FaitAvancement,
                ProgrammeTachesAvancement = sums.ProgrammeAvancement,
                PasFaitTachesAvancement = sums.PasFaitAvancement,
                PasConcerneTachesAvancement = sums.PasConcerneAvancement,
            };
        }
    }
}
