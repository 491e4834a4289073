using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Organisations;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Profile;

/// <summary>
/// The territory's charter of engagement: an owner or editor accepts its current version for the
/// organisation, recorded with who and when beside the versions accepted before (docs/decisions.md);
/// the journey's pages wait for it.
/// </summary>
public sealed class CharterModel(AssessmentContexts contexts, IMultiTenantContextAccessor tenant, AssettDbContext db, TimeProvider clock)
    : JourneyPage(contexts, tenant)
{
    protected override bool RequiresCharter => false;

    public bool CanAccept => Context.Membership.Role is MembershipRole.OrganisationOwner or MembershipRole.OrganisationEditor;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadContextAsync(cancellationToken) is { } refusal) return refusal;
        return Context.PendingCharter is null ? RedirectToPage("/Questionnaire/Index") : Page();
    }

    /// <param name="version">The version the person read: a newer one published meanwhile is shown to be read first.</param>
    [HandlerAccess(Access.OrganisationEditor)]
    public async Task<IActionResult> OnPostAsync(int version, CancellationToken cancellationToken)
    {
        if (await LoadContextAsync(cancellationToken) is { } refusal) return refusal;
        if (!CanAccept) return Forbid();
        if (Context.PendingCharter is not { } charter) return RedirectToPage("/Questionnaire/Index");
        if (charter.Version != version) return Page();
        db.CharterAcceptances.Add(new CharterAcceptance
        {
            Id = Guid.NewGuid(), OrganisationId = Context.Organisation.Id, Version = version, AcceptedAt = clock.GetUtcNow(), AcceptedBy = User.Identity!.Name!,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A colleague accepted the same version at the same instant: it is accepted.
        }
        return RedirectToPage("/Questionnaire/Index");
    }
}
