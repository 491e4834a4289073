using System.ComponentModel.DataAnnotations;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Invitations;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Assett.Web.Features.Shared.Access;
using Assett.Web.Features.Shared.Assessments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Assett.Web.Features.Officer.Team;

/// <summary>
/// The territory's team: its officers and their pending invitations, which every officer sees. An
/// officer admin invites officers (admin or reader) by email, changes their role and removes them; the
/// territory always keeps an admin. The officers of <c>tenant.yaml</c> are invited once, then managed
/// here (docs/decisions.md, « Configuration and what officers do in the product »).
/// </summary>
public sealed class IndexModel(AssettDbContext db, IMultiTenantContextAccessor tenant, ReferentialPackages packages, TerritoryMember member,
    TimeProvider clock, TerritoryLinks links) : OfficerPage(db, tenant, packages, member, clock)
{
    public sealed record Colleague(Guid Id, string Email, MembershipRole Role, bool IsMe);

    public sealed record Pending(string Email, MembershipRole Role, DateTimeOffset ExpiresAt);

    public static readonly MembershipRole[] Roles = [MembershipRole.OfficerAdmin, MembershipRole.OfficerReader];

    [BindProperty]
    [Required(ErrorMessage = "Indiquez l’adresse électronique de la personne à inviter.")]
    [EmailAddress(ErrorMessage = "Cette adresse électronique n’est pas valide.")]
    [StringLength(320, ErrorMessage = "Une adresse électronique tient en 320 caractères au plus.")]
    [Display(Name = "Adresse électronique de la personne à inviter")]
    public string Email { get; set; } = "";

    [BindProperty]
    public MembershipRole Role { get; set; } = MembershipRole.OfficerReader;

    public IReadOnlyList<Colleague> Officers { get; private set; } = [];
    public IReadOnlyList<Pending> Invitations { get; private set; } = [];
    public string? Invited { get; private set; }

    [TempData]
    public string? Done { get; set; }

    /// <summary>Why a change of the team was refused.</summary>
    public string? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    [HandlerAccess(Access.OfficerAdmin)]
    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var email = Email.Trim().ToLowerInvariant();
        if (!Roles.Contains(Role))
            ModelState.AddModelError(nameof(Role), "Choisissez « Administrateur » ou « Lecteur ».");
        if (Officers.Any(o => string.Equals(o.Email, email, StringComparison.OrdinalIgnoreCase)))
            ModelState.AddModelError(nameof(Email), $"{email} fait déjà partie de l’équipe du territoire : changez son rôle dans la liste.");
        else if (Invitations.FirstOrDefault(i => string.Equals(i.Email, email, StringComparison.OrdinalIgnoreCase)) is { } pending)
            ModelState.AddModelError(nameof(Email),
                $"{email} a déjà une invitation en attente, valable jusqu’au {French.Day(pending.ExpiresAt, Territory.Zone)}.");
        if (!ModelState.IsValid) return Page();

        var inviter = User.Identity!.Name!;
        var (invitation, token) = InvitationIssuer.Create(Db, email, null, Role, inviter, Clock.GetUtcNow());
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        await Db.SaveChangesAsync(cancellationToken);
        await InvitationIssuer.SendAsync(Db, $"invitation:{invitation.Id}", email, $"{inviter} vous invite sur Assett – {Territory.Name}",
            $"{inviter} vous invite à rejoindre l’équipe de {Territory.Name} sur Assett, la plateforme de la démarche ASSETT : " +
            (Role == MembershipRole.OfficerAdmin
                ? "vous pourrez suivre les organisations du territoire et gérer ses campagnes, ses invitations et son équipe."
                : "vous pourrez consulter le tableau de bord, les organisations et les rapports du territoire."),
            InvitationIssuer.Link(links.Site(Territory), token), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Invited = email;
        Email = "";
        ModelState.Clear();
        await LoadAsync(cancellationToken);
        return Page();
    }

    [HandlerAccess(Access.OfficerAdmin)]
    public async Task<IActionResult> OnPostRoleAsync(Guid id, MembershipRole newRole, CancellationToken cancellationToken)
    {
        if (!Roles.Contains(newRole)) return BadRequest();
        return await ChangeAsync(id, newRole, cancellationToken);
    }

    /// <summary>Removes an officer's membership (their account stays), or the admin themselves while another admin remains.</summary>
    [HandlerAccess(Access.OfficerAdmin)]
    public Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken cancellationToken) => ChangeAsync(id, null, cancellationToken);

    /// <summary>A new role, or none (removed), under a lock on the territory so that two admins cannot both step down.</summary>
    private async Task<IActionResult> ChangeAsync(Guid id, MembershipRole? role, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        ModelState.Clear(); // the invitation's fields, posted with no value, are not this form's
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        await Db.Database.ExecuteSqlRawAsync(LockTerritorySql, [new NpgsqlParameter("id", Territory.Id)], cancellationToken);
        var target = await Db.Memberships.SingleOrDefaultAsync(m => m.Id == id && m.OrganisationId == null, cancellationToken);
        if (target is null) return NotFound();
        var otherAdmin = await Db.ActiveMemberships.AnyAsync(m => m.OrganisationId == null && m.Role == MembershipRole.OfficerAdmin && m.Id != id,
            cancellationToken);
        if (target.Role == MembershipRole.OfficerAdmin && role != MembershipRole.OfficerAdmin && !otherAdmin)
        {
            Refused = "Le territoire garde toujours un administrateur : donnez d’abord ce rôle à quelqu’un d’autre.";
            return Page();
        }
        var email = await Db.Users.Where(u => u.Id == target.UserId).Select(u => u.Email).SingleAsync(cancellationToken);
        if (role is { } newRole) target.Role = newRole;
        else Db.Memberships.Remove(target);
        await Db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (role is null && target.UserId == (await Member.GetAsync(cancellationToken))!.UserId) return Redirect("~/"); // left the territory's team
        Done = role is { } given ? $"{email} : {RoleName(given)}." : $"{email} ne fait plus partie de l’équipe du territoire.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await LoadOfficerAsync(cancellationToken);
        var me = (await Member.GetAsync(cancellationToken))!.UserId;
        Officers = await Db.Memberships.Where(m => m.OrganisationId == null)
            .Join(Db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.Id, m.UserId, u.Email, m.Role })
            .OrderBy(x => x.Email).Select(x => new Colleague(x.Id, x.Email!, x.Role, x.UserId == me)).ToListAsync(cancellationToken);
        var now = Clock.GetUtcNow();
        Invitations = await Db.Invitations.Where(i => i.OrganisationId == null && i.AcceptedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.Email).Select(i => new Pending(i.Email, i.Role, i.ExpiresAt)).ToListAsync(cancellationToken);
    }

    public static string RoleName(MembershipRole role) => role switch
    {
        MembershipRole.OfficerAdmin => "Administrateur",
        MembershipRole.OfficerReader => "Lecteur",
        _ => role.ToString(),
    };

    private const string LockTerritorySql = "SELECT id FROM tenants WHERE id = @id FOR UPDATE";
}
