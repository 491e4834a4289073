using System.Security.Claims;
using Assett.Data;
using Assett.Data.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Assett.Web.Features.Shared.Api;

/// <summary>
/// Which organisations of the token's territory the caller may read: all of them for a machine client
/// of the territory or an officer's application; only their own for a person of an organisation.
/// </summary>
public static class ApiCaller
{
    /// <summary>Set only in the tokens of the client credentials grant: the caller is a territory's machine client, not a person.</summary>
    public const string MachineClaim = "assett:machine";

    /// <summary>Null means every organisation of the territory; otherwise the organisations the person belongs to.</summary>
    public static async Task<IReadOnlyList<Guid>?> ReadableOrganisationsAsync(ClaimsPrincipal caller, AssettDbContext db, CancellationToken cancellationToken)
    {
        if (caller.HasClaim(MachineClaim, "true")) return null;
        if (!Guid.TryParse(caller.FindFirstValue(Claims.Subject), out var userId)) return [];
        var memberships = await db.ActiveMembershipsOfAsync(userId, cancellationToken);
        if (memberships.Any(m => m.Role is MembershipRole.OfficerAdmin or MembershipRole.OfficerReader)) return null;
        return [.. memberships.Where(m => m.OrganisationId is not null).Select(m => m.OrganisationId!.Value)];
    }
}
