using Assett.Data;
using Assett.Data.Meetings;
using Assett.Data.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Shared.Meetings;

/// <summary>
/// The organisations a meeting invites: the member organisations (an active membership, as
/// « registered ») matching every criterion of its audience. « Weak on its themes » means below the
/// cohort's median on them (docs/decisions.md), from the counted scores of the campaign: the points
/// done over the potential of the meeting's themes, taken at the level of their axes.
/// </summary>
public static class MeetingAudiences
{
    public static async Task<IReadOnlyList<Guid>> OrganisationsOfAsync(AssettDbContext db, Meeting meeting, Guid? campaignId,
        CancellationToken cancellationToken)
    {
        var audience = meeting.Audience;
        var cohort = Cohort(db);
        var members = cohort;
        if (audience.Sectors.Count > 0) members = members.Where(o => o.NafSection != null && audience.Sectors.Contains(o.NafSection));
        if (audience.Communes.Count > 0) members = members.Where(o => o.CommuneInsee != null && audience.Communes.Contains(o.CommuneInsee));
        if (audience.Kinds.Count > 0)
        {
            var kinds = Parsed<OrganisationKind>(audience.Kinds);
            members = members.Where(o => kinds.Contains(o.Kind));
        }
        if (audience.Headcounts.Count > 0)
        {
            var bands = Parsed<HeadcountBand>(audience.Headcounts).Select(b => (HeadcountBand?)b).ToList();
            members = members.Where(o => bands.Contains(o.Headcount));
        }
        var ids = await members.OrderBy(o => o.Name).Select(o => o.Id).ToListAsync(cancellationToken);
        if (!audience.WeakOnThemes) return ids;
        var weak = await WeakOnAsync(db, cohort, meeting.Themes, campaignId, cancellationToken);
        return [.. ids.Where(weak.Contains)];
    }

    /// <summary>The member organisations: an active membership, not awaiting approval (docs/decisions.md, « Member organisation »).</summary>
    public static IQueryable<Organisation> Cohort(AssettDbContext db) =>
        db.Organisations.AsNoTracking().Where(o => !o.AwaitingApproval && db.ActiveMemberships.Any(m => m.OrganisationId == o.Id));

    /// <summary>
    /// The published or cancelled meetings that invite the organisation: those of the whole cohort, and
    /// those whose segment counted it when they were published.
    /// </summary>
    public static IQueryable<Meeting> Inviting(AssettDbContext db, Guid organisationId) =>
        db.Meetings.AsNoTracking().Where(m => m.State != MeetingState.Draft
            && (m.InvitedOrganisations.Count == 0 || m.InvitedOrganisations.Contains(organisationId)
                || db.MeetingRegistrations.Any(r => r.MeetingId == m.Id && r.OrganisationId == organisationId)));

    /// <summary>The organisations of the cohort scored below its median on these themes in the campaign; none without themes or scores.</summary>
    private static async Task<HashSet<Guid>> WeakOnAsync(AssettDbContext db, IQueryable<Organisation> cohort, IReadOnlyCollection<string> themes,
        Guid? campaignId, CancellationToken cancellationToken)
    {
        var axes = themes.Select(AxisOf).Distinct().ToList();
        if (campaignId is not { } campaign || axes.Count == 0) return [];
        var totals = await db.ScoreNodeTotals.AsNoTracking().Where(t => axes.Contains(t.NodeId))
            .Join(db.CountedSnapshots.Where(c => c.CampaignId == campaign && cohort.Any(o => o.Id == c.OrganisationId)), t => t.SnapshotId, c => c.Id,
                (t, c) => new { c.OrganisationId, t.PointFait, t.PointPotentiel })
            .ToListAsync(cancellationToken);
        var shares = totals.GroupBy(t => t.OrganisationId).Where(g => g.Sum(t => t.PointPotentiel) > 0)
            .ToDictionary(g => g.Key, g => g.Sum(t => t.PointFait) / g.Sum(t => t.PointPotentiel));
        if (shares.Count == 0) return [];
        var median = Quartiles.Median([.. shares.Values.Order()]);
        return [.. shares.Where(s => s.Value < median - 1e-9).Select(s => s.Key)];
    }

    /// <summary>The axis of a node id: <c>assett_2</c> for <c>assett_2.1</c> (the referential's ids, docs/referential-format.md).</summary>
    public static string AxisOf(string nodeId) => nodeId.Split('.')[0];

    private static List<T> Parsed<T>(IEnumerable<string> values) where T : struct, Enum =>
        [.. values.Select(v => Enum.TryParse<T>(v, out var parsed) ? (T?)parsed : null).OfType<T>()];
}
