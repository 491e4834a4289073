using System.ComponentModel.DataAnnotations;
using System.Text.Encodings.Web;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Invitations;
using Assett.Data.Mail;
using Assett.Tenancy;
using Assett.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Team;

/// <summary>An organisation's team: its members, and the owner inviting colleagues by email.</summary>
[Authorize]
public sealed class IndexModel(AssettDbContext db, IMultiTenantContextAccessor tenant, TimeProvider clock) : PageModel
{
    private Guid _organisationId;

    public sealed record Member(string Email, MembershipRole Role);

    public sealed record Pending(string Email, MembershipRole Role, DateTimeOffset ExpiresAt);

    [BindProperty]
    [Required(ErrorMessage = "Indiquez l’adresse électronique de votre collègue.")]
    [EmailAddress(ErrorMessage = "Cette adresse électronique n’est pas valide.")]
    [Display(Name = "Adresse électronique de votre collègue")]
    public string Email { get; set; } = "";

    [BindProperty]
    public MembershipRole Role { get; set; } = MembershipRole.OrganisationEditor;

    public string OrganisationName { get; private set; } = "";
    public IReadOnlyList<Member> Members { get; private set; } = [];
    public IReadOnlyList<Pending> Invitations { get; private set; } = [];
    public string? Invited { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) is { } refusal ? refusal : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        if (Role is not (MembershipRole.OrganisationEditor or MembershipRole.OrganisationReader))
            ModelState.AddModelError(nameof(Role), "Choisissez « peut répondre » ou « peut consulter ».");
        if (!ModelState.IsValid) return Page();

        var email = Email.Trim().ToLowerInvariant();
        var (token, hash) = InvitationTokens.Create();
        var now = clock.GetUtcNow();
        var invitation = new Invitation
        {
            Id = Guid.NewGuid(), Email = email, OrganisationId = _organisationId, Role = Role, TokenHash = hash,
            ExpiresAt = now + InvitationTokens.Lifetime, CreatedBy = User.Identity!.Name!, CreatedAt = now,
        };
        db.Invitations.Add(invitation);
        var link = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/invitation?code={token}";
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await Outbox.EnqueueAsync(db, $"invitation:{invitation.Id}", email, $"{User.Identity.Name} vous invite sur Assett – {tenant.Current!.Name}",
            $"Bonjour,\n\n{User.Identity.Name} vous invite à rejoindre {OrganisationName} sur Assett, la démarche de {tenant.Current.Name} " +
            $"pour la transition écologique des organisations du territoire.\n\nPour accepter, ouvrez ce lien (valable 14 jours, une seule fois) :\n{link}\n",
            $"<p>Bonjour,</p><p>{HtmlEncoder.Default.Encode(User.Identity.Name!)} vous invite à rejoindre {HtmlEncoder.Default.Encode(OrganisationName)} " +
            $"sur Assett, avec {HtmlEncoder.Default.Encode(tenant.Current.Name)}.</p><p><a href=\"{HtmlEncoder.Default.Encode(link)}\">Accepter l’invitation</a> " +
            "(lien valable 14 jours, une seule fois)</p>", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Invited = email;
        Email = "";
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// The organisation the signed-in person owns in this territory, or why the page is refused: a
    /// person with no membership in the territory does not see it exists (404); a member without the
    /// owner's role, an officer or a platform administrator may not see an organisation's team (403).
    /// </summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (tenant.Current is null || await TerritoryAccess.MembershipsAsync(db, User, cancellationToken) is not { } memberships) return NotFound();
        var ownedIds = memberships.Where(m => m.Role == MembershipRole.OrganisationOwner).Select(m => m.OrganisationId).ToList();
        var owned = await db.Organisations.Where(o => ownedIds.Contains(o.Id))
            .OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(cancellationToken);
        if (owned is null) return Forbid();
        (_organisationId, OrganisationName) = (owned.Id, owned.Name);
        Members = await db.Memberships.Where(m => m.OrganisationId == owned.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Email, m.Role })
            .OrderBy(x => x.Email).Select(x => new Member(x.Email!, x.Role)).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        Invitations = await db.Invitations.Where(i => i.OrganisationId == owned.Id && i.AcceptedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.Email).Select(i => new Pending(i.Email, i.Role, i.ExpiresAt)).ToListAsync(cancellationToken);
        return null;
    }

    public static string RoleName(MembershipRole role) => role switch
    {
        MembershipRole.OrganisationOwner => "Responsable",
        MembershipRole.OrganisationEditor => "Peut répondre",
        MembershipRole.OrganisationReader => "Peut consulter",
        _ => role.ToString(),
    };
}
