using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Mail;
using Assett.Data.Meetings;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Shared.Meetings;

/// <summary>
/// Every mail of a meeting, through the outbox, each once (its key): the invitation of the audience, the
/// confirmation of a registration, a freed place, the reminder, a change of date or place, the
/// cancellation, and the follow-up. Those about the meeting's date carry its calendar file; invitations
/// and reminders end with the link that stops them (docs/decisions.md).
/// </summary>
public sealed class MeetingMails(AssettDbContext db, MailSettings mail, MeetingLinks links, TimeProvider clock)
{
    /// <summary>Invites each organisation through its first owner; returns how many were queued.</summary>
    public async Task<int> InviteAsync(TenantInfo territory, Meeting meeting, IReadOnlyCollection<Guid> organisations, CancellationToken cancellationToken)
    {
        var owners = await db.FirstOwnersAsync(organisations, cancellationToken);
        var stopped = await StoppedAsync(MeetingMailKind.Invitation, cancellationToken);
        var queued = 0;
        foreach (var (organisation, email) in owners.Where(o => !stopped.Contains(o.Value)))
        {
            var message = $"{territory.Name} vous invite à sa rencontre « {meeting.Title} » ({MeetingWords.Kind(meeting.Kind).ToLowerInvariant()}), " +
                $"{MeetingWords.When(meeting, territory.Zone)}, {MeetingWords.Where(meeting)}. {meeting.Description}\n\n" +
                "Inscrivez une ou plusieurs personnes de votre organisation depuis la page de la rencontre.\n\n" +
                links.StopLine(territory, MeetingMailKind.Invitation, email);
            if (await Outbox.EnqueueNoticeAsync(db, $"meeting-invitation:{meeting.Id}:{organisation}", email, $"Invitation : « {meeting.Title} »",
                    message, ("S’inscrire à la rencontre", links.Meeting(territory, meeting.Id)), cancellationToken, null,
                    Calendar(territory, meeting, email)))
                queued++;
        }
        return queued;
    }

    /// <summary>Tells the person they are registered (with the calendar file) or on the waiting list.</summary>
    public Task RegisteredAsync(TenantInfo territory, Meeting meeting, MeetingRegistration registration, CancellationToken cancellationToken)
    {
        var waiting = registration.State == RegistrationState.Waiting;
        var message = waiting
            ? $"La rencontre « {meeting.Title} » de {territory.Name}, {MeetingWords.When(meeting, territory.Zone)}, est complète : vous êtes " +
              "sur la liste d’attente. Vous recevrez un message si une place se libère."
            : $"Vous êtes inscrit(e) à la rencontre « {meeting.Title} » de {territory.Name}, {MeetingWords.When(meeting, territory.Zone)}, " +
              $"{MeetingWords.Where(meeting)}. L’invitation pour votre agenda est jointe.";
        return Outbox.EnqueueNoticeAsync(db, $"meeting-registered:{registration.Id}:{registration.State}:{registration.RegisteredAt:O}",
            registration.Email, waiting ? $"Liste d’attente : « {meeting.Title} »" : $"Inscription : « {meeting.Title} »", message,
            ("Voir la rencontre", links.Meeting(territory, meeting.Id)), cancellationToken, registration.Name,
            waiting ? null : Calendar(territory, meeting, registration.Email));
    }

    public Task PlaceFreedAsync(TenantInfo territory, Meeting meeting, MeetingRegistration registration, CancellationToken cancellationToken) =>
        Outbox.EnqueueNoticeAsync(db, $"meeting-place:{registration.Id}:{registration.RegisteredAt:O}", registration.Email,
            $"Une place pour « {meeting.Title} »",
            $"Une place s’est libérée : vous êtes inscrit(e) à la rencontre « {meeting.Title} » de {territory.Name}, " +
            $"{MeetingWords.When(meeting, territory.Zone)}. L’invitation pour votre agenda est jointe.",
            ("Voir la rencontre", links.Meeting(territory, meeting.Id)), cancellationToken, registration.Name,
            Calendar(territory, meeting, registration.Email));

