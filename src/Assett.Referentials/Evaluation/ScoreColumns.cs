namespace Assett.Referentials.Evaluation;

/// <summary>
/// The evaluation's working storage, one array per figure (indexed by node). Separate arrays stay
/// small enough for the small-object heap, where a single array of structs would land on the
/// large-object heap and cost a full collection every few evaluations.
/// </summary>
internal sealed class ScoreColumns(int count)
{
    public readonly double[] Potentiel = new double[count];
    public readonly double[] PotentielPerso = new double[count];
    public readonly double[] Fait = new double[count];
    public readonly double[] Programme = new double[count];
    public readonly double[] PasFait = new double[count];
    public readonly double[] NonRenseigne = new double[count];
    public readonly bool[] Concerne = new bool[count];
    public readonly bool[] Desactive = new bool[count];
    public readonly double[] Total = new double[count];
    public readonly double[] Completed = new double[count];
    public readonly double[] FaitAvancement = new double[count];
    public readonly double[] ProgrammeAvancement = new double[count];
    public readonly double[] PasFaitAvancement = new double[count];
    public readonly double[] PasConcerneAvancement = new double[count];

    public NodeScore this[int i] => new()
    {
        PointPotentiel = Potentiel[i],
        PointPotentielPerso = PotentielPerso[i],
        PointFait = Fait[i],
        PointProgramme = Programme[i],
        PointPasFait = PasFait[i],
        PointNonRenseigne = NonRenseigne[i],
        Concerne = Concerne[i],
        Desactive = Desactive[i],
        TotalTachesCount = Total[i],
        CompletedTachesCount = Completed[i],
        FaitTachesAvancement = FaitAvancement[i],
        ProgrammeTachesAvancement = ProgrammeAvancement[i],
        PasFaitTachesAvancement = PasFaitAvancement[i],
        PasConcerneTachesAvancement = PasConcerneAvancement[i],
    };
}
