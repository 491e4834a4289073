using Assett.Data;
using Assett.Data.Meetings;
using Assett.Data.ReferenceData;
using Assett.Referentials.Packages;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Shared.Meetings;

/// <summary>One meeting's counts: people registered, waiting, and present once recorded.</summary>
public sealed record MeetingRow(Meeting Meeting, int Registered, int Waiting, int Attended, bool Recorded);

/// <summary>A line of a tally: meetings and participants on a theme, or member organisations and those met in a segment.</summary>
public sealed record MeetingTally(string Label, int Count, int Of);

/// <summary>
/// The meetings of a period, as officers and the cohort report see them: held (published and begun),
/// registrations, the attendance rate (people present over people registered, where attendance was
/// recorded), by theme (the axes), and by segment the member organisations met (present at least once in
/// the period); the member organisations never met at any meeting.
/// </summary>
public sealed record MeetingFigures(IReadOnlyList<MeetingRow> Meetings, int Members, int Met, IReadOnlyList<MeetingTally> ByTheme,
    IReadOnlyList<MeetingTally> BySector, IReadOnlyList<MeetingTally> ByHeadcount, IReadOnlyList<string> NeverMet)
{
    /// <summary>A meeting held: published (not a draft, not cancelled) and begun.</summary>
    public static bool IsHeld(Meeting meeting, DateTimeOffset now) => meeting.State == MeetingState.Published && meeting.StartsAt <= now;

    public IEnumerable<MeetingRow> Held(DateTimeOffset now) => Meetings.Where(m => IsHeld(m.Meeting, now));

    public int Registrations => Meetings.Where(m => m.Meeting.State == MeetingState.Published).Sum(m => m.Registered);

    /// <summary>Present over registered, on the meetings whose attendance was recorded; null before any.</summary>
    public double? AttendanceRate => Meetings.Where(m => m.Recorded).Sum(m => m.Registered) is var registered and > 0
        ? (double)Meetings.Where(m => m.Recorded).Sum(m => m.Attended) / registered
        : null;

    /// <param name="package">The referential whose axes name the themes; none: themes by id.</param>
    public static async Task<MeetingFigures> OfAsync(AssettDbContext db, TenantInfo territory, ReferentialPackage? package, DateOnly from, DateOnly to,
        CancellationToken cancellationToken)
    {
        var (start, end) = (territory.StartOf(from), territory.StartOf(to.AddDays(1)));
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.StartsAt >= start && m.StartsAt < end).OrderBy(m => m.StartsAt)
            .ToListAsync(cancellationToken);
        var ids = meetings.Select(m => m.Id).ToList();
        var registrations = await db.MeetingRegistrations.AsNoTracking().Where(r => ids.Contains(r.MeetingId) && r.State != RegistrationState.Cancelled)
            .Select(r => new { r.MeetingId, r.OrganisationId, r.State, r.Attended }).ToListAsync(cancellationToken);
        var byMeeting = registrations.ToLookup(r => r.MeetingId);
        var rows = meetings.Select(m => new MeetingRow(m, byMeeting[m.Id].Count(r => r.State == RegistrationState.Registered),
            byMeeting[m.Id].Count(r => r.State == RegistrationState.Waiting), byMeeting[m.Id].Count(r => r.Attended == true),
            byMeeting[m.Id].Any(r => r.Attended is not null))).ToList();

        var members = await MeetingAudiences.Cohort(db).Select(o => new { o.Id, o.Name, o.NafSection, o.Headcount }).ToListAsync(cancellationToken);
        var cancelled = meetings.Where(m => m.State == MeetingState.Cancelled).Select(m => m.Id).ToHashSet();
        var met = registrations.Where(r => r.Attended == true && !cancelled.Contains(r.MeetingId)).Select(r => r.OrganisationId).ToHashSet();
        var everMet = (await db.MeetingRegistrations.AsNoTracking().Where(r => r.Attended == true).Select(r => r.OrganisationId).Distinct()
            .ToListAsync(cancellationToken)).ToHashSet();

        var byTheme = rows.Where(r => r.Recorded).SelectMany(r => r.Meeting.Themes.Select(MeetingAudiences.AxisOf).Distinct().Select(axis => (axis, r)))
            .GroupBy(x => x.axis).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new MeetingTally(package?.NodesById.GetValueOrDefault(g.Key) is { } node ? $"{node.Identifiant}. {node.Title}" : g.Key,
                g.Count(), g.Sum(x => x.r.Attended))).ToList();
        return new MeetingFigures(rows, members.Count, members.Count(m => met.Contains(m.Id)), byTheme,
            [.. members.GroupBy(m => m.NafSection).OrderBy(g => g.Key)
                .Select(g => new MeetingTally(g.Key is { } section ? NafCodes.SectionName(section) : "Non renseigné", g.Count(),
                    g.Count(m => met.Contains(m.Id))))],
            [.. members.GroupBy(m => m.Headcount).OrderBy(g => g.Key is null).ThenBy(g => g.Key)
                .Select(g => new MeetingTally(OrganisationLabels.Of(g.Key), g.Count(), g.Count(m => met.Contains(m.Id))))],
            [.. members.Where(m => !everMet.Contains(m.Id)).Select(m => m.Name).Order(French.Names)]);
    }
}
