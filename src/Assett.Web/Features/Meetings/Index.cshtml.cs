using Assett.Data;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Access;
using Assett.Web.Features.Shared.Assessments;
using Assett.Web.Features.Shared.Meetings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assett.Web.Features.Meetings;

/// <summary>The territory's meetings for the person's organisation: those to come, its weakest themes first, and those it attended.</summary>
[Authorize(Policy = Access.OrganisationMember)]
public sealed class IndexModel(AssessmentContexts contexts, AssettDbContext db, IMultiTenantContextAccessor tenant, TimeProvider clock) : PageModel
{
    public TenantInfo Territory => tenant.Current!;
    public IReadOnlyList<OrganisationMeeting> Upcoming { get; private set; } = [];
    public IReadOnlyList<OrganisationMeeting> Attended { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if ((await contexts.MembershipAsync(cancellationToken)).Membership?.OrganisationId is not { } organisation) return NotFound();
        Upcoming = await OrganisationMeetings.UpcomingAsync(db, organisation, clock.GetUtcNow(), cancellationToken);
        Attended = await OrganisationMeetings.AttendedAsync(db, organisation, cancellationToken);
        return Page();
    }
}
