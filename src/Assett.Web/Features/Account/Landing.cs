using Assett.Data;
using Assett.Data.Accounts;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Account;

/// <summary>
/// Where a person lands after signing in without a page to return to (docs/decisions.md, « Landing after sign-in »):
/// officers on their dashboard, organisations' members on the questionnaire, platform administrators on the console.
/// </summary>
public static class Landing
{
    /// <summary>A path under the site's base (<c>~/territoire</c>).</summary>
    public static async Task<string> PathAsync(AssettDbContext db, IMultiTenantContextAccessor tenant, AssettUser user, CancellationToken cancellationToken)
    {
        if (tenant.Current is null) return user.IsPlatformAdministrator ? "~/plateforme" : "~/";
        var roles = await db.Memberships.AsNoTracking().Where(m => m.UserId == user.Id).Select(m => m.Role).ToListAsync(cancellationToken);
        if (roles.Any(r => r is MembershipRole.OfficerAdmin or MembershipRole.OfficerReader)) return "~/territoire";
        return roles.Count > 0 ? "~/evaluation" : "~/";
    }
}
