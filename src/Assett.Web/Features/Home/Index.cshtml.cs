using Assett.Tenancy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assett.Web.Features.Home;

/// <summary>The home page: the platform's, listing the territories, or a territory's own.</summary>
public sealed class IndexModel(IMultiTenantContextAccessor tenant, ITenantStore store) : PageModel
{
    public TenantInfo? Territory { get; private set; }
    public IReadOnlyList<TenantInfo> Territories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Territory = tenant.Current;
        if (Territory is null) Territories = await store.ListAsync(cancellationToken);
    }
}
