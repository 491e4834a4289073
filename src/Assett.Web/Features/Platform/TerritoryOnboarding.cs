using Assett.Data;
using Assett.Data.Assessments;
using Assett.Data.Campaigns;
using Assett.Data.Meetings;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Platform;

/// <summary>
/// Where a territory stands on its way to being live, in counts only (no organisation's name): its
/// team, its charter, its campaigns, its organisations, its meetings, and what is missing, in words.
/// </summary>
public sealed record TerritoryOnboarding(TenantInfo Territory, int OfficersActive, int OfficersInvited, bool Charter, int CampaignsPlanned,
    int CampaignsOpen, int CampaignsClosed, int Organisations, int Registered, int Submitted, DateTimeOffset? LastActivity, int MeetingsHeld)
{
    /// <summary>What stands between the territory and a live scheme, in the order Cerema deals with it; empty once live.</summary>
    public IReadOnlyList<string> Missing =>
    [
        .. OfficersActive == 0 ? [OfficersInvited > 0 ? "aucun agent n’a encore activé son compte" : "aucun agent du territoire"] : Array.Empty<string>(),
        .. Charter ? [] : new[] { "pas de charte d’engagement" },
        .. CampaignsPlanned + CampaignsOpen + CampaignsClosed == 0 ? ["aucune campagne"] : Array.Empty<string>(),
        .. Organisations == 0 ? ["aucune organisation invitée"] : Registered == 0 ? ["aucune organisation inscrite"] : Array.Empty<string>(),
    ];

    /// <summary>Every territory's state, each read as the current tenant under its own row-level security.</summary>
    public static async Task<List<TerritoryOnboarding>> AllAsync(ITenantStore store, IMultiTenantContextAccessor accessor, AssettDbContext db,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var territories = new List<TerritoryOnboarding>();
        foreach (var territory in await store.ListAsync(cancellationToken))
        {
            using var scope = accessor.Change(territory);
            territories.Add(await OfAsync(db, territory, now, cancellationToken));
        }
        return territories;
    }

    /// <summary>Counts the territory's rows under its own row-level security: the caller has made it the current tenant.</summary>
    private static async Task<TerritoryOnboarding> OfAsync(AssettDbContext db, TenantInfo territory, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var officers = await db.ActiveMemberships.CountAsync(m => m.OrganisationId == null, cancellationToken);
        var invited = await db.Invitations.CountAsync(i => i.OrganisationId == null && i.AcceptedAt == null && i.ExpiresAt > now, cancellationToken);
        var settings = await db.Tenants.Where(t => t.Id == territory.Id).Select(t => t.Settings).SingleAsync(cancellationToken);
        var campaigns = await db.Campaigns.GroupBy(c => c.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Campaigns(CampaignState state) => campaigns.FirstOrDefault(c => c.Key == state)?.Count ?? 0;
        var organisations = await db.Organisations.CountAsync(o => !o.AwaitingApproval, cancellationToken);
        var registered = await MeetingAudiences.Cohort(db).CountAsync(cancellationToken);
        var submitted = await db.Assessments.Where(a => a.State == AssessmentState.Submitted).Select(a => a.OrganisationId).Distinct()
            .CountAsync(cancellationToken);
        var lastActivity = await db.TaskStatusChanges.MaxAsync(c => (DateTimeOffset?)c.ChangedAt, cancellationToken);
        var held = await db.Meetings.CountAsync(m => m.State == MeetingState.Published && m.StartsAt <= now, cancellationToken);
        return new TerritoryOnboarding(territory, officers, invited, settings.CharterInForce is not null, Campaigns(CampaignState.Planned),
            Campaigns(CampaignState.Open), Campaigns(CampaignState.Closed), organisations, registered, submitted, lastActivity, held);
    }
}
