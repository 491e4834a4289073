using Assett.Data;
using Assett.Data.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Shared.Meetings;

/// <summary>A meeting as an organisation sees it: places taken, its own people registered, and its share done on the meeting's weakest theme.</summary>
public sealed record OrganisationMeeting(Meeting Meeting, int Taken, IReadOnlyList<MeetingRegistration> Ours, double? WeakestShare)
{
    public bool Attended => Ours.Any(r => r.Attended == true);
}

/// <summary>
/// The meetings that invite an organisation: those to come, its weakest themes first (the lowest share
/// done among the meeting's axes, in its latest counted scores), then by date; and those it attended.
/// </summary>
public static class OrganisationMeetings
{
    public const string PartialView = "/Features/Shared/Meetings/_OrganisationMeetings.cshtml";

    public static async Task<IReadOnlyList<OrganisationMeeting>> UpcomingAsync(AssettDbContext db, Guid organisationId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var soon = now.AddDays(-1); // a meeting under way is still to come; its end is checked below
        var meetings = await MeetingAudiences.Inviting(db, organisationId).Where(m => m.State == MeetingState.Published && m.StartsAt > soon)
            .ToListAsync(cancellationToken);
        meetings = [.. meetings.Where(m => m.EndsAt > now)];
        var shares = meetings.Any(m => m.Themes.Count > 0) ? await SharesAsync(db, organisationId, cancellationToken) : [];
        return [.. (await WithRegistrationsAsync(db, organisationId, meetings, cancellationToken))
            .Select(m => m with { WeakestShare = m.Meeting.Themes.Select(t => shares.GetValueOrDefault(MeetingAudiences.AxisOf(t))).OfType<double>()
                .Select(s => (double?)s).Min() })
            .OrderBy(m => m.WeakestShare ?? double.MaxValue).ThenBy(m => m.Meeting.StartsAt)];
    }

    public static async Task<IReadOnlyList<OrganisationMeeting>> AttendedAsync(AssettDbContext db, Guid organisationId, CancellationToken cancellationToken)
    {
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.State != MeetingState.Cancelled
                && db.MeetingRegistrations.Any(r => r.MeetingId == m.Id && r.OrganisationId == organisationId && r.Attended == true))
            .OrderByDescending(m => m.StartsAt).ToListAsync(cancellationToken);
        return await WithRegistrationsAsync(db, organisationId, meetings, cancellationToken);
    }

    public static async Task<IReadOnlyList<OrganisationMeeting>> WithRegistrationsAsync(AssettDbContext db, Guid organisationId,
        IReadOnlyList<Meeting> meetings, CancellationToken cancellationToken)
    {
        if (meetings.Count == 0) return [];
        var ids = meetings.Select(m => m.Id).ToList();
        // The places taken are counted by the database: a meeting of the territory may have thousands of registrations, of
        // which the organisation's own are the only ones read.
        var found = await db.Meetings.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new
            {
                m.Id,
                Taken = db.MeetingRegistrations.Count(r => r.MeetingId == m.Id && r.State == RegistrationState.Registered),
                Ours = db.MeetingRegistrations.Where(r => r.MeetingId == m.Id && r.OrganisationId == organisationId && r.State != RegistrationState.Cancelled)
                    .OrderBy(r => r.Name).ToList(),
            })
            .ToDictionaryAsync(m => m.Id, cancellationToken);
        return [.. meetings.Where(m => found.ContainsKey(m.Id)).Select(m => new OrganisationMeeting(m, found[m.Id].Taken, found[m.Id].Ours, null))];
    }

    /// <summary>The share done of each axis in the organisation's latest counted scores.</summary>
    private static async Task<Dictionary<string, double>> SharesAsync(AssettDbContext db, Guid organisationId, CancellationToken cancellationToken)
    {
        var latest = db.CountedSnapshots.Where(c => c.OrganisationId == organisationId).OrderByDescending(c => c.TakenAt).Select(c => c.Id).Take(1);
        var totals = await db.ScoreNodeTotals.AsNoTracking().Where(t => latest.Contains(t.SnapshotId) && t.PointPotentiel > 0 && !t.NodeId.Contains("."))
            .Select(t => new { t.NodeId, t.PointFait, t.PointPotentiel }).ToListAsync(cancellationToken);
        return totals.ToDictionary(t => t.NodeId, t => t.PointFait / t.PointPotentiel);
    }
}
