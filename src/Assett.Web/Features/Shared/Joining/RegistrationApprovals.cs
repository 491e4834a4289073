using System.Text.Encodings.Web;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Mail;
using Assett.Data.Organisations;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Shared.Joining;

/// <summary>The messages around a registration from outside the territory: to its officers, then to the organisation's owner.</summary>
public static class RegistrationApprovals
{
    public static async Task AskOfficersAsync(AssettDbContext db, Organisation organisation, string ownerEmail, TenantInfo territory, string pageLink,
        CancellationToken cancellationToken)
    {
        var officers = await db.Memberships.Where(m => m.Role == MembershipRole.OfficerAdmin)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email!).ToListAsync(cancellationToken);
        foreach (var officer in officers)
            await Outbox.EnqueueAsync(db, $"registration:ask:{organisation.Id}:{officer}", officer, $"Inscription à valider : {organisation.Name}",
                $"Bonjour,\n\n{organisation.Name} ({Identifier(organisation)}, contact {ownerEmail}) s’est inscrite sur Assett avec {territory.Name}, " +
                $"depuis une commune hors du territoire. Validez ou refusez son inscription :\n{pageLink}\n",
                $"<p>Bonjour,</p><p>{Html(organisation.Name)} ({Identifier(organisation)}, contact {Html(ownerEmail)}) s’est inscrite sur Assett avec " +
                $"{Html(territory.Name)}, depuis une commune hors du territoire.</p><p><a href=\"{Html(pageLink)}\">Valider ou refuser son inscription</a></p>",
                cancellationToken);
    }

    public static Task TellOwnerAsync(AssettDbContext db, Organisation organisation, string ownerEmail, TenantInfo territory, bool approved,
        CancellationToken cancellationToken)
    {
        var text = approved
            ? $"Bonjour,\n\n{territory.Name} a validé l’inscription de {organisation.Name} sur Assett. " +
              "Vous pouvez maintenant vous connecter et commencer votre autoévaluation.\n"
            : $"Bonjour,\n\n{territory.Name} n’a pas retenu l’inscription de {organisation.Name} sur Assett, " +
              "car son établissement est situé hors du territoire. " +
              "Rapprochez-vous de votre intercommunalité pour savoir si elle propose la démarche.\n";
        return Outbox.EnqueueAsync(db, $"registration:{(approved ? "approved" : "refused")}:{organisation.Id}", ownerEmail,
            approved ? $"Inscription validée – {territory.Name}" : $"Inscription non retenue – {territory.Name}", text,
            cancellationToken: cancellationToken);
    }

    private static string Html(string text) => HtmlEncoder.Default.Encode(text);

    private static string Identifier(Organisation organisation) => organisation.Siret is { } siret ? $"SIRET {siret}" : $"RNA {organisation.Rna}";
}
