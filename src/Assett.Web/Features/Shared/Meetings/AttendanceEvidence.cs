using Assett.Data;
using Assett.Data.Assessments;
using Assett.Data.Campaigns;
using Assett.Data.Meetings;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Shared.Meetings;

/// <summary>
/// The tasks answered from recorded attendance (<c>rencontres: N</c>, docs/referential-format.md): « fait »
/// once the organisation attended N meetings within the campaign's window, unanswered before. Only
/// the answers the proof wrote are taken back when attendance is corrected; a submitted assessment or
/// a closed campaign no longer changes (docs/decisions.md).
/// </summary>
public sealed class AttendanceEvidence(AssettDbContext db, ReferentialPackages packages, TaskAnswers answers, IMultiTenantContextAccessor tenant)
{
    /// <summary>Who the task's history names as the author of a proven answer.</summary>
    public const string Author = "Présence aux rencontres";

    /// <summary>Brings the proven tasks of these organisations up to date in every campaign not closed; returns how many answers changed.</summary>
    public async Task<int> ApplyAsync(IReadOnlyCollection<Guid> organisations, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var campaign in await db.Campaigns.AsNoTracking().Where(c => c.State != CampaignState.Closed).ToListAsync(cancellationToken))
        {
            var referential = await packages.GetAsync(db, campaign.ReferentialVersionId, cancellationToken);
            var proven = referential.Package.Nodes.Where(n => n.MeetingsAttended is not null).ToList();
            if (proven.Count == 0) continue;
            var attended = await AttendedAsync(organisations, campaign, cancellationToken);
            var assessments = await db.Assessments.AsNoTracking()
                .Where(a => a.CampaignId == campaign.Id && organisations.Contains(a.OrganisationId) && a.State != AssessmentState.Submitted)
                .ToListAsync(cancellationToken);
            var ids = assessments.Select(a => a.Id).ToList();
            var nodeIds = proven.Select(n => n.Id).ToList();
            var current = (await db.TaskStatuses.AsNoTracking().Where(s => ids.Contains(s.AssessmentId) && nodeIds.Contains(s.NodeId))
                .ToListAsync(cancellationToken)).ToDictionary(s => (s.AssessmentId, s.NodeId));
            foreach (var assessment in assessments)
                foreach (var task in proven)
                {
                    var entry = current.GetValueOrDefault((assessment.Id, task.Id));
                    var reached = attended.GetValueOrDefault(assessment.OrganisationId) >= task.MeetingsAttended;
                    StatusValue? status = reached && entry?.Status.Kind != StatusKinds.Fait ? new StatusValue(StatusKinds.Fait)
                        : !reached && entry is { UpdatedBy: Author } && entry.Status.Kind == StatusKinds.Fait ? new StatusValue(StatusKinds.NonRenseigne)
                        : null;
                    if (status is not null
                        && (await answers.ProveAsync(referential, assessment, task.Id, status, Author, cancellationToken)).Outcome == SaveOutcome.Saved)
                        changed++;
                }
        }
        return changed;
    }

    /// <summary>How many meetings each organisation attended within the campaign's window (its days, in the territory's time zone).</summary>
    public async Task<Dictionary<Guid, int>> AttendedAsync(IReadOnlyCollection<Guid> organisations, Campaign campaign, CancellationToken cancellationToken)
    {
        var territory = tenant.Current!;
        var rows = await db.MeetingRegistrations.AsNoTracking().Where(r => organisations.Contains(r.OrganisationId) && r.Attended == true)
            .Join(db.Meetings.Where(m => m.State != MeetingState.Cancelled), r => r.MeetingId, m => m.Id, (r, m) => new { r.OrganisationId, m.Id, m.StartsAt })
            .Distinct().ToListAsync(cancellationToken);
        return rows.Where(r => territory.DateAt(r.StartsAt) is var day && day >= campaign.OpensOn && day <= campaign.ClosesOn)
            .GroupBy(r => r.OrganisationId).ToDictionary(g => g.Key, g => g.Select(r => r.Id).Distinct().Count());
    }
}
