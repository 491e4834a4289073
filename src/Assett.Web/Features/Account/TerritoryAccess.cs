using System.Security.Claims;
using Assett.Data;
using Assett.Data.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Account;

/// <summary>What the signed-in person is in the current territory, for pages that check roles.</summary>
public static class TerritoryAccess
{
    public static Guid UserId(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);

    /// <summary>
    /// The person's memberships in the current territory, or null when they are a stranger to it (no
    /// membership and not a platform administrator): such a visitor gets 404, as if nothing were there.
    /// Members of an organisation that awaits an officer's approval are not members yet.
    /// </summary>
    public static async Task<IReadOnlyList<Membership>?> MembershipsAsync(AssettDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = UserId(user);
        var memberships = await db.Memberships
            .Where(m => m.UserId == userId && (m.OrganisationId == null || db.Organisations.Any(o => o.Id == m.OrganisationId && !o.AwaitingApproval)))
            .ToListAsync(cancellationToken);
        if (memberships.Count > 0 || await db.Users.AnyAsync(u => u.Id == userId && u.IsPlatformAdministrator, cancellationToken))
            return memberships;
        return null;
    }
}
