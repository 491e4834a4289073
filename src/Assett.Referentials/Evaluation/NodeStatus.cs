namespace Assett.Referentials.Evaluation;

public enum StatusKind : byte
{
    /// <summary>Nothing set on this node.</summary>
    None,

    /// <summary>fait, programmé, pas fait or a detailed split.</summary>
    Progress,
    NonConcerne,

    /// <summary>Explicitly not filled in (or an unknown status string, read as it).</summary>
    NonRenseigne,
}

/// <summary>The status of a sub-action or a task.</summary>
public readonly record struct NodeStatus(StatusKind Kind, double Fait = 0, double Programme = 0, double PasFait = 0)
{
    public static readonly NodeStatus None = default;
    public static readonly NodeStatus Done = new(StatusKind.Progress, 1, 0, 0);
    public static readonly NodeStatus Planned = new(StatusKind.Progress, 0, 1, 0);
    public static readonly NodeStatus NotDone = new(StatusKind.Progress, 0, 0, 1);
    public static readonly NodeStatus NotConcerned = new(StatusKind.NonConcerne);
    public static readonly NodeStatus NotFilled = new(StatusKind.NonRenseigne);

    public const double SplitTolerance = 1e-6;

    /// <summary>A detailed split [fait, programmé, pas fait]: three numbers in 0..1 summing to 1; null otherwise.</summary>
    public static NodeStatus? Split(double fait, double programme, double pasFait)
    {
        if (!InUnitRange(fait) || !InUnitRange(programme) || !InUnitRange(pasFait)) return null;
        if (Math.Abs(fait + programme + pasFait - 1) > SplitTolerance) return null;
        return new NodeStatus(StatusKind.Progress, fait, programme, pasFait);
    }

    /// <summary>The statuses a case file or a form may name.</summary>
    public static NodeStatus? FromName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "fait" => Done,
        "programme" or "programmé" => Planned,
        "pas_fait" or "pas fait" => NotDone,
        "non_concerne" or "non concerné" or "non_concerné" => NotConcerned,
        "non_renseigne" or "non renseigné" or "non_renseigné" => NotFilled,
        _ => null,
    };

    private static bool InUnitRange(double value) => value is >= 0 and <= 1;
}
