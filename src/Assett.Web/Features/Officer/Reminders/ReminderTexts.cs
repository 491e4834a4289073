using Assett.Web.Features.Shared;
using System.Text.Encodings.Web;
using Assett.Data.Campaigns;
using Assett.Data.Invitations;
using Assett.Tenancy;

namespace Assett.Web.Features.Officer.Reminders;

/// <summary>The French text of each reminder, in plain text and HTML, with the link that stops them.</summary>
public sealed class ReminderTexts(TenantInfo territory, Campaign campaign, ReminderLinks links)
{
    public Reminder Invitation(Guid organisationId, string organisation, string email, Guid invitationId)
    {
        var (token, hash) = InvitationTokens.Create();
        return Build(ReminderKind.Invitation, organisationId, organisation, email,
            $"Rappel : {territory.Name} vous invite à rejoindre Assett",
            $"{territory.Name} a invité {organisation} à sa démarche ASSETT ({campaign.Name}), et l’invitation attend encore votre réponse. " +
            "L’autoévaluation en ligne se remplit en plusieurs fois, mesure par mesure, à plusieurs si vous le souhaitez : " +
            "elle vous montre où en est votre organisation et quelles actions viennent ensuite.",
            "Accepter l’invitation", InvitationIssuer.Link(links.Site(territory), token),
            $"Ce lien est {InvitationIssuer.Validity} et remplace celui des messages précédents.")
            with
        { Renewal = (invitationId, hash) };
    }

    public Reminder Unsubmitted(Guid organisationId, string organisation, string email) =>
        Build(ReminderKind.Unsubmitted, organisationId, organisation, email,
            $"Votre autoévaluation {campaign.Name} est commencée",
            $"L’autoévaluation de {organisation} pour « {campaign.Name} » de {territory.Name} est commencée. " +
            $"Vos réponses sont enregistrées : reprenez où vous en étiez, puis transmettez-la avant le {French.Day(campaign.ClosesOn)}.",
            "Reprendre l’autoévaluation", $"{links.Site(territory)}/evaluation", null);

    public Reminder LastCall(Guid organisationId, string organisation, string email) =>
        Build(ReminderKind.LastCall, organisationId, organisation, email,
            $"Dernier rappel : « {campaign.Name} » se termine le {French.Day(campaign.ClosesOn)}",
            $"« {campaign.Name} » de {territory.Name} se termine le {French.Day(campaign.ClosesOn)}, " +
            $"et l’autoévaluation de {organisation} n’est pas encore transmise. " +
            "Quelques minutes suffisent pour la compléter : vos résultats rejoindront ceux des organisations du territoire.",
            "Terminer l’autoévaluation", $"{links.Site(territory)}/evaluation", null);

    private Reminder Build(ReminderKind kind, Guid organisationId, string organisation, string email, string subject, string message,
        string action, string link, string? note)
    {
        var optOut = links.OptOut(territory, campaign.Id, organisationId);
        var text = $"Bonjour,\n\n{message}\n\n{action} : {link}\n{(note is null ? "" : note + "\n")}\n" +
            $"Ne plus recevoir de rappels pour « {campaign.Name} » : {optOut}\n";
        var html = $"<p>Bonjour,</p><p>{Encode(message)}</p><p><a href=\"{Encode(link)}\">{Encode(action)}</a></p>" +
            (note is null ? "" : $"<p>{Encode(note)}</p>") +
            $"<p><small><a href=\"{Encode(optOut)}\">Ne plus recevoir de rappels pour « {Encode(campaign.Name)} »</a></small></p>";
        return new Reminder(kind, organisationId, organisation, email, subject, text, html);
    }


    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
