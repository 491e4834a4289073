using Assett.Data.Labelling;

namespace Assett.Web.Features.Officer.Labelling;

/// <summary>The French of the evidence pages: statuses, counters, and the rule of a task in a sentence.</summary>
public static class EvidenceWords
{
    public static readonly EvidenceStatus[] Statuses = Enum.GetValues<EvidenceStatus>();

    public static string Status(EvidenceStatus status) => status switch
    {
        EvidenceStatus.Done => "Fait",
        EvidenceStatus.Planned => "Programmé",
        _ => "Pas fait",
    };

    /// <summary>The DSFR badge of a status.</summary>
    public static string Badge(EvidenceStatus status) => status switch
    {
        EvidenceStatus.Done => "fr-badge--success",
        EvidenceStatus.Planned => "fr-badge--info",
        _ => "fr-badge--warning",
    };

    public static string Counter(EvidenceCounter counter) => counter switch
    {
        EvidenceCounter.Signatories => "organisations signataires de la charte",
        EvidenceCounter.MeetingsHeld => "rencontres tenues",
        EvidenceCounter.MeetingsPlanned => "rencontres programmées",
        EvidenceCounter.Participants => "participations aux rencontres",
        EvidenceCounter.QuantifiedCommitments => "engagements chiffrés et datés en cours",
        EvidenceCounter.FollowedCommitments => "engagements suivis (mis à jour, réalisés ou abandonnés)",
        EvidenceCounter.SupportedOrganisations => "organisations accompagnées",
        EvidenceCounter.PublicBodies => "organismes publics dans la cohorte",
        EvidenceCounter.MemberCommunes => "communes membres dans la cohorte",
        _ => "communes membres venues à une rencontre",
    };

    /// <summary>« Fait : organisations signataires de la charte, au moins 1 ; rencontres tenues, au moins 2. Sinon programmé : … Sinon : pas fait. »</summary>
    public static string Rule(EvidenceTask task)
    {
        static string Thresholds(IEnumerable<EvidenceThreshold> thresholds) =>
            string.Join(" ; ", thresholds.Select(t => $"{Counter(t.Counter)}, au moins {t.AtLeast}"));
        var rule = $"Fait : {Thresholds(task.Done)}.";
        if (task.Planned.Count > 0) rule += $" Sinon programmé : {Thresholds(task.Planned)}.";
        return rule + " Sinon : pas fait.";
    }
}
