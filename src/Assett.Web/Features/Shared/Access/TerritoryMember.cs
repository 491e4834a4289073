using System.Security.Claims;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Shared.Access;

/// <summary>
/// What the signed-in person is in the current territory, read once per request (the policies, the
/// header's menu and the pages all ask): their memberships that count (<see cref="ActiveMemberships"/>),
/// and whether they are a platform administrator.
/// </summary>
public sealed class TerritoryMember(AssettDbContext db, IMultiTenantContextAccessor tenant, IHttpContextAccessor http)
{
    public sealed record Person(Guid UserId, IReadOnlyList<Membership> Memberships, bool IsPlatformAdministrator)
    {
        public bool Has(params MembershipRole[] roles) => Memberships.Any(m => roles.Contains(m.Role));
    }

    private Task<Person?>? _person;

    /// <summary>
    /// The person, or null when they are a stranger to the territory (signed out, no membership and not
    /// a platform administrator, or no territory at all): such a visitor gets 404, as if nothing were there.
    /// </summary>
    public Task<Person?> GetAsync(CancellationToken cancellationToken = default) => _person ??= LoadAsync(cancellationToken);

    public static Guid? UserIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    private async Task<Person?> LoadAsync(CancellationToken cancellationToken)
    {
        if (tenant.Current is null || http.HttpContext?.User is not { } user || UserIdOf(user) is not { } userId) return null;
        // One connection for the whole request: each opening costs a round trip to set the tenant for row-level security.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var found = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.IsPlatformAdministrator, Memberships = db.ActiveMembershipsOf(userId).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        return found is not null && (found.Memberships.Count > 0 || found.IsPlatformAdministrator)
            ? new Person(userId, found.Memberships, found.IsPlatformAdministrator) : null;
    }
}
