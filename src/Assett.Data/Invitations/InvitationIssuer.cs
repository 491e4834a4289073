using System.Text.Encodings.Web;
using Assett.Data.Accounts;
using Assett.Data.Mail;

namespace Assett.Data.Invitations;

/// <summary>
/// The one way to invite somebody, whoever invites: the invitation with its lifetime, its link on the
/// territory's configured address (never the request's), and the message that carries it.
/// </summary>
public static class InvitationIssuer
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    /// <summary>How long a link lasts, in the words of the pages and the messages: « valable 14 jours ».</summary>
    public static string Validity => $"valable {Lifetime.TotalDays:0} jours";

    /// <summary>The page that accepts an invitation, on the territory's address (<see cref="PublicAddress.OfTerritory"/>).</summary>
    public static string Link(string site, string token) => $"{site}/invitation?code={token}";

    /// <summary>A new invitation, added to the context (the caller saves it), and the secret of its link.</summary>
    public static (Invitation Invitation, string Token) Create(AssettDbContext db, string email, Guid? organisationId, MembershipRole role, string createdBy,
        DateTimeOffset now)
    {
        var (token, hash) = InvitationTokens.Create();
        var invitation = new Invitation
        {
            Id = Guid.NewGuid(), Email = email, OrganisationId = organisationId, Role = role, TokenHash = hash,
            ExpiresAt = now + Lifetime, CreatedBy = createdBy, CreatedAt = now,
        };
        db.Invitations.Add(invitation);
        return (invitation, token);
    }

    /// <summary>A new secret and a new lifetime for a pending invitation: the previous link no longer works.</summary>
    public static string Renew(Invitation invitation, DateTimeOffset now)
    {
        var (token, hash) = InvitationTokens.Create();
        (invitation.TokenHash, invitation.ExpiresAt) = (hash, now + Lifetime);
        return token;
    }

    /// <summary>
    /// The invitation's message, through the outbox: <paramref name="intro"/> says who invites to what;
    /// the link follows, with how long it lasts.
    /// </summary>
    public static Task SendAsync(AssettDbContext db, string uniqueKey, string email, string subject, string intro, string link,
        CancellationToken cancellationToken, string? greeting = null)
    {
        var hello = greeting is null ? "Bonjour," : $"Bonjour {greeting},";
        return Outbox.EnqueueAsync(db, uniqueKey, email, subject,
            $"{hello}\n\n{intro}\n\nPour accepter, ouvrez ce lien ({Validity}, une seule fois) :\n{link}\n",
            $"<p>{Html(hello)}</p><p>{Html(intro)}</p><p><a href=\"{Html(link)}\">Accepter l’invitation</a> (lien {Validity}, une seule fois)</p>",
            cancellationToken);
    }

    private static string Html(string text) => HtmlEncoder.Default.Encode(text);
}
