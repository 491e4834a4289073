using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Organisations;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.EngagedActors;

/// <summary>
/// What the organisation shows on « Les acteurs engagés »: nothing by default; appearing, then its
/// level, item by item; withdrawing in one click, at once. Owners and editors choose, readers see.
/// Not a journey page: it works between campaigns too.
/// </summary>
[Authorize(Policy = Access.OrganisationMember)]
public sealed class VisibilityModel(AssessmentContexts contexts, IMultiTenantContextAccessor tenant, AssettDbContext db) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;
    public bool CanChange { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    [HandlerAccess(Access.OrganisationEditor)]
    public async Task<IActionResult> OnPostAsync(bool listed, bool showsLevel, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        if (!CanChange) return Forbid();
        (Organisation.ListedPublicly, Organisation.ShowsLevelPublicly) = (listed, listed && showsLevel);
        await db.SaveChangesAsync(cancellationToken);
        Done = listed
            ? $"{Organisation.Name} apparaît parmi les acteurs engagés" + (showsLevel ? ", avec son niveau de maturité." : ", sans son niveau de maturité.")
            : $"{Organisation.Name} n’apparaît plus parmi les acteurs engagés.";
        return RedirectToPage();
    }

    [HandlerAccess(Access.OrganisationEditor)]
    public Task<IActionResult> OnPostWithdrawAsync(CancellationToken cancellationToken) => OnPostAsync(false, false, cancellationToken);

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (tenant.Current is null) return NotFound();
        var (membership, missing) = await contexts.MembershipAsync(cancellationToken);
        if (missing == MissingContext.Stranger) return NotFound();
        if (membership is null) return Forbid();
        Organisation = await db.Organisations.SingleAsync(o => o.Id == membership.OrganisationId, cancellationToken);
        CanChange = membership.Role is MembershipRole.OrganisationOwner or MembershipRole.OrganisationEditor;
        return null;
    }
}
