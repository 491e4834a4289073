using Assett.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Home;

/// <summary>The home page: the platform's, listing the territories, or a territory's own.</summary>
[AllowAnonymous]
public sealed class IndexModel(IMultiTenantContextAccessor tenant, ITenantStore store, TerritoryMember member) : PageModel
{
    public TenantInfo? Territory { get; private set; }
    public IReadOnlyList<TenantInfo> Territories { get; private set; } = [];

    /// <summary>Whether the signed-in person belongs to an organisation of this territory: the page then leads to the questionnaire.</summary>
    public bool IsOrganisationMember { get; private set; }

    /// <summary>Set by the organisation's data page after a deletion.</summary>
    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Territory = tenant.Current;
        if (Territory is null) Territories = await store.ListAsync(cancellationToken);
        else if (User.Identity?.IsAuthenticated == true)
            IsOrganisationMember = (await member.GetAsync(cancellationToken))?.Memberships.Any(m => m.OrganisationId is not null) == true;
    }
}
