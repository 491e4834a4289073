using Assett.Data.Invitations;
using System.ComponentModel.DataAnnotations;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Organisations;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Officer.Invitations;

/// <summary>A territory officer invites an organisation's contact, who becomes its owner on accepting.</summary>
[Authorize(Policy = Access.OfficerAdmin)]
public sealed class InvitationsModel(AssettDbContext db, IMultiTenantContextAccessor tenant, TimeProvider clock, TerritoryLinks links) : PageModel
{
    public sealed record Pending(Guid Id, string Organisation, string Email, DateTimeOffset ExpiresAt);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Indiquez le nom de l’organisation.")]
        [Display(Name = "Nom de l’organisation")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Indiquez le numéro SIRET de l’organisation (14 chiffres).")]
        [Display(Name = "Numéro SIRET")]
        public string Siret { get; set; } = "";

        public OrganisationKind Kind { get; set; }

        [Required(ErrorMessage = "Indiquez l’adresse électronique de la personne à inviter.")]
        [EmailAddress(ErrorMessage = "Cette adresse électronique n’est pas valide.")]
        [Display(Name = "Adresse électronique de la personne à inviter")]
        public string Email { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The territory's, in which dates show.</summary>
    public TimeZoneInfo TimeZone => tenant.Current!.Zone;

    public IReadOnlyList<Pending> Invitations { get; private set; } = [];
    public string? Invited { get; private set; }

    /// <summary>The organisation had an owner: they were asked to add the contact, who was not invited.</summary>
    public bool OwnersAsked { get; private set; }

    /// <summary>The problems of an imported file, line by line: nothing of it was applied.</summary>
    public IReadOnlyList<ImportProblem> ImportProblems { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) is { } refusal ? refusal : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        var siret = FrenchIdentifiers.Normalize(Input.Siret);
        if (!FrenchIdentifiers.IsValidSiret(siret))
            ModelState.AddModelError("Input.Siret", "Ce numéro SIRET n’est pas valide : vérifiez ses 14 chiffres.");
        if (!ModelState.IsValid) return Page();

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var outcome = await OrganisationInvitations.InviteAsync(db, tenant.Current!, Site, siret, Input.Name, Input.Kind, Input.Email, User.Identity!.Name!,
            now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Invited = Input.Email.Trim().ToLowerInvariant();
        OwnersAsked = outcome == OrganisationInvitations.Outcome.OwnersAsked;
        Input = new InputModel();
        ModelState.Clear();
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Invitations from a CSV or XLSX file (name, SIRET, email): all of them, or none when a line is wrong.</summary>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? fichier, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        ModelState.Clear();
        if (fichier is null || fichier.Length == 0)
        {
            ImportProblems = [new ImportProblem(0, "Choisissez un fichier CSV ou Excel (.xlsx) à importer.")];
            return Page();
        }
        if (fichier.Length > MaximumFileBytes)
        {
            ImportProblems = [new ImportProblem(0, $"Ce fichier dépasse {MaximumFileBytes / 1_000_000} Mo : découpez-le.")];
            return Page();
        }
        await using var stream = fichier.OpenReadStream();
        var (rows, problems) = InvitationImport.Read(stream, fichier.FileName);
        if (problems.Count > 0)
        {
            ImportProblems = problems;
            return Page();
        }
        var now = clock.GetUtcNow();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var outcomes = new List<OrganisationInvitations.Outcome>();
            foreach (var row in rows)
                outcomes.Add(await OrganisationInvitations.InviteAsync(db, tenant.Current!, Site, row.Siret, row.Name, OrganisationKind.Entreprise, row.Email,
                    User.Identity!.Name!, now, cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            var (invited, asked) = (outcomes.Count(o => o == OrganisationInvitations.Outcome.Invited),
                outcomes.Count(o => o == OrganisationInvitations.Outcome.OwnersAsked));
            Done = $"{invited} invitation{(invited > 1 ? "s envoyées" : " envoyée")}. Chaque lien est {InvitationIssuer.Validity}."
                + (asked == 0 ? "" : $" {asked} organisation{(asked > 1 ? "s ont" : " a")} déjà une personne responsable :"
                    + " nous lui avons demandé d’ajouter votre contact à son équipe.");
        }
        return RedirectToPage();
    }

    /// <summary>Sends a pending invitation again, with a new link (the previous one stops working).</summary>
    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        if (Invitations.FirstOrDefault(i => i.Id == id) is not { } pending) return NotFound();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await OrganisationInvitations.ResendAsync(db, tenant.Current!, Site, id, clock.GetUtcNow(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        Done = $"Invitation renvoyée à {pending.Email}, avec un nouveau lien {InvitationIssuer.Validity}.";
        return RedirectToPage();
    }

    private const long MaximumFileBytes = 5_000_000;

    /// <summary>The territory's address, for the links of the emails.</summary>
    private string Site => links.Site(tenant.Current!);

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        Invitations = await db.Invitations.Where(i => i.Role == MembershipRole.OrganisationOwner && i.AcceptedAt == null && i.ExpiresAt > now)
            .Join(db.Organisations, i => i.OrganisationId, o => o.Id, (i, o) => new { i.Id, o.Name, i.Email, i.ExpiresAt })
            .OrderBy(x => x.Name).Select(x => new Pending(x.Id, x.Name, x.Email, x.ExpiresAt)).ToListAsync(cancellationToken);
        return null;
    }
}
