using Assett.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assett.Web.Features.Shared.Assessments;

/// <summary>
/// A page of the business owner's journey: it works on the person's <see cref="AssessmentContext"/>.
/// Strangers to the territory get 404; a person of the territory without an organisation (an
/// officer) gets 403; without a campaign, the questionnaire's home page explains it. Where the
/// territory has a charter of engagement, the organisation accepts it before anything else.
/// </summary>
[Authorize(Policy = Shared.Access.Access.OrganisationMember)]
public abstract class JourneyPage(AssessmentContexts contexts, IMultiTenantContextAccessor tenant) : PageModel
{
    public AssessmentContext Context { get; private set; } = null!;
    protected MissingContext Missing { get; private set; }
    public TenantInfo Territory => tenant.Current!;
    protected AssessmentContexts Contexts => contexts;

    /// <summary>The context's assessment, once transmitted: every page of the journey says so (the layout).</summary>
    public AssessmentContext? Transmitted => Context?.Assessment.SubmittedAt is not null ? Context : null;

    /// <summary>False for the pages open before the charter is accepted (the charter itself).</summary>
    protected virtual bool RequiresCharter => true;

    protected async Task<IActionResult?> LoadContextAsync(CancellationToken cancellationToken)
    {
        if (tenant.Current is null) return NotFound();
        (var context, Missing) = await contexts.LoadAsync(cancellationToken);
        if (context is not null)
        {
            Context = context;
            return context.PendingCharter is not null && RequiresCharter ? RedirectToPage("/Profile/Charter") : null;
        }
        return Missing switch
        {
            MissingContext.Stranger => NotFound(),
            MissingContext.NoOrganisation => Forbid(),
            _ => RedirectToPage("/Questionnaire/Index"),
        };
    }
}
