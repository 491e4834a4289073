using System.ComponentModel.DataAnnotations;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Invitations;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Team;

/// <summary>
/// An organisation's team: its members, and the owner inviting colleagues by email, changing their
/// roles (another member made « responsable » shares or takes over the ownership) and removing them.
/// The organisation always keeps an owner: the last one can neither leave nor step down.
/// </summary>
[Authorize(Policy = Access.OrganisationOwner)]
public sealed class IndexModel(AssettDbContext db, IMultiTenantContextAccessor tenant, TimeProvider clock, TerritoryLinks links, TerritoryMember member)
    : PageModel
{
    private Guid _organisationId;

    public sealed record Member(Guid Id, string Email, MembershipRole Role, bool IsMe);

    /// <summary>The roles an owner gives, « responsable » included.</summary>
    public static readonly MembershipRole[] Roles = [MembershipRole.OrganisationOwner, MembershipRole.OrganisationEditor, MembershipRole.OrganisationReader];

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

    [TempData]
    public string? Done { get; set; }

    /// <summary>Why a change of the team was refused.</summary>
    public string? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) is { } refusal ? refusal : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        if (Role is not (MembershipRole.OrganisationEditor or MembershipRole.OrganisationReader))
            ModelState.AddModelError(nameof(Role), "Choisissez « peut répondre » ou « peut consulter ».");
        if (!ModelState.IsValid) return Page();

        var email = Email.Trim().ToLowerInvariant();
        var inviter = User.Identity!.Name!;
        var territory = tenant.Current!;
        var (invitation, token) = InvitationIssuer.Create(db, email, _organisationId, Role, inviter, clock.GetUtcNow());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await InvitationIssuer.SendAsync(db, $"invitation:{invitation.Id}", email, $"{inviter} vous invite sur Assett – {territory.Name}",
            $"{inviter} vous invite à rejoindre {OrganisationName} sur Assett, la démarche de {territory.Name} " +
            "pour la transition écologique des organisations du territoire.", InvitationIssuer.Link(links.Site(territory), token), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Invited = email;
        Email = "";
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Gives a member another role; making them « responsable » hands over (or shares) the ownership.</summary>
    public async Task<IActionResult> OnPostRoleAsync(Guid id, MembershipRole role, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        if (!Roles.Contains(role)) return BadRequest();
        return await ChangeAsync(id, role, cancellationToken);
    }

    /// <summary>Removes a member, or the owner themselves (« quitter l’organisation ») while another owner stays.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        return await ChangeAsync(id, null, cancellationToken);
    }

    /// <summary>A new role, or none (removed), under a lock on the organisation so that two owners cannot both step down.</summary>
    private async Task<IActionResult> ChangeAsync(Guid id, MembershipRole? role, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Organisations.FromSqlRaw(LockOrganisationSql, new Npgsql.NpgsqlParameter("id", _organisationId)).AsNoTracking().SingleAsync(cancellationToken);
        var target = await db.Memberships.SingleOrDefaultAsync(m => m.Id == id && m.OrganisationId == _organisationId, cancellationToken);
        if (target is null) return NotFound();
        var owners = await db.Memberships.CountAsync(m => m.OrganisationId == _organisationId && m.Role == MembershipRole.OrganisationOwner, cancellationToken);
        if (target.Role == MembershipRole.OrganisationOwner && role != MembershipRole.OrganisationOwner && owners == 1)
        {
            Refused = "L’organisation garde toujours une personne responsable : donnez d’abord ce rôle à quelqu’un d’autre.";
            return Page();
        }
        var changed = Members.Single(m => m.Id == id);
        if (role is { } newRole) target.Role = newRole;
        else db.Memberships.Remove(target);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (changed.IsMe && role is null) return Redirect("~/"); // left the organisation
        if (changed.IsMe && role != MembershipRole.OrganisationOwner) return Redirect("~/evaluation"); // no longer an owner: no team page
        Done = role is { } given ? $"{changed.Email} : {RoleName(given)}." : $"{changed.Email} ne fait plus partie de l’équipe.";
        return RedirectToPage();
    }

    /// <summary>The organisation the signed-in person owns in this territory (<see cref="Access.OrganisationOwner"/> let only owners in).</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var me = (await member.GetAsync(cancellationToken))!;
        var ownedIds = me.Memberships.Where(m => m.Role == MembershipRole.OrganisationOwner).Select(m => m.OrganisationId).ToList();
        var owned = await db.Organisations.Where(o => ownedIds.Contains(o.Id))
            .OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(cancellationToken);
        if (owned is null) return Forbid();
        (_organisationId, OrganisationName) = (owned.Id, owned.Name);
        Members = await db.Memberships.Where(m => m.OrganisationId == owned.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.Id, m.UserId, u.Email, m.Role })
            .OrderBy(x => x.Email).Select(x => new Member(x.Id, x.Email!, x.Role, x.UserId == me.UserId)).ToListAsync(cancellationToken);
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

    private const string LockOrganisationSql = "SELECT * FROM organisations WHERE id = @id FOR UPDATE";
}
