using Assett.Data;
using Assett.Data.Accounts;
using Assett.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Account.ProConnect;

/// <summary>
/// Whom a ProConnect identity signs in as, by its verified email: in a territory, an officer of its team, or a person
/// whose officer invitation is pending, which is then accepted (the account created without a password if need be); at
/// the platform's root, a platform administrator. Anyone else is refused (docs/decisions.md, « ProConnect »).
/// </summary>
public sealed class AgentAccounts(AssettDbContext db, UserManager<AssettUser> users, TimeProvider clock)
{
    /// <summary>The account to sign in, or null when this address opens no agent's access here. Call within the territory's context.</summary>
    public async Task<AssettUser?> FindAsync(TenantInfo? territory, string email, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email);
        if (territory is null) return user is { IsPlatformAdministrator: true } ? user : null;
        if (user is not null && await db.Memberships.AnyAsync(m => m.UserId == user.Id
                && (m.Role == MembershipRole.OfficerAdmin || m.Role == MembershipRole.OfficerReader), cancellationToken))
            return user;
        return await AcceptInvitationAsync(user, email, cancellationToken);
    }

    private async Task<AssettUser?> AcceptInvitationAsync(AssettUser? user, string email, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var address = email.ToLowerInvariant();
        var invitation = await db.Invitations
            .Where(i => i.OrganisationId == null && i.AcceptedAt == null && i.ExpiresAt > now && i.Email.ToLower() == address)
            .Where(i => i.Role == MembershipRole.OfficerAdmin || i.Role == MembershipRole.OfficerReader)
            .OrderByDescending(i => i.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (invitation is null) return null;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (user is null)
        {
            user = new AssettUser { Id = Guid.NewGuid(), UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true, CreatedAt = now };
            if (!(await users.CreateAsync(user)).Succeeded) return null;
        }
        db.Memberships.Add(new Membership { Id = Guid.NewGuid(), UserId = user.Id, Role = invitation.Role, CreatedAt = now });
        invitation.AcceptedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }
}
