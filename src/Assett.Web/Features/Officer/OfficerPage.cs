using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Campaigns;
using Assett.Referentials.Packages;
using Assett.Tenancy;
using Assett.Web.Features.Officer.Campaigns;
using Assett.Web.Features.Shared.Assessments;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Officer;

/// <summary>
/// A page of the territory officer's dashboard, on one campaign (<c>?campagne=</c>, else the open one,
/// else the latest one begun, else the next planned). The territory's officers (admin or reader) see
/// it (<see cref="Access.Officer"/>); other people of the territory get 403, strangers 404, and platform
/// administrators only where they are also officers (docs/decisions.md).
/// </summary>
[Authorize(Policy = Access.Officer)]
public abstract class OfficerPage(AssettDbContext db, IMultiTenantContextAccessor tenant, ReferentialPackages packages, TerritoryMember member,
    TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "campagne")]
    public Guid? CampaignId { get; set; }

    public TenantInfo Territory => tenant.Current!;
    public IReadOnlyList<Campaign> Campaigns { get; private set; } = [];
    public Campaign? Campaign { get; private set; }

    /// <summary>The territory's date today.</summary>
    public DateOnly Today { get; private set; }

    /// <summary>The campaign's themes (the referential's axes), in order.</summary>
    public IReadOnlyList<ReferentialNode> Themes { get; private set; } = [];

    /// <summary>An officer admin changes things (campaigns, invitations); a reader only reads.</summary>
    public bool IsAdmin { get; private set; }

    protected AssettDbContext Db => db;
    protected ReferentialPackages Packages => packages;
    protected TimeProvider Clock => clock;
    protected TerritoryMember Member => member;

    protected async Task LoadOfficerAsync(CancellationToken cancellationToken)
    {
        // Access.Officer has let only the territory's officers in.
        IsAdmin = (await member.GetAsync(cancellationToken))!.Has(MembershipRole.OfficerAdmin);
        Campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.OpensOn).ToListAsync(cancellationToken);
        Today = Territory.DateAt(clock.GetUtcNow());
        Campaign = Campaigns.FirstOrDefault(c => c.Id == CampaignId) ?? CohortCampaign.Current(Campaigns, Today);
        if (Campaign is not null)
            Themes = [.. (await packages.GetAsync(db, Campaign.ReferentialVersionId, cancellationToken)).Package.Root.Children];
    }
}
