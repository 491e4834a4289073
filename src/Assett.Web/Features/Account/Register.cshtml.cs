using System.ComponentModel.DataAnnotations;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Organisations;
using Assett.Web.Features.Shared.Joining;
using Assett.Web.Features.Shared.Territories;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authorization;

namespace Assett.Web.Features.Account;

/// <summary>
/// Self-registration of an organisation on a territory, with its SIRET: creates the organisation, the
/// person's account (owner of the organisation) and queues the confirmation email, all or nothing. An
/// organisation whose commune is outside the territory waits for an officer's approval.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountFormLimits.Policy)]
public sealed class RegisterModel(AssettDbContext db, UserManager<AssettUser> users, IMultiTenantContextAccessor tenant, TimeProvider clock,
    TerritoryLinks links, AccountFormLimits limits) : PageModel
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

    /// <summary>The organisation already registered whose owners were asked to let the person in.</summary>
    public string? JoinRequested { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadCommunesAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadCommunesAsync(cancellationToken)) return NotFound();
        var siret = FrenchIdentifiers.Normalize(Input.Siret);
        if (!FrenchIdentifiers.IsValidSiret(siret))
            ModelState.AddModelError("Input.Siret", "Ce numéro SIRET n’est pas valide : vérifiez ses 14 chiffres.");
        else if (await db.Organisations.SingleOrDefaultAsync(o => o.Siret == siret, cancellationToken) is { } registered)
            return await AskToJoinAsync(registered, cancellationToken);
        var commune = Communes.FirstOrDefault(c => c.Code == Input.Commune);
        if (Communes.Count > 0 && commune is null && Input.Commune != OutsideTerritory)
            ModelState.AddModelError("Input.Commune", "Choisissez la commune de votre établissement dans la liste.");
        if (!ModelState.IsValid) return Page();
        if (limits.Refuses(this, Input.Email, "Input.Email")) return Page();

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
        db.Memberships.Add(new Membership
        {
            Id = Guid.NewGuid(), UserId = user.Id, OrganisationId = organisation.Id, Role = MembershipRole.OrganisationOwner, CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        await ConfirmationEmail.EnqueueAsync(db, users, user, links.Site(Territory), Territory.Name, organisation.Name, now, cancellationToken);
        if (organisation.AwaitingApproval)
            await RegistrationApprovals.AskOfficersAsync(db, organisation, user.Email!, Territory, OfficersPageLink(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Registered = true;
        AwaitingApproval = organisation.AwaitingApproval;
        return Page();
    }

    /// <summary>The SIRET is already registered: its owners are asked to let the person in (JoinRequests); nothing else is created.</summary>
    private async Task<IActionResult> AskToJoinAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        if (ModelState.GetFieldValidationState("Input.Email") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Valid) return Page();
        var owners = await JoinRequests.OwnersAsync(db, organisation.Id, cancellationToken);
        if (owners.Count == 0)
        {
            ModelState.AddModelError("Input.Siret", $"Cette organisation est déjà inscrite : demandez une invitation à l’équipe de {Territory.Name}.");
            return Page();
        }
        if (limits.Refuses(this, Input.Email, "Input.Email")) return Page();
        var email = Input.Email.Trim().ToLowerInvariant();
        await JoinRequests.AskOwnersAsync(db, Territory, links.Site(Territory), organisation, owners, email,
            $"{email} a voulu inscrire {organisation.Name} sur Assett, avec {Territory.Name} ;"
            + " elle l’est déjà, et cette personne demande à rejoindre votre équipe.",
            clock.GetUtcNow(), cancellationToken);
        JoinRequested = organisation.Name;
        return Page();
    }

    private string OfficersPageLink() => $"{links.Site(Territory)}/territoire/inscriptions";

    private async Task<bool> LoadCommunesAsync(CancellationToken cancellationToken)
    {
        if (tenant.Current is null) return false;
        Communes = await TerritoryCommunes.OfAsync(db, tenant.Current.Id, cancellationToken);
        return true;
    }
}
