using System.ComponentModel.DataAnnotations;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Organisations;
using Assett.Data.ReferenceData;
using Assett.Web.Features.Account.Sirene;
using Assett.Web.Features.Shared.Joining;
using Assett.Web.Features.Shared.Territories;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authorization;

namespace Assett.Web.Features.Account;

/// <summary>
/// Self-registration of an organisation on a territory, with its SIRET or, for an association without one, its RNA
/// number: creates the organisation, the person's account (owner of the organisation) and queues the confirmation
/// email, all or nothing. The SIRET is looked up in the company directory (« Rechercher »), which fills the form and
/// gives the NAF code, headcount and commune; a closed establishment is refused; without an answer the form is typed
/// by hand and says why. An organisation whose commune is outside the territory waits for an officer's approval.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountFormLimits.Policy)]
public sealed class RegisterModel(AssettDbContext db, UserManager<AssettUser> users, IMultiTenantContextAccessor tenant, TimeProvider clock,
    TerritoryLinks links, AccountFormLimits limits, CompanyDirectory directory) : PageModel
{
    public const string OutsideTerritory = "hors-territoire";

    private const string InvalidSiret = "Ce numéro SIRET n’est pas valide : vérifiez ses 14 chiffres.";

    public sealed class InputModel
    {
        [Display(Name = "Numéro SIRET", Description = "14 chiffres, sur vos factures ou sur annuaire-entreprises.data.gouv.fr")]
        public string? Siret { get; set; }

        [Display(Name = "Numéro RNA (association sans SIRET)", Description = "W suivi de 9 chiffres, sur le récépissé de la préfecture")]
        public string? Rna { get; set; }

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

    /// <summary>The directory's answer about the SIRET typed, once looked up.</summary>
    public DirectoryAnswer? Directory { get; private set; }

    public bool DirectoryIsOn => directory.IsOn;

    /// <summary>Whether the establishment found is in one of the territory's communes (always, for a territory without communes).</summary>
    public bool FoundInTerritory => Directory?.Establishment is { } found && (Communes.Count == 0 || Communes.Any(c => c.Code == found.CommuneInsee));

    public bool Registered { get; private set; }
    public bool AwaitingApproval { get; private set; }

    /// <summary>The organisation already registered whose owners were asked to let the person in.</summary>
    public string? JoinRequested { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadCommunesAsync(cancellationToken) ? Page() : NotFound();

    /// <summary>« Rechercher »: the directory's answer about the SIRET fills the form; nothing is saved, and no other field is judged yet.</summary>
    public async Task<IActionResult> OnPostLookupAsync(CancellationToken cancellationToken)
    {
        if (!await LoadCommunesAsync(cancellationToken)) return NotFound();
        ModelState.Clear();
        var siret = FrenchIdentifiers.Normalize(Input.Siret ?? "");
        if (!FrenchIdentifiers.IsValidSiret(siret))
        {
            ModelState.AddModelError("Input.Siret", InvalidSiret);
            return Page();
        }
        Input.Siret = siret;
        if (await LookUpAsync(siret, cancellationToken) is { } found)
        {
            (Input.Name, Input.Kind, Input.Rna) = (found.Name, found.Kind, found.Rna ?? Input.Rna);
            Input.Commune = FoundInTerritory ? found.CommuneInsee : OutsideTerritory;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadCommunesAsync(cancellationToken)) return NotFound();
        var siret = FrenchIdentifiers.Normalize(Input.Siret ?? "") is { Length: > 0 } typed ? typed : null;
        var rna = FrenchIdentifiers.Normalize(Input.Rna ?? "").ToUpperInvariant() is { Length: > 0 } number ? number : null;
        if (siret is null && rna is null)
            ModelState.AddModelError("Input.Siret",
                "Indiquez le numéro SIRET de votre établissement (14 chiffres) ; une association sans SIRET indique son numéro RNA.");
        if (siret is not null && !FrenchIdentifiers.IsValidSiret(siret))
            ModelState.AddModelError("Input.Siret", InvalidSiret);
        if (rna is not null && !FrenchIdentifiers.IsValidRna(rna))
            ModelState.AddModelError("Input.Rna", "Ce numéro RNA n’est pas valide : il s’écrit W suivi de 9 chiffres (W863001234).");
        else if (rna is not null && siret is null && Input.Kind != OrganisationKind.Association)
            ModelState.AddModelError("Input.Kind", "Un numéro RNA est celui d’une association : choisissez « Association », ou indiquez un SIRET.");
        if (IsInvalid("Input.Siret") || IsInvalid("Input.Rna") || IsInvalid("Input.Kind")) return Page();
        var registered = await db.Organisations
            .FirstOrDefaultAsync(o => (siret != null && o.Siret == siret) || (rna != null && o.Rna == rna), cancellationToken);
        if (registered is not null) return await AskToJoinAsync(registered, cancellationToken);

        var found = siret is null ? null : await LookUpAsync(siret, cancellationToken);
        if (Directory?.Establishment is { Closed: true }) return Page();
        var commune = Communes.FirstOrDefault(c => c.Code == Input.Commune);
        if (found is null && Communes.Count > 0 && commune is null && Input.Commune != OutsideTerritory)
            ModelState.AddModelError("Input.Commune", "Choisissez la commune de votre établissement dans la liste.");
        if (!ModelState.IsValid) return Page();
        if (limits.Refuses(this, Input.Email, "Input.Email")) return Page();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var naf = found?.NafCode is { } code ? NafCodes.Find(code) : null;
        rna ??= await KnownRnaAsync(found, cancellationToken);
        var organisation = new Organisation
        {
            Id = Guid.NewGuid(), Siret = siret, Rna = rna, Name = Input.Name.Trim(), Kind = Input.Kind, CreatedAt = now,
            CommuneInsee = found is null ? commune?.Code : found.CommuneInsee, NafCode = naf?.Code, NafSection = naf?.Section, Headcount = found?.Headcount,
            AwaitingApproval = found is null ? Input.Commune == OutsideTerritory : !FoundInTerritory,
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
        if (ModelState.GetFieldValidationState("Input.Email") != ModelValidationState.Valid) return Page();
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

    /// <summary>
    /// The directory's answer about a SIRET, kept in <see cref="Directory"/> for the page; a closed establishment is
    /// refused on the SIRET's field. Null unless an open establishment was found.
    /// </summary>
    private async Task<Establishment?> LookUpAsync(string siret, CancellationToken cancellationToken)
    {
        if (!directory.IsOn) return null;
        Directory = await directory.FindAsync(Territory.Id, siret, cancellationToken);
        if (Directory.Establishment is not { Closed: true } closed) return Directory.Establishment;
        ModelState.AddModelError("Input.Siret", closed.ClosedOn is { } day
            ? $"Cet établissement est fermé depuis le {day:dd/MM/yyyy} (répertoire Sirene) : indiquez le SIRET de votre établissement en activité."
            : "Cet établissement est fermé (répertoire Sirene) : indiquez le SIRET de votre établissement en activité.");
        return null;
    }

    private bool IsInvalid(string field) => ModelState.GetFieldValidationState(field) == ModelValidationState.Invalid;

    /// <summary>The RNA number the directory gives, unless another organisation of the territory already has it.</summary>
    private async Task<string?> KnownRnaAsync(Establishment? found, CancellationToken cancellationToken) =>
        found?.Rna is { } rna && FrenchIdentifiers.IsValidRna(rna) && !await db.Organisations.AnyAsync(o => o.Rna == rna, cancellationToken)
            ? rna
            : null;

    private string OfficersPageLink() => $"{links.Site(Territory)}/territoire/inscriptions";

    private async Task<bool> LoadCommunesAsync(CancellationToken cancellationToken)
    {
        if (tenant.Current is null) return false;
        Communes = await TerritoryCommunes.OfAsync(db, tenant.Current.Id, cancellationToken);
        return true;
    }
}
