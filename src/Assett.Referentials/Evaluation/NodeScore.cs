namespace Assett.Referentials.Evaluation;

/// <summary>The evaluation of one node, unrounded. Counters follow TeT's conventions (docs/referential-format.md §5).</summary>
public struct NodeScore
{
    public double PointPotentiel;

    /// <summary>F × referential points on a node whose own reduction rule yields a value; NaN elsewhere.</summary>
    public double PointPotentielPerso;

    public double PointFait;
    public double PointProgramme;
    public double PointPasFait;
    public double PointNonRenseigne;
    public bool Concerne;
    public bool Desactive;
    public double TotalTachesCount;
    public double CompletedTachesCount;
    public double FaitTachesAvancement;
    public double ProgrammeTachesAvancement;
    public double PasFaitTachesAvancement;
    public double PasConcerneTachesAvancement;

    /// <summary>The node counts for this organisation: it concerns it (profile rules) and the territory has not deactivated it.</summary>
    public readonly bool Counts => Concerne && !Desactive;

    /// <summary>Score % (point fait / potentiel × 100); 0 when there is no potential.</summary>
    public readonly double ScorePercent => PointPotentiel > 0 ? PointFait / PointPotentiel * 100 : 0;

    public readonly double ProgrammePercent => PointPotentiel > 0 ? PointProgramme / PointPotentiel * 100 : 0;

    public readonly double Completeness => TotalTachesCount > 0 ? CompletedTachesCount / TotalTachesCount : 0;
}
