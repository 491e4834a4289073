using Assett.Web.Features.Shared.Joining;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Officer.Registrations;

/// <summary>The territory's officers approve or refuse organisations that registered from outside the territory.</summary>
[Authorize(Policy = Access.OfficerAdmin)]
public sealed class RegistrationsModel(AssettDbContext db, IMultiTenantContextAccessor tenant) : PageModel
{
    public sealed record Pending(Guid Id, string Name, string Identifier, string OwnerEmail, DateTimeOffset CreatedAt);

    /// <summary>The territory's, in which dates show.</summary>
    public TimeZoneInfo TimeZone => tenant.Current!.Zone;

    public IReadOnlyList<Pending> Registrations { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) is { } refusal ? refusal : Page();

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken) => DecideAsync(id, approved: true, cancellationToken);

    public Task<IActionResult> OnPostRefuseAsync(Guid id, CancellationToken cancellationToken) => DecideAsync(id, approved: false, cancellationToken);

    private async Task<IActionResult> DecideAsync(Guid id, bool approved, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pending = Registrations.FirstOrDefault(r => r.Id == id);
        // Another officer may have decided meanwhile: the lock makes the second decision see it.
        var organisation = pending is null ? null
            : await db.Organisations.FromSqlRaw(LockPendingSql, new Npgsql.NpgsqlParameter("id", id)).SingleOrDefaultAsync(cancellationToken);
        if (pending is null || organisation is null)
        {
            Done = "Cette inscription a déjà été traitée.";
            return RedirectToPage();
        }
        await RegistrationApprovals.TellOwnerAsync(db, organisation, pending.OwnerEmail, tenant.Current!, approved, cancellationToken);
        if (approved)
            organisation.AwaitingApproval = false;
        else
        {
            db.Memberships.RemoveRange(db.Memberships.Where(m => m.OrganisationId == id));
            db.Organisations.Remove(organisation);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Done = approved ? $"L’inscription de {pending.Name} est validée." : $"L’inscription de {pending.Name} est refusée.";
        return RedirectToPage();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        Registrations = await db.Organisations.Where(o => o.AwaitingApproval)
            .Join(db.Memberships.Where(m => m.Role == MembershipRole.OrganisationOwner), o => (Guid?)o.Id, m => m.OrganisationId, (o, m) => new { o, m.UserId })
            .Join(db.Users, x => x.UserId, u => u.Id, (x, u) => new { x.o, u.Email })
            .OrderBy(x => x.o.CreatedAt).Select(x => new Pending(x.o.Id, x.o.Name, x.o.Siret ?? x.o.Rna!, x.Email!, x.o.CreatedAt))
            .ToListAsync(cancellationToken);
        return null;
    }

    private const string LockPendingSql = "SELECT * FROM organisations WHERE id = @id AND awaiting_approval FOR UPDATE";
}
