using System.Security.Claims;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Shared.Access;

/// <summary>
/// What the signed-in person is in the current territory, read once per request (the policies, the
/// header's menu and the pages all ask): their memberships that count (<see cref="ActiveMemberships"/>),
/// and, when asked, whether they are a platform administrator.
/// </summary>
public sealed class TerritoryMember(AssettDbContext db, IMultiTenantContextAccessor tenant, IHttpContextAccessor http)
{
    public sealed record Person(Guid UserId, IReadOnlyList<Membership> Memberships)
    {
        public bool Has(params MembershipRole[] roles) => Memberships.Any(m => roles.Contains(m.Role));
    }

    private Task<Person?>? _person;
    private Task<bool>? _administrator;

    /// <summary>
    /// The person, or null when they are a stranger to the territory (signed out, no membership and not
    /// a platform administrator, or no territory at all): such a visitor gets 404, as if nothing were there.
    /// </summary>
    public Task<Person?> GetAsync(CancellationToken cancellationToken = default) => _person ??= LoadAsync(cancellationToken);

    /// <summary>Whether the signed-in person is one of Cerema's platform administrators.</summary>
    public Task<bool> IsPlatformAdministratorAsync(CancellationToken cancellationToken = default) =>
        _administrator ??= UserId is { } userId
            ? db.Users.AnyAsync(u => u.Id == userId && u.IsPlatformAdministrator, cancellationToken)
            : Task.FromResult(false);

    private Guid? UserId => Guid.TryParse(http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    private async Task<Person?> LoadAsync(CancellationToken cancellationToken)
    {
        if (tenant.Current is null || UserId is not { } userId) return null;
        // One connection for the whole request.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var memberships = await db.ActiveMembershipsOfAsync(userId, cancellationToken);
        return memberships.Count > 0 || await IsPlatformAdministratorAsync(cancellationToken) ? new Person(userId, memberships) : null;
    }
}
