using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Assessments;
using Assett.Data.Campaigns;
using Assett.Data.Organisations;
using Assett.Data.Tenants;

namespace Assett.Web.Features.Shared.Assessments;

/// <summary>
/// A membership and, for an organisation's, what the business owner's journey starts from: the organisation, the
/// current campaign, the organisation's assessment in it (null until started), the territory's settings (its
/// charter) and the latest charter version the organisation accepted. Read with the person's memberships, in the
/// query <see cref="Access.TerritoryMember"/> sends anyway: every page of the journey needs both, and a round trip
/// saved there is one saved on each answer (docs/performance.md).
/// </summary>
public sealed record MemberJourney(Membership Membership, Organisation? Organisation, Campaign? Campaign, Assessment? Assessment,
    TenantSettings? Settings, int? Accepted)
{
    /// <summary>
    /// Each membership with its journey. The membership is a copy, not tracked; the organisation, campaign and assessment
    /// are tracked, as the pages change them.
    /// </summary>
    public static IQueryable<MemberJourney> Of(AssettDbContext db, IQueryable<Membership> memberships)
    {
        var current = CurrentCampaign(db).Take(1);
        return from m in memberships
               from o in db.Organisations.Where(o => o.Id == m.OrganisationId).DefaultIfEmpty()
               from c in current.Where(_ => o != null).DefaultIfEmpty()
               from a in db.Assessments.Where(a => a.OrganisationId == o!.Id && a.CampaignId == c!.Id).DefaultIfEmpty()
               select new MemberJourney(
                   new Membership
                   {
                       TenantId = m.TenantId, Id = m.Id, UserId = m.UserId, OrganisationId = m.OrganisationId, Role = m.Role, CreatedAt = m.CreatedAt,
                   },
                   o, c, a,
                   o == null ? null : db.Tenants.Where(t => t.Id == o.TenantId).Select(t => t.Settings).FirstOrDefault(),
                   db.CharterAcceptances.Where(x => x.OrganisationId == o!.Id).Max(x => (int?)x.Version));
    }

    /// <summary>The current campaign first: the open one, else the next planned one (docs/journey.md).</summary>
    public static IQueryable<Campaign> CurrentCampaign(AssettDbContext db) =>
        db.Campaigns.Where(c => c.State != CampaignState.Closed).OrderBy(c => c.State == CampaignState.Open ? 0 : 1).ThenBy(c => c.OpensOn);
}
