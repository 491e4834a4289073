using System.ComponentModel.DataAnnotations;
using System.Text.Encodings.Web;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Invitations;
using Assett.Data.Mail;
using Assett.Data.Organisations;
using Assett.Tenancy;
using Assett.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Officers;

/// <summary>A territory officer invites an organisation's contact, who becomes its owner on accepting.</summary>
[Authorize]
public sealed class InvitationsModel(AssettDbContext db, IMultiTenantContextAccessor tenant, TimeProvider clock) : PageModel
{
    public sealed record Pending(string Organisation, string Email, DateTimeOffset ExpiresAt);

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
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Siret == siret, cancellationToken);
        if (organisation is null)
        {
            organisation = new Organisation { Id = Guid.NewGuid(), Siret = siret, Name = Input.Name.Trim(), Kind = Input.Kind, CreatedAt = now };
            db.Organisations.Add(organisation);
        }
        var email = Input.Email.Trim().ToLowerInvariant();
        var (token, hash) = InvitationTokens.Create();
        var invitation = new Invitation
        {
            Id = Guid.NewGuid(), Email = email, OrganisationId = organisation.Id, Role = MembershipRole.OrganisationOwner, TokenHash = hash,
            ExpiresAt = now + InvitationTokens.Lifetime, CreatedBy = User.Identity!.Name!, CreatedAt = now,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        var territory = tenant.Current!;
        var link = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/invitation?code={token}";
        await Outbox.EnqueueAsync(db, $"invitation:{invitation.Id}", email, $"{territory.Name} vous invite à rejoindre Assett",
            $"Bonjour,\n\n{territory.Name} invite {organisation.Name} à rejoindre sa démarche ASSETT : une autoévaluation en ligne de " +
            $"votre maturité environnementale, des pistes d’action et des rencontres entre organisations du territoire.\n\n" +
            $"Pour accepter, ouvrez ce lien (valable 14 jours, une seule fois) :\n{link}\n",
            $"<p>Bonjour,</p><p>{HtmlEncoder.Default.Encode(territory.Name)} invite {HtmlEncoder.Default.Encode(organisation.Name)} à rejoindre sa démarche ASSETT.</p>" +
            $"<p><a href=\"{HtmlEncoder.Default.Encode(link)}\">Accepter l’invitation</a> (lien valable 14 jours, une seule fois)</p>", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Invited = email;
        Input = new InputModel();
        ModelState.Clear();
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Only the territory's officers (admin role) may invite; others get 403, strangers to the territory 404.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (tenant.Current is null || await TerritoryAccess.MembershipsAsync(db, User, cancellationToken) is not { } memberships) return NotFound();
        if (memberships.All(m => m.Role != MembershipRole.OfficerAdmin)) return Forbid();
        var now = clock.GetUtcNow();
        Invitations = await db.Invitations.Where(i => i.Role == MembershipRole.OrganisationOwner && i.AcceptedAt == null && i.ExpiresAt > now)
            .Join(db.Organisations, i => i.OrganisationId, o => o.Id, (i, o) => new { o.Name, i.Email, i.ExpiresAt })
            .OrderBy(x => x.Name).Select(x => new Pending(x.Name, x.Email, x.ExpiresAt)).ToListAsync(cancellationToken);
        return null;
    }
}
