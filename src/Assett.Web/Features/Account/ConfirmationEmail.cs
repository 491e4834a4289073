using System.Text.Encodings.Web;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Mail;
using Microsoft.AspNetCore.Identity;

namespace Assett.Web.Features.Account;

/// <summary>
/// The email that asks a person to confirm their address, at registration and when they ask again:
/// its link opens a page whose button confirms (a mail scanner opening the link confirms nothing).
/// </summary>
public static class ConfirmationEmail
{
    public static async Task EnqueueAsync(AssettDbContext db, UserManager<AssettUser> users, AssettUser user, string site, string territory,
        string? organisation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var code = AccountLinkCodes.Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = $"{site}/confirmation?utilisateur={user.Id}&code={code}";
        var why = organisation is null
            ? $"Vous avez un compte sur Assett, avec {territory}."
            : $"Vous avez inscrit {organisation} sur Assett, avec {territory}.";
        var whyHtml = organisation is null
            ? $"Vous avez un compte sur Assett, avec {HtmlEncoder.Default.Encode(territory)}."
            : $"Vous avez inscrit {HtmlEncoder.Default.Encode(organisation)} sur Assett, avec {HtmlEncoder.Default.Encode(territory)}.";
        await Outbox.EnqueueAsync(db, $"account:confirm:{user.Id}:{now.UtcTicks}", user.Email!, $"Confirmez votre adresse sur Assett – {territory}",
            $"Bonjour,\n\n{why}\nPour confirmer votre adresse, ouvrez ce lien (valable 3 jours) puis appuyez sur « Confirmer mon adresse » :\n{link}\n\n" +
            "Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.\n",
            $"<p>Bonjour,</p><p>{whyHtml}</p>" +
            $"<p><a href=\"{HtmlEncoder.Default.Encode(link)}\">Confirmer mon adresse</a> (lien valable 3 jours)</p>" +
            "<p>Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.</p>", cancellationToken);
    }
}
