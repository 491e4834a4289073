using Assett.Data;
using Assett.Data.Accounts;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Microsoft.AspNetCore.Mvc;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Profile;

/// <summary>
/// The territory's charter of engagement: an owner or editor accepts it for the organisation, which is
/// recorded with who and when (docs/decisions.md); the journey's pages wait for it.
/// </summary>
public sealed class CharterModel(AssessmentContexts contexts, IMultiTenantContextAccessor tenant, AssettDbContext db, TimeProvider clock)
    : JourneyPage(contexts, tenant)
{
    protected override bool RequiresCharter => false;

    public string? Text { get; private set; }
    public bool CanAccept => Context.Membership.Role is MembershipRole.OrganisationOwner or MembershipRole.OrganisationEditor;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadContextAsync(cancellationToken) is { } refusal) return refusal;
        if (Context.PendingCharter is null) return RedirectToPage("/Questionnaire/Index");
        Text = Context.PendingCharter;
        return Page();
    }

    [HandlerAccess(Access.OrganisationEditor)]
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadContextAsync(cancellationToken) is { } refusal) return refusal;
        if (!CanAccept) return Forbid();
        Context.Organisation.CharterAcceptedAt ??= clock.GetUtcNow();
        Context.Organisation.CharterAcceptedBy ??= User.Identity!.Name;
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/Questionnaire/Index");
    }
}
