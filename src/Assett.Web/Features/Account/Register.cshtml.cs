using System.ComponentModel.DataAnnotations;
using System.Text.Encodings.Web;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Mail;
using Assett.Data.Organisations;
using Assett.Web.Features.Officers;
using Assett.Web.Features.Territories;
using Assett.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Account;

/// <summary>
/// Self-registration of an organisation on a territory, with its SIRET: creates the organisation, the
/// person's account (owner of the organisation) and queues the confirmation email, all or nothing. An
/// organisation whose commune is outside the territory waits for an officer's approval.
/// </summary>
public sealed class RegisterModel(AssettDbContext db, UserManager<AssettUser> users, IMultiTenantContextAccessor tenant, TimeProvider clock) : PageModel
{
    public const string OutsideTerritory = "hors-territoire";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Indiquez le numéro SIRET de votre établissement (14 chiffres).")]
        [Display(Name = "Numéro SIRET", Description = "14 chiffres, sur vos factures ou sur annuaire-entreprises.data.gouv.fr")]
        public string Siret { get; set; } = "";

        [Required(ErrorMessage = "Indiquez le nom de votre organisation.")]
        [StringLength(300)]
        [Display(Name = "Nom de l’organisation")]
        public string Name { get; set; } = "";

        [Display(Name = "Type d’organisation")]
        public OrganisationKind Kind { get; set; }

        [Display(Name = "Commune de l’établissement")]
        public string? Commune { get; set; }

        [Required(ErrorMessage = "Indiquez votre adresse électronique.")]
        [EmailAddress(ErrorMessage = "Cette adresse électronique n’est pas valide.")]
        [Display(Name = "Votre adresse électronique")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choisissez un mot de passe.")]
        [DataType(DataType.Password)]
        [Display(Name = "Mot de passe", Description = "Au moins 12 caractères, dont une majuscule, une minuscule et un chiffre.")]
        public string Password { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public TenantInfo Territory => tenant.Current!;

    /// <summary>The territory's communes, by name; empty when its SIREN is unknown to the reference data.</summary>
    public IReadOnlyList<Data.ReferenceData.Commune> Communes { get; private set; } = [];

    public bool Registered { get; private set; }
    public bool AwaitingApproval { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadCommunesAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadCommunesAsync(cancellationToken)) return NotFound();
        var siret = FrenchIdentifiers.Normalize(Input.Siret);
        if (!FrenchIdentifiers.IsValidSiret(siret))
            ModelState.AddModelError("Input.Siret", "Ce numéro SIRET n’est pas valide : vérifiez ses 14 chiffres.");
        else if (await db.Organisations.AnyAsync(o => o.Siret == siret, cancellationToken))
            ModelState.AddModelError("Input.Siret", "Cette organisation est déjà inscrite : demandez une invitation à la personne qui l’a inscrite.");
        var commune = Communes.FirstOrDefault(c => c.Code == Input.Commune);
        if (Communes.Count > 0 && commune is null && Input.Commune != OutsideTerritory)
            ModelState.AddModelError("Input.Commune", "Choisissez la commune de votre établissement dans la liste.");
        if (!ModelState.IsValid) return Page();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var organisation = new Organisation
        {
            Id = Guid.NewGuid(), Siret = siret, Name = Input.Name.Trim(), Kind = Input.Kind, CommuneInsee = commune?.Code, CreatedAt = now,
            AwaitingApproval = Input.Commune == OutsideTerritory,
        };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(cancellationToken);
        var user = new AssettUser { Id = Guid.NewGuid(), UserName = Input.Email.Trim(), Email = Input.Email.Trim(), CreatedAt = now };
        var created = await users.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email", error.Description);
            return Page(); // the transaction is rolled back: nothing is kept
        }
        db.Memberships.Add(new Membership { Id = Guid.NewGuid(), UserId = user.Id, OrganisationId = organisation.Id, Role = MembershipRole.OrganisationOwner, CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        var code = AccountLinkCodes.Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/confirmation?utilisateur={user.Id}&code={code}";
        await Outbox.EnqueueAsync(db, $"account:confirm:{user.Id}", user.Email!, $"Confirmez votre inscription sur Assett – {Territory.Name}",
            $"Bonjour,\n\nVous avez inscrit {organisation.Name} sur Assett, avec {Territory.Name}.\n" +
            $"Pour confirmer votre adresse, ouvrez ce lien (valable 3 jours) :\n{link}\n\nSi vous n’êtes pas à l’origine de cette inscription, ignorez ce message.\n",
            $"<p>Bonjour,</p><p>Vous avez inscrit {HtmlEncoder.Default.Encode(organisation.Name)} sur Assett, avec {HtmlEncoder.Default.Encode(Territory.Name)}.</p>" +
            $"<p><a href=\"{HtmlEncoder.Default.Encode(link)}\">Confirmer mon adresse</a> (lien valable 3 jours)</p>" +
            "<p>Si vous n’êtes pas à l’origine de cette inscription, ignorez ce message.</p>", cancellationToken);
        if (organisation.AwaitingApproval) await RegistrationApprovals.AskOfficersAsync(db, organisation, user.Email!, Territory, OfficersPageLink(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Registered = true;
        AwaitingApproval = organisation.AwaitingApproval;
        return Page();
    }

    private string OfficersPageLink() => $"{Request.Scheme}://{Request.Host}{Request.PathBase}/territoire/inscriptions";

    private async Task<bool> LoadCommunesAsync(CancellationToken cancellationToken)
    {
        if (tenant.Current is null) return false;
        Communes = await TerritoryCommunes.OfAsync(db, tenant.Current.Id, cancellationToken);
        return true;
    }
}
