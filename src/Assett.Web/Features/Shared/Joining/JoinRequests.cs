using System.Text.Encodings.Web;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Mail;
using Assett.Data.Organisations;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Shared.Joining;

/// <summary>
/// Somebody asks to join an organisation that already has an owner: a person registering its SIRET
/// again, or an officer inviting its contact. Nobody is let in, and no one becomes owner: the owners
/// are emailed, and add the person from their team page if they agree. Their addresses stay private.
/// </summary>
public static class JoinRequests
{
    /// <summary>The owners' addresses of the organisation (memberships that count), empty when it has none.</summary>
    public static Task<List<string>> OwnersAsync(AssettDbContext db, Guid organisationId, CancellationToken cancellationToken) =>
        db.Memberships.Where(m => m.OrganisationId == organisationId && m.Role == MembershipRole.OrganisationOwner)
            .Join(db.Users.Where(u => u.EmailConfirmed), m => m.UserId, u => u.Id, (m, u) => u.Email!)
            .ToListAsync(cancellationToken);

    /// <summary>Emails each owner through the outbox: <paramref name="request"/> says who asks that <paramref name="email"/> join the team.</summary>
    public static async Task AskOwnersAsync(AssettDbContext db, TenantInfo territory, string site, Organisation organisation, IReadOnlyList<string> owners,
        string email, string request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var team = $"{site}/organisation/equipe";
        foreach (var owner in owners)
            await Outbox.EnqueueAsync(db, $"join:{organisation.Id}:{email}:{owner}:{now.UtcTicks}", owner,
                $"Demande pour rejoindre {organisation.Name} sur Assett",
                $"Bonjour,\n\n{request}\n" +
                $"Si vous êtes d’accord, invitez {email} depuis la page de votre équipe, avec le rôle de votre choix :\n{team}\n\n" +
                "Sinon, ignorez ce message : personne n’a accès à votre organisation sans votre invitation.\n",
                $"<p>Bonjour,</p><p>{HtmlEncoder.Default.Encode(request)}</p>" +
                $"<p>Si vous êtes d’accord, <a href=\"{HtmlEncoder.Default.Encode(team)}\">" +
                $"invitez {HtmlEncoder.Default.Encode(email)} depuis la page de votre équipe</a>.</p>" +
                "<p>Sinon, ignorez ce message : personne n’a accès à votre organisation sans votre invitation.</p>", cancellationToken);
    }
}