    public Task<bool> ReminderAsync(TenantInfo territory, Meeting meeting, Guid registrationId, string name, string email,
        CancellationToken cancellationToken) =>
        Outbox.EnqueueNoticeAsync(db, $"meeting-reminder:{registrationId}", email, $"Rappel : « {meeting.Title} » dans deux jours",
            $"La rencontre « {meeting.Title} » de {territory.Name} a lieu {MeetingWords.When(meeting, territory.Zone)}, " +
            $"{MeetingWords.Where(meeting)}. L’invitation pour votre agenda est jointe.\n\n" +
            links.StopLine(territory, MeetingMailKind.Reminder, email),
            ("Voir la rencontre", links.Meeting(territory, meeting.Id)), cancellationToken, name, Calendar(territory, meeting, email));

    /// <summary>The new date or place to everyone registered or waiting, with the updated calendar file (its sequence has grown).</summary>
    public async Task<int> ChangedAsync(TenantInfo territory, Meeting meeting, CancellationToken cancellationToken)
    {
        var queued = 0;
        foreach (var registration in await ConcernedAsync(meeting, cancellationToken))
            if (await Outbox.EnqueueNoticeAsync(db, $"meeting-change:{registration.Id}:{meeting.Sequence}", registration.Email,
                    $"Changement : « {meeting.Title} »",
                    $"La rencontre « {meeting.Title} » de {territory.Name} change : elle a lieu {MeetingWords.When(meeting, territory.Zone)}, " +
                    $"{MeetingWords.Where(meeting)}. L’invitation jointe met votre agenda à jour.",
                    ("Voir la rencontre", links.Meeting(territory, meeting.Id)), cancellationToken, registration.Name,
                    Calendar(territory, meeting, registration.Email)))
                queued++;
        return queued;
    }

    public async Task<int> CancelledAsync(TenantInfo territory, Meeting meeting, CancellationToken cancellationToken)
    {
        var queued = 0;
        foreach (var registration in await ConcernedAsync(meeting, cancellationToken))
            if (await Outbox.EnqueueNoticeAsync(db, $"meeting-cancelled:{registration.Id}", registration.Email, $"Annulée : « {meeting.Title} »",
                    $"La rencontre « {meeting.Title} » de {territory.Name}, prévue {MeetingWords.When(meeting, territory.Zone)}, est annulée. " +
                    "Le fichier joint la retire de votre agenda.",
                    null, cancellationToken, registration.Name, Calendar(territory, meeting, registration.Email)))
                queued++;
        return queued;
    }

    /// <summary>The follow-up to each person who came, with the materials' links and the page where the files are.</summary>
    public async Task<int> FollowUpAsync(TenantInfo territory, Meeting meeting, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var came = await db.MeetingRegistrations.AsNoTracking().Where(r => r.MeetingId == meeting.Id && r.Attended == true).ToListAsync(cancellationToken);
        var materials = string.Join("\n", meeting.Links.Select(l => $"- {l.Title} : {l.Url}")
            .Concat(files.Select(f => $"- {f} (sur la page de la rencontre)")));
        var queued = 0;
        foreach (var registration in came)
            if (await Outbox.EnqueueNoticeAsync(db, $"meeting-follow-up:{registration.Id}", registration.Email, $"Suites de « {meeting.Title} »",
                    $"Merci d’avoir participé à la rencontre « {meeting.Title} » de {territory.Name}.\n\n{meeting.FollowUp}" +
                    (materials.Length > 0 ? $"\n\nLes supports :\n{materials}" : "") +
                    "\n\nDepuis la page de la rencontre, votre organisation peut prendre un engagement sur ses thèmes.",
                    ("Voir la rencontre et ses supports", links.Meeting(territory, meeting.Id)), cancellationToken, registration.Name))
                queued++;
        return queued;
    }

    private Task<List<MeetingRegistration>> ConcernedAsync(Meeting meeting, CancellationToken cancellationToken) =>
        db.MeetingRegistrations.AsNoTracking().Where(r => r.MeetingId == meeting.Id && r.State != RegistrationState.Cancelled)
            .ToListAsync(cancellationToken);

    private async Task<HashSet<string>> StoppedAsync(MeetingMailKind kind, CancellationToken cancellationToken) =>
        [.. await db.MeetingMailOptOuts.AsNoTracking().Where(o => o.Kind == kind).Select(o => o.Email).ToListAsync(cancellationToken)];

    private OutboxAttachment Calendar(TenantInfo territory, Meeting meeting, string attendee) =>
        MeetingCalendarFile.For(meeting, territory, mail.FromAddress, attendee, clock.GetUtcNow());
}
