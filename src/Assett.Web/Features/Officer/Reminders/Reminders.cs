using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Assessments;
using Assett.Data.Campaigns;
using Assett.Data.Invitations;
using Assett.Data.Mail;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Officer.Reminders;

/// <summary>What a reminder is about, and the last part of its outbox key.</summary>
public enum ReminderKind
{
    /// <summary>Invited, not registered yet: the invitation again, with a fresh link.</summary>
    Invitation,

    /// <summary>Started, not submitted.</summary>
    Unsubmitted,

    /// <summary>Registered, not submitted, and the campaign closes within <see cref="Reminders.LastCallWindow"/>: once per campaign.</summary>
    LastCall,
}

/// <summary>One reminder to send: to whom, for which organisation, and its text.</summary>
public sealed record Reminder(ReminderKind Kind, Guid OrganisationId, string OrganisationName, string To, string Subject, string Text, string Html)
{
    /// <summary>For an invitation's reminder: the invitation, and the hash of the new link's token it carries.</summary>
    public (Guid InvitationId, string TokenHash)? Renewal { get; init; }
}

/// <summary>
/// The reminders of a territory's open campaign. Each goes through the outbox under the key
/// (tenant, campaign, organisation, kind, sequence), where the sequence is the schedule's occurrence
/// (or "1" for the last call): a retried, repeated or concurrent run queues nothing twice.
/// </summary>
public sealed class Reminders(AssettDbContext db, ReminderLinks links)
{
    public static readonly int LastCallWindow = 7;

    /// <summary>
    /// Queues the reminders due for <paramref name="occurrence"/> (the schedule's date, in the territory's time zone); returns how
    /// many were new.
    /// </summary>
    public async Task<int> QueueAsync(TenantInfo territory, DateOnly occurrence, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.State == CampaignState.Open).OrderBy(c => c.OpensOn)
            .FirstOrDefaultAsync(cancellationToken);
        if (campaign is null) return 0;
        var queued = 0;
        foreach (var reminder in await DueAsync(territory, campaign, occurrence, cancellationToken))
        {
            var sequence = reminder.Kind == ReminderKind.LastCall ? "1" : occurrence.ToString("yyyy-MM-dd");
            var key = $"reminder:{campaign.Id}:{reminder.OrganisationId}:{reminder.Kind}:{sequence}";
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await Outbox.EnqueueAsync(db, key, reminder.To, reminder.Subject, reminder.Text, reminder.Html, cancellationToken)) continue;
            // The invitation's link is stored hashed only: the reminder carries a new one, which replaces it.
            if (reminder.Renewal is var (invitationId, hash))
                await db.Invitations.Where(i => i.Id == invitationId).ExecuteUpdateAsync(
                    i => i.SetProperty(x => x.TokenHash, hash).SetProperty(x => x.ExpiresAt, now + InvitationIssuer.Lifetime), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            queued++;
        }
        return queued;
    }

    /// <summary>The reminders <see cref="QueueAsync"/> would queue, as the officer previews them.</summary>
    public async Task<IReadOnlyList<Reminder>> DueAsync(TenantInfo territory, Campaign campaign, DateOnly today, CancellationToken cancellationToken)
    {
        var optedOut = db.ReminderOptOuts.Where(o => o.CampaignId == campaign.Id).Select(o => o.OrganisationId);
        // One reminder per organisation and kind (the outbox key): to its first owner.
        var firstOwners = await db.FirstOwnersAsync(null, cancellationToken);
        var excluded = (await optedOut.ToListAsync(cancellationToken)).ToHashSet();
        var names = await db.Organisations.AsNoTracking().Where(o => firstOwners.Keys.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name,
            cancellationToken);
        var owners = firstOwners.Where(o => !excluded.Contains(o.Key)).OrderBy(o => o.Key)
            .Select(o => new { Id = o.Key, Name = names[o.Key], Email = o.Value }).ToList();
        var states = await db.Assessments.AsNoTracking().Where(a => a.CampaignId == campaign.Id)
            .ToDictionaryAsync(a => a.OrganisationId, a => a.State, cancellationToken);
        var registered = owners.Select(o => o.Id).ToHashSet();
        var invited = await db.Invitations.AsNoTracking()
            .Where(i => i.Role == MembershipRole.OrganisationOwner && i.AcceptedAt == null && i.OrganisationId != null
                && !optedOut.Contains(i.OrganisationId!.Value))
            .Join(db.Organisations, i => i.OrganisationId, o => o.Id, (i, o) => new { i.Id, OrganisationId = o.Id, o.Name, i.Email, i.CreatedAt })
            .ToListAsync(cancellationToken);

        var lastCall = campaign.ClosesOn.DayNumber - today.DayNumber is >= 0 and var days && days <= LastCallWindow;
        var text = new ReminderTexts(territory, campaign, links);
        var due = new List<Reminder>();
        foreach (var invitation in invited.Where(i => !registered.Contains(i.OrganisationId)).GroupBy(i => i.OrganisationId)
                .Select(g => g.MaxBy(i => i.CreatedAt)!))
            due.Add(text.Invitation(invitation.OrganisationId, invitation.Name, invitation.Email, invitation.Id));
        foreach (var owner in owners.Where(o => states.GetValueOrDefault(o.Id) != AssessmentState.Submitted))
        {
            if (lastCall) due.Add(text.LastCall(owner.Id, owner.Name, owner.Email!));
            else if (states.GetValueOrDefault(owner.Id) == AssessmentState.InProgress) due.Add(text.Unsubmitted(owner.Id, owner.Name, owner.Email!));
        }
        return due;
    }
}
