namespace Assett.Data.Labelling;

/// <summary>
/// A task of the « Territoire engagé transition écologique » programme (its Climat Air Énergie
/// referential, id <c>cae_6.1.1.3.1</c>) that the cohort's data document, as
/// <c>tenants-config/labelling/territoire-engage.yaml</c> describes it (docs/labelling.md): what it asks
/// in our words, which figures prove it, and the thresholds that propose its status.
/// </summary>
public sealed record EvidenceTask
{
    public required string CaeId { get; init; }
    public required string Title { get; init; }

    /// <summary>What Assett's figures show for this task, in a sentence for the auditor.</summary>
    public required string Evidence { get; init; }

    public IReadOnlyList<EvidenceSection> Sections { get; init; } = [];

    /// <summary>Every threshold reached: « fait » is proposed.</summary>
    public IReadOnlyList<EvidenceThreshold> Done { get; init; } = [];

    /// <summary>Otherwise, every one of these reached (and at least one given): « programmé ».</summary>
    public IReadOnlyList<EvidenceThreshold> Planned { get; init; } = [];

    /// <summary>The status the figures propose: fait, else programmé, else pas fait.</summary>
    public EvidenceStatus Propose(IReadOnlyDictionary<EvidenceCounter, int> figures)
    {
        bool Reached(IReadOnlyList<EvidenceThreshold> thresholds) =>
            thresholds.Count > 0 && thresholds.All(t => figures.GetValueOrDefault(t.Counter) >= t.AtLeast);
        return Reached(Done) ? EvidenceStatus.Done : Reached(Planned) ? EvidenceStatus.Planned : EvidenceStatus.NotDone;
    }
}

/// <summary>« At least <see cref="AtLeast"/> of <see cref="Counter"/> over the period ».</summary>
public sealed record EvidenceThreshold(EvidenceCounter Counter, int AtLeast);

/// <summary>The statuses of Territoires en Transitions that a task of the mapping can be given.</summary>
public enum EvidenceStatus
{
    Done,
    Planned,
    NotDone,
}

/// <summary>The tables a task's evidence shows.</summary>
public enum EvidenceSection
{
    Charter,
    Commitments,
    Meetings,
    Support,
    PublicBodies,
}

/// <summary>What the cohort's data count over a period; the YAML names them in snake case (<c>meetings_held</c>).</summary>
public enum EvidenceCounter
{
    /// <summary>Organisations that have accepted a version of the charter by the period's end.</summary>
    Signatories,

    /// <summary>Published meetings that took place in the period.</summary>
    MeetingsHeld,

    /// <summary>Published meetings still to come.</summary>
    MeetingsPlanned,

    /// <summary>People present at the meetings held.</summary>
    Participants,

    /// <summary>Commitments with a quantified target and a due date, running during the period.</summary>
    QuantifiedCommitments,

    /// <summary>Commitments followed up (changed, done or abandoned) during the period.</summary>
    FollowedCommitments,

    /// <summary>Organisations that attended a meeting held, or followed up a commitment, in the period.</summary>
    SupportedOrganisations,

    /// <summary>Public bodies of the cohort.</summary>
    PublicBodies,

    /// <summary>Those of the cohort that are member communes of the intercommunality (by SIREN).</summary>
    MemberCommunes,

    /// <summary>Member communes that attended a meeting held in the period.</summary>
    MemberCommunesMet,
}
