using Assett.Data.Labelling;
using Assett.Web.Features.Shared;

namespace Assett.Web.Features.Officer.Labelling;

/// <summary>A task's evidence as XLSX sheets: the task and its statuses, the counters, then the tables it shows.</summary>
public static class EvidenceSheets
{
    public static Dictionary<string, object> Of(TaskEvidence evidence)
    {
        var (task, cohort, zone) = (evidence.Task, evidence.Cohort, evidence.Zone);
        var sheets = new Dictionary<string, object>
        {
            ["Tâche"] = new List<Dictionary<string, object?>>
            {
                Row("Territoire", evidence.Territory),
                Row("Tâche Territoire engagé (CAE)", evidence.Number),
                Row("Intitulé officiel", evidence.OfficialTitle ?? "(référentiel CAE non configuré)"),
                Row("Ce qu’elle demande", task.Title),
                Row("Ce que montrent les données d’Assett", task.Evidence),
                Row("Période", $"du {French.Day(cohort.Period.From)} au {French.Day(cohort.Period.To)}"),
                Row("Statut proposé", EvidenceWords.Status(evidence.Proposed)),
                Row("Règle", EvidenceWords.Rule(task)),
                Row("Statut confirmé", evidence.Confirmed is { } c ? EvidenceWords.Status(c.Status) : "non confirmé"),
                Row("Confirmé le", evidence.Confirmed is { } on ? French.Day(on.ConfirmedAt, zone) : null),
            },
            ["Chiffres"] = Enum.GetValues<EvidenceCounter>().Select(counter => new Dictionary<string, object?>
            {
                ["Chiffre"] = EvidenceWords.Counter(counter), ["Valeur"] = cohort[counter],
                ["Dans la règle"] = task.Done.Concat(task.Planned).Any(t => t.Counter == counter) ? "oui" : "",
            }).ToList(),
        };
        foreach (var section in task.Sections)
            foreach (var (name, rows) in Tables(section, cohort, zone))
                sheets[name] = rows;
        return sheets;
    }

    private static IEnumerable<(string, List<Dictionary<string, object?>>)> Tables(EvidenceSection section, CohortEvidence cohort, TimeZoneInfo zone)
    {
        switch (section)
        {
            case EvidenceSection.Charter:
                yield return ("Charte", [.. cohort.CharterVersions.Select(v => new Dictionary<string, object?>
                {
                    ["Version"] = v.Version, ["En vigueur"] = v.InForce ? "oui" : "non", ["Signataires"] = v.Signatories,
                    ["Dont signées dans la période"] = v.NewInPeriod,
                })]);
                yield return ("Signataires publiés", [.. cohort.ListedSignatories.Select(name => new Dictionary<string, object?> { ["Organisation"] = name })]);
                break;
            case EvidenceSection.Commitments:
                yield return ("Engagements", [.. cohort.Commitments.Select(c => new Dictionary<string, object?>
                {
                    ["Organisation"] = c.Organisation, ["Objectif"] = c.Target, ["Échéance"] = French.Day(c.DueDate), ["État"] = c.State,
                    ["Dernier suivi dans la période"] = c.FollowUp,
                })]);
                break;
            case EvidenceSection.Meetings:
                yield return ("Rencontres tenues", [.. cohort.Held.Select(m => new Dictionary<string, object?>
                {
                    ["Date"] = French.Day(m.StartsAt, zone), ["Rencontre"] = m.Title, ["Type"] = m.Kind, ["Participants"] = m.Participants,
                    ["Organisations présentes"] = m.Organisations, ["Communes membres présentes"] = m.MemberCommunes,
                })]);
                yield return ("Rencontres programmées", [.. cohort.Planned.Select(m => new Dictionary<string, object?>
                {
                    ["Date"] = French.Day(m.StartsAt, zone), ["Rencontre"] = m.Title, ["Type"] = m.Kind,
                })]);
                break;
            case EvidenceSection.Support:
                yield return ("Accompagnement", [Row("Organisations accompagnées", cohort[EvidenceCounter.SupportedOrganisations]),
                    Row("Venues à une rencontre", cohort.SupportedByMeetings), Row("Ayant suivi un engagement", cohort.SupportedByCommitments)]);
                break;
            case EvidenceSection.PublicBodies:
                yield return ("Communes membres", [.. cohort.MemberCommunes.Select(c => new Dictionary<string, object?>
                {
                    ["Commune"] = c.Name, ["Code INSEE"] = c.Insee, ["Venue à une rencontre"] = c.Met ? "oui" : "non",
                })]);
                break;
        }
    }

    private static Dictionary<string, object?> Row(string label, object? value) => new() { ["Élément"] = label, ["Valeur"] = value };
}
