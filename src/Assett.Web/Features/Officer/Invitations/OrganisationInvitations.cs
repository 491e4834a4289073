using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Invitations;
using Assett.Data.Organisations;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Joining;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Officer.Invitations;

/// <summary>
/// An officer's invitation of an organisation's contact, who becomes its owner on accepting; an
/// organisation that already has an owner is theirs: they are asked to add the contact (JoinRequests).
/// </summary>
public static class OrganisationInvitations
{
    public enum Outcome
    {
        Invited,
        OwnersAsked,
    }

    /// <summary>
    /// Invites the contact of the organisation with this SIRET, creating the organisation when it is new;
    /// the email goes through the outbox. Runs inside the caller's transaction.
    /// </summary>
    public static async Task<Outcome> InviteAsync(AssettDbContext db, TenantInfo territory, string site, string siret, string name, OrganisationKind kind,
        string email, string invitedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Siret == siret, cancellationToken)
            ?? db.Organisations.Local.SingleOrDefault(o => o.Siret == siret);
        if (organisation is null)
        {
            organisation = new Organisation { Id = Guid.NewGuid(), Siret = siret, Name = name.Trim(), Kind = kind, CreatedAt = now };
            db.Organisations.Add(organisation);
        }
        email = email.Trim().ToLowerInvariant();
        if (await JoinRequests.OwnersAsync(db, organisation.Id, cancellationToken) is { Count: > 0 } owners)
        {
            await JoinRequests.AskOwnersAsync(db, territory, site, organisation, owners, email,
                $"{invitedBy}, de l’équipe de {territory.Name}, propose d’ajouter {email} à l’équipe de {organisation.Name} sur Assett.",
                now, cancellationToken);
            return Outcome.OwnersAsked;
        }
        var (invitation, token) = InvitationIssuer.Create(db, email, organisation.Id, MembershipRole.OrganisationOwner, invitedBy, now);
        await db.SaveChangesAsync(cancellationToken);
        await SendAsync(db, territory, $"invitation:{invitation.Id}", email, organisation.Name, InvitationIssuer.Link(site, token), cancellationToken);
        return Outcome.Invited;
    }

    /// <summary>A pending invitation again, with a new link that replaces the previous one.</summary>
    public static async Task ResendAsync(AssettDbContext db, TenantInfo territory, string site, Guid invitationId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.SingleAsync(i => i.Id == invitationId, cancellationToken);
        var name = await db.Organisations.Where(o => o.Id == invitation.OrganisationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var token = InvitationIssuer.Renew(invitation, now);
        await db.SaveChangesAsync(cancellationToken);
        await SendAsync(db, territory, $"invitation:{invitation.Id}:{now.UtcTicks}", invitation.Email, name, InvitationIssuer.Link(site, token),
            cancellationToken);
    }

    private static Task SendAsync(AssettDbContext db, TenantInfo territory, string key, string email, string organisation, string link,
        CancellationToken cancellationToken) =>
        InvitationIssuer.SendAsync(db, key, email, $"{territory.Name} vous invite à rejoindre Assett",
            $"{territory.Name} invite {organisation} à rejoindre sa démarche ASSETT : une autoévaluation en ligne de " +
            "votre maturité environnementale, des pistes d’action et des rencontres entre organisations du territoire.", link, cancellationToken);
}
